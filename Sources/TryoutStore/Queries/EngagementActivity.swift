import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit
import TryoutCore

/// Check-ins, the message thread and the time log of an engagement.
public enum EngagementActivity {
    public static func book(_ input: CheckInInput, engagementID: UUID, by userID: UUID, at now: Date,
                            on db: any Database) async throws -> CheckInRecord {
        let checkIn = CheckInRecord()
        checkIn.$engagement.id = engagementID
        checkIn.startsAt = input.startsAt
        checkIn.minutes = input.minutes
        checkIn.agenda = input.agenda
        checkIn.notes = ""
        checkIn.createdBy = userID
        checkIn.createdAt = now
        try await checkIn.create(on: db)
        return checkIn
    }

    public static func checkIns(of engagementID: UUID, on db: any Database) async throws -> [CheckInRecord] {
        try await CheckIns(id: engagementID).records(on: db)
    }

    /// Kept prepared, as every engagement page reads them.
    struct CheckIns: KeptRecordsRead {
        typealias Record = CheckInRecord
        static let condition = "engagement_id = $1 ORDER BY starts_at, id"
        var id: UUID
    }

    public static func checkIn(_ id: UUID, engagementID: UUID, on db: any Database) async throws -> CheckInRecord? {
        try await CheckInRecord.query(on: db).filter(\.$id == id).filter(\.$engagement.$id == engagementID).first()
    }

    public static func record(_ notes: CheckInNotes, on checkIn: CheckInRecord, on db: any Database) async throws {
        checkIn.notes = notes.notes
        checkIn.candidateAttended = notes.candidateAttended
        try await checkIn.save(on: db)
    }

    public static func post(_ body: String, engagementID: UUID, by userID: UUID, at now: Date, on db: any Database) async throws -> MessageRecord {
        let message = MessageRecord()
        message.$engagement.id = engagementID
        message.$author.id = userID
        message.body = body
        message.createdAt = now
        try await message.create(on: db)
        try await markRead(engagementID: engagementID, userID: userID, at: now, on: db)
        return message
    }

    /// A message of the thread as people read it: what it says, when, and who wrote it.
    public struct Message: Sendable, Equatable {
        public var id: UUID
        public var authorID: UUID
        public var authorName: String
        public var body: String
        public var createdAt: Date

        /// The message `record` as its author, named `authorName`, wrote it.
        public init(_ record: MessageRecord, authorName: String) throws {
            self.init(id: try record.requireID(), authorID: record.$author.id, authorName: authorName, body: record.body, createdAt: record.createdAt)
        }

        init(id: UUID, authorID: UUID, authorName: String, body: String, createdAt: Date) {
            (self.id, self.authorID, self.authorName, self.body, self.createdAt) = (id, authorID, authorName, body, createdAt)
        }
    }

    /// The thread, oldest first, with authors' names; at most the newest `limit`.
    ///
    /// Read as plain values, not as records with their authors' records: of the messages
    /// page's time, decoding fifty messages and their authors through Fluent's fields was
    /// a ninth, and the page shows five columns of them (Benchmarks/README.md, tenth round).
    public static func messages(of engagementID: UUID, limit: Int = 500, on db: any Database) async throws -> [Message] {
        try await ThreadStatement(engagementID: engagementID, limit: limit).rows(on: db).reversed().map { row in
            Message(id: try row.decode(column: "id", as: UUID.self), authorID: try row.decode(column: "author_id", as: UUID.self),
                    authorName: try row.decode(column: "display_name", as: String.self), body: try row.decode(column: "body", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: Date.self))
        }
    }

    /// Kept prepared: every view of a thread runs it.
    struct ThreadStatement: KeptStatement {
        static let sql = """
            SELECT m.id, m.author_id, u.display_name, m.body, m.created_at
            FROM engagement_messages m JOIN users u ON u.id = m.author_id
            WHERE m.engagement_id = $1 ORDER BY m.created_at DESC, m.id DESC LIMIT $2
            """
        var engagementID: UUID
        var limit: Int
        var values: [any PostgresEncodable & Encodable & Sendable] { [engagementID, limit] }
    }

    /// Two tabs opening the thread at once both mark it read.
    public static func markRead(engagementID: UUID, userID: UUID, at now: Date, on db: any Database) async throws {
        try await Upsert.row(into: MessageReadRecord.schema, [("engagement_id", engagementID), ("user_id", userID), ("read_at", now)],
                             keys: ["engagement_id", "user_id"], on: db)
    }

