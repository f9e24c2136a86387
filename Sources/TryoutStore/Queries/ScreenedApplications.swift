import FluentKit
import Foundation
import SQLKit
import TryoutCore

extension Applications {
    /// An application as the employer's screening reads it: what the candidate sent, where it
    /// stands, and who sent it (shown or not as the project's blind screening says).
    public struct Screened: Equatable, Sendable {
        public var id: UUID
        public var candidateID: UUID
        public var state: ApplicationState
        public var appliedAt: Date
        public var stateChangedAt: Date
        public var offerExpiresAt: Date?
        public var message: String
        public var answers: [String]
        public var coverNote: String
        public var portfolio: [String]
        public var revealedAt: Date?
        public var candidateName: String
        public var candidateEmail: String

        public var handle: String { BlindScreening.handle(for: id) }

        /// The application read with its candidate.
        public init(_ application: ApplicationRecord) throws {
            self.init(id: try application.requireID(), candidateID: application.$candidate.id, state: application.state,
                      appliedAt: application.createdAt, stateChangedAt: application.stateChangedAt, offerExpiresAt: application.offerExpiresAt,
                      message: application.message, answers: application.answers, coverNote: application.coverNote,
                      portfolio: application.portfolio, revealedAt: application.revealedAt,
                      candidateName: application.candidate.displayName, candidateEmail: application.candidate.email)
        }

        init(id: UUID, candidateID: UUID, state: ApplicationState, appliedAt: Date, stateChangedAt: Date, offerExpiresAt: Date?,
             message: String, answers: [String], coverNote: String, portfolio: [String], revealedAt: Date?,
             candidateName: String, candidateEmail: String) {
            (self.id, self.candidateID, self.state, self.appliedAt, self.stateChangedAt) = (id, candidateID, state, appliedAt, stateChangedAt)
            (self.offerExpiresAt, self.message, self.answers, self.coverNote) = (offerExpiresAt, message, answers, coverNote)
            (self.portfolio, self.revealedAt, self.candidateName, self.candidateEmail) = (portfolio, revealedAt, candidateName, candidateEmail)
        }
    }

    /// The project's applications with `ids` as screening reads them: one statement and plain
    /// rows, as the applicants list asks for a page of them on every view.
    public static func screened(_ ids: [UUID], projectID: UUID, on db: any Database) async throws -> [Screened] {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        guard !ids.isEmpty else { return [] }
        return try screened(try await sql.raw("""
            SELECT \(screenedColumns) FROM \(ident: ApplicationRecord.schema) a
            JOIN \(ident: UserRecord.schema) u ON u.\(ident: "id") = a.\(ident: "user_id")
            WHERE a.\(ident: "project_id") = \(bind: projectID) AND a.\(ident: "id") IN (\(binds: ids))
            """).all(decoding: ScreenedRow.self))
    }

    /// An application as the applicants list shows it: who (named once revealed), where it
    /// stands and when it came. Only these columns are read, not what the applicant wrote: the
    /// list asks for a page of them on every view.
    public struct Listed: Decodable, Sendable {
        public var id: UUID
        public var candidateID: UUID
        public var state: ApplicationState
        public var appliedAt: Date
        public var revealedAt: Date?
        public var candidateName: String

        public var handle: String { BlindScreening.handle(for: id) }

        private enum CodingKeys: String, CodingKey {
            case id, state
            case candidateID = "user_id", appliedAt = "created_at", revealedAt = "revealed_at", candidateName = "display_name"
        }
    }

    /// Page `number` (from 1; past the last page, the last) of `size` of the project's
    /// applications in `states` (all when empty), in `sort` order, as the list shows them, with
    /// how many there are in all: one statement, as the applicants list runs it on every view.
    public static func listedPage(_ number: Int, size: Int, projectID: UUID, states: [ApplicationState], sort: ApplicantSort,
                                  on db: any Database) async throws -> (applications: [Listed], total: Int, number: Int) {
        // A page number from an address can be any number: one whose offset would not fit is past the last page too.
        let number = min(number, Int.max / size)
        // The page's ids are sorted and cut with only the sort's columns read; in best-match
        // order the database reads them in order from `applications_ranked` and stops after the
        // page. The count is a subquery run once. A window (count(*) OVER (), row_number())
        // numbered and sorted every application first: 0.71 ms against 0.30 for 500 applicants
        // on SQLite (Benchmarks/README.md, tenth round).
        let rows = try await JobQueue.sqlDatabase(db).raw("""
            SELECT a.id, a.user_id, a.state, a.created_at, a.revealed_at, u.display_name, r.total FROM (
              SELECT a.id, (SELECT count(*) FROM \(ident: ApplicationRecord.schema) AS a WHERE \(listed(projectID, states))) AS total
              FROM \(ident: ApplicationRecord.schema) AS a WHERE \(listed(projectID, states))
              ORDER BY \(order(sort)) LIMIT \(literal: size) OFFSET \(literal: (number - 1) * size)
            ) AS r
            JOIN \(ident: ApplicationRecord.schema) a ON a.id = r.id
            JOIN \(ident: UserRecord.schema) u ON u.id = a.user_id
            ORDER BY \(order(sort))
            """).all()
        guard let first = rows.first else {
            // Past the last page, or no applications: the count says which page is the last.
            let total = try await count(projectID: projectID, states: states, on: db)
            let last = max(1, (total + size - 1) / size)
            guard number > last else { return ([], total, number) }
            return try await listedPage(last, size: size, projectID: projectID, states: states, sort: sort, on: db)
        }
        return (try rows.map { try $0.decode(model: Listed.self) }, try first.decode(column: "total", as: Int.self), number)
    }

    private static var screenedColumns: SQLQueryString {
        """
        a.\(ident: "id"), a.\(ident: "user_id"), a.\(ident: "state"), a.\(ident: "created_at"), a.\(ident: "state_changed_at"),
        a.\(ident: "offer_expires_at"), a.\(ident: "message"), a.\(ident: "answers"), a.\(ident: "cover_note"),
        a.\(ident: "portfolio"), a.\(ident: "revealed_at"), u.\(ident: "display_name"), u.\(ident: "email")
        """
    }

    private static func screened(_ rows: [ScreenedRow]) throws -> [Screened] {
        try rows.map { row in
            guard let state = ApplicationState(rawValue: row.state) else { throw UnknownState(state: row.state) }
            return Screened(id: row.id, candidateID: row.userID, state: state, appliedAt: row.createdAt, stateChangedAt: row.stateChangedAt,
                            offerExpiresAt: row.offerExpiresAt, message: row.message,
                            answers: ApplicationRecord.answers(row.answers), coverNote: row.coverNote,
                            portfolio: ApplicationRecord.portfolio(row.portfolio),
                            revealedAt: row.revealedAt, candidateName: row.displayName, candidateEmail: row.email)
        }
    }

    private struct ScreenedRow: Decodable {
        var id: UUID
        var userID: UUID
        var state: String
        var createdAt: Date
        var stateChangedAt: Date
        var offerExpiresAt: Date?
        var message: String
        var answers: String
        var coverNote: String
        var portfolio: String
        var revealedAt: Date?
        var displayName: String
        var email: String

        enum CodingKeys: String, CodingKey {
            case id, state, message, answers, portfolio, email
            case userID = "user_id"
            case createdAt = "created_at"
            case stateChangedAt = "state_changed_at"
            case offerExpiresAt = "offer_expires_at"
            case coverNote = "cover_note"
            case revealedAt = "revealed_at"
            case displayName = "display_name"
        }
    }
}