    /// Messages from others the person has not read yet, per engagement. Counted by the
    /// database in one statement: a thread of thousands costs the page what one of ten does.
    public static func unread(userID: UUID, engagementIDs: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !engagementIDs.isEmpty else { return [:] }
        struct Row: Decodable { var engagement_id: UUID; var unread: Int }
        // (engagement, user) is unique in message_reads, so the join adds no rows.
        let rows = try await JobQueue.sqlDatabase(db).raw("""
            SELECT m.engagement_id AS engagement_id, count(*) AS unread
            FROM engagement_messages m
            LEFT JOIN message_reads r ON r.engagement_id = m.engagement_id AND r.user_id = \(bind: userID)
            WHERE m.engagement_id IN (\(binds: engagementIDs)) AND m.author_id <> \(bind: userID)
              AND (r.read_at IS NULL OR m.created_at > r.read_at)
            GROUP BY m.engagement_id
            """).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.engagement_id, $0.unread) }, uniquingKeysWith: +)
    }

    /// Messages from others in one engagement the person has not read yet: what its pages show.
    public static func unread(userID: UUID, in engagementID: UUID, on db: any Database) async throws -> Int {
        try await UnreadStatement(userID: userID, engagementID: engagementID).rows(on: db).first?.decode(column: "unread", as: Int.self) ?? 0
    }

    /// A message `m` the person `$1` has not read: someone else's, newer than their mark `r`, if any.
    static let unread = "m.author_id <> $1 AND (r.read_at IS NULL OR m.created_at > r.read_at)"

    /// Kept prepared, as every view of an engagement and its thread runs it.
    struct UnreadStatement: KeptStatement {
        static let sql = """
            SELECT count(*) AS unread
            FROM engagement_messages m
            LEFT JOIN message_reads r ON r.engagement_id = m.engagement_id AND r.user_id = $1
            WHERE m.engagement_id = $2 AND \(unread)
            """
        var userID: UUID
        var engagementID: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [userID, engagementID] }
    }

    /// The minutes logged on the engagement, summed by the database.
    public static func minutesLogged(of engagementID: UUID, on db: any Database) async throws -> Int {
        let row = try await MinutesStatement(engagementID: engagementID).rows(on: db).first
        return try row?.decode(column: "minutes", as: Int.self) ?? 0
    }

    /// The sum alone, as the final evaluation reads it; the overview reads it with the unread count.
    struct MinutesStatement: KeptStatement {
        static let sql = minutes(engagement: "$1")
        var engagementID: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [engagementID] }
    }

    static func minutes(engagement: String) -> String {
        "SELECT CAST(COALESCE(sum(minutes), 0) AS BIGINT) AS minutes FROM time_entries WHERE engagement_id = \(engagement)"
    }

    /// The person's unread messages and the minutes logged in one engagement: its overview shows
    /// both on every view, in one statement where two cost twice the round trip and preparing.
    public static func tallies(userID: UUID, in engagementID: UUID, on db: any Database) async throws -> (unread: Int, minutes: Int) {
        guard let row = try await TalliesStatement(userID: userID, engagementID: engagementID).rows(on: db).first else { return (0, 0) }
        return (try row.decode(column: "unread", as: Int.self), try row.decode(column: "minutes", as: Int.self))
    }

    /// Kept prepared: every view of an engagement's overview runs it.
    struct TalliesStatement: KeptStatement {
        static let sql = "SELECT (\(UnreadStatement.sql)) AS unread, (\(minutes(engagement: "$2"))) AS minutes"
        var userID: UUID
        var engagementID: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [userID, engagementID] }
    }

    @discardableResult
    public static func log(_ input: TimeEntryInput, milestoneID: UUID?, engagementID: UUID, at now: Date, on db: any Database) async throws -> TimeEntryRecord {
        let entry = TimeEntryRecord()
        entry.$engagement.id = engagementID
        entry.$milestone.id = milestoneID
        entry.day = input.day
        entry.minutes = input.minutes
        entry.note = input.note
        entry.createdAt = now
        try await entry.create(on: db)
        return entry
    }

    public static func timeEntries(of engagementID: UUID, on db: any Database) async throws -> [TimeEntryRecord] {
        try await TimeEntryRecord.query(on: db).filter(\.$engagement.$id == engagementID).sort(\.$day, .descending).sort(\.$createdAt, .descending).all()
    }

    /// Removes one of the engagement's entries; false when there is no such entry.
    public static func deleteEntry(_ id: UUID, engagementID: UUID, on db: any Database) async throws -> Bool {
        guard let entry = try await TimeEntryRecord.query(on: db).filter(\.$id == id).filter(\.$engagement.$id == engagementID).first() else {
            return false
        }
        try await entry.delete(on: db)
        return true
    }
}

/// Private calendar addresses: the token is shown once, only its hash is kept, and a new one
/// replaces (revokes) the old.
public enum CalendarFeeds {
    public static func create(userID: UUID, at now: Date, on db: any Database) async throws -> String {
        let token = SecretToken()
        try await Upsert.row(into: CalendarFeedRecord.schema, [("user_id", userID), ("token_hash", token.hash), ("created_at", now)],
                             keys: ["user_id"], on: db)
        return token.value
    }

    public static func revoke(userID: UUID, on db: any Database) async throws {
        try await CalendarFeedRecord.query(on: db).filter(\.$user.$id == userID).delete()
    }

    public static func feed(userID: UUID, on db: any Database) async throws -> CalendarFeedRecord? {
        try await CalendarFeedRecord.query(on: db).filter(\.$user.$id == userID).first()
    }

    public static func user(token: String, on db: any Database) async throws -> UserRecord? {
        guard let feed = try await CalendarFeedRecord.query(on: db).filter(\.$tokenHash == SecretToken.hash(token)).with(\.$user).first() else {
            return nil
        }
        return feed.user
    }
}
