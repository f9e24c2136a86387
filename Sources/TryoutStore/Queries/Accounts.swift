import FluentKit
import FluentPostgresDriver
import SQLKit
import Foundation
import TryoutCore

public enum AccountError: Error, Equatable, Sendable {
    case emailTaken
}

/// Users, their sessions, API tokens, password resets and sign-in attempts.
public enum Accounts {
    public static func user(id: UUID, on db: any Database) async throws -> UserRecord? {
        try await UserRecord.find(id, on: db)
    }

    public static func user(email: EmailAddress, on db: any Database) async throws -> UserRecord? {
        try await UserRecord.query(on: db).filter(\.$email == email.value).first()
    }

    /// Creates a user; the unique index on e-mail settles a race between two sign-ups.
    /// `verified` says the address is already proved (demo data, an admin made on the server).
    public static func createUser(email: EmailAddress, displayName: String, passwordHash: String,
                                  isPlatformAdmin: Bool = false, verified: Bool = false, at now: Date, on db: any Database) async throws -> UserRecord {
        if try await user(email: email, on: db) != nil { throw AccountError.emailTaken }
        let user = UserRecord(email: email.value, displayName: displayName, passwordHash: passwordHash,
                              isPlatformAdmin: isPlatformAdmin, createdAt: now)
        if verified { user.emailVerifiedAt = now }
        do {
            try await user.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AccountError.emailTaken
        }
        return user
    }

    /// Each organization the user belongs to and their role there.
    public static func memberships(userID: UUID, on db: any Database) async throws -> [MemberRecord] {
        try await MemberRecord.query(on: db).filter(\.$user.$id == userID).with(\.$organization).all()
    }

    public static func principal(for user: UserRecord, on db: any Database) async throws -> Principal {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        let userID = try user.requireID()
        // One statement, as plain rows: every signed-in request asks. A school has no role.
        let rows = try await sql.raw("""
            SELECT \(ident: "organization_id"), \(ident: "role") FROM \(ident: MemberRecord.schema) WHERE \(ident: "user_id") = \(bind: userID)
            UNION ALL
            SELECT \(ident: "organization_id"), CAST(NULL AS TEXT) FROM \(ident: PartnerStudentRecord.schema) WHERE \(ident: "user_id") = \(bind: userID)
            """).all(decoding: Affiliation.self)
        return try principal(for: user, rows.map { ($0.organizationID, $0.role) })
    }

    /// The person's roles from their memberships (with a role) and schools (without).
    private static func principal(for user: UserRecord, _ affiliations: [(organizationID: UUID, role: String?)]) throws -> Principal {
        var memberships: [UUID: MemberRole] = [:]
        var schools: Set<UUID> = []
        for (organizationID, role) in affiliations {
            if let role {
                guard let role = MemberRole(rawValue: role) else { throw UnknownRole(role: role) }
                memberships[organizationID] = memberships[organizationID] ?? role
            } else {
                schools.insert(organizationID)
            }
        }
        return Principal(userID: try user.requireID(), isPlatformAdmin: user.isPlatformAdmin, memberships: memberships, schools: schools,
                         verifiedEmail: user.emailVerifiedAt == nil ? nil : user.email)
    }

    /// A membership (with its role) or a school (without) of the person.
    private struct Affiliation: Decodable {
        var organizationID: UUID
        var role: String?

        enum CodingKeys: String, CodingKey {
            case organizationID = "organization_id"
            case role
        }
    }

    /// A stored role this version does not know: refused rather than read as no role.
    struct UnknownRole: Error { var role: String }

    // MARK: Sessions

    public static func createSession(userID: UUID?, lifetime: TimeInterval, at now: Date, on db: any Database) async throws -> (SessionRecord, SecretToken) {
        let token = SecretToken()
        let session = SessionRecord(tokenHash: token.hash, userID: userID, csrfToken: SecretToken().value,
                                    createdAt: now, expiresAt: now.addingTimeInterval(lifetime))
        try await session.create(on: db)
        return (session, token)
    }

    /// A live session with its user loaded, and the user's roles.
    public struct SignedIn: Sendable {
        public var session: SessionRecord
        public var principal: Principal
        /// What the header shows, when it was asked for with the session.
        public var header: HeaderFacts.Facts?
    }

    /// The live session for a cookie value, with its user and their roles, and what the header
    /// shows when `withHeader`: a page needs it, and reading it here saves the page a statement.
    public static func session(token: String, at now: Date, withHeader: Bool = false, on db: any Database) async throws -> SignedIn? {
        let hash = SecretToken.hash(token)
        let rows = withHeader ? try await SessionWithHeaderStatement(tokenHash: hash, now: now).rows(on: db)
            : try await SessionStatement(tokenHash: hash, now: now).rows(on: db)
        guard let first = rows.first else { return nil }
        let session = try first.decode(SessionRecord.self, prefix: "s")
        let user = try first.decode(UserRecord.self, prefix: "u")
        session.$user.value = user
        var affiliations: [(organizationID: UUID, role: String?)] = []
        for row in rows {
            if let member = try row.decode(column: "m_organization_id", as: UUID?.self) {
                affiliations.append((member, try row.decode(column: "m_role", as: String.self)))
            }
            if let school = try row.decode(column: "ps_organization_id", as: UUID?.self) { affiliations.append((school, nil)) }
        }
        return SignedIn(session: session, principal: try principal(for: user, affiliations),
                        header: withHeader ? try HeaderFacts.facts(from: rows) : nil)
    }

    /// One statement, not one each for the user and their roles, kept prepared: this runs on
    /// every signed-in request. A row per membership and school (a person has a few, and seldom
    /// both); the session's and the user's columns are read from the first.
    struct SessionStatement: KeptStatement {
        static let sql = "SELECT \(columns) FROM \(joins) WHERE \(live)"
        static let columns = """
            \(SessionRecord.columns(as: "s")), \(UserRecord.columns(as: "u")),
            m.organization_id AS m_organization_id, m.role AS m_role, ps.organization_id AS ps_organization_id
            """
        static let joins = """
            sessions s JOIN users u ON u.id = s.user_id
            LEFT JOIN members m ON m.user_id = s.user_id
            LEFT JOIN partner_students ps ON ps.user_id = s.user_id
            """
        static let live = "s.token_hash = $1 AND s.expires_at > $2"
        var tokenHash: String
        var now: Date
        var values: [any PostgresEncodable & Encodable & Sendable] { [tokenHash, now] }
    }

    /// The session's statement with the header's counts and organizations (`HeaderFacts`) for a
    /// page: one statement where a page ran two.
    struct SessionWithHeaderStatement: KeptStatement {
        static let sql = """
            SELECT \(SessionStatement.columns), \(HeaderFacts.counts(of: "s.user_id")), \(HeaderFacts.organizationColumns)
            FROM \(SessionStatement.joins) LEFT JOIN organizations o ON o.id = m.organization_id
            WHERE \(SessionStatement.live)
            """
        var tokenHash: String
        var now: Date
        var values: [any PostgresEncodable & Encodable & Sendable] { [tokenHash, now] }
    }

    public static func endSessions(userID: UUID, except keep: UUID? = nil, on db: any Database) async throws {
        let query = SessionRecord.query(on: db).filter(\.$user.$id == userID)
        if let keep { query.filter(\.$id != keep) }
        try await query.delete()
    }

    /// Removes sessions that have expired and sign-in attempts too old to count for throttling.
    public static func deleteExpired(at now: Date, keepingAttemptsFor window: TimeInterval, on db: any Database) async throws {
        try await SessionRecord.query(on: db).filter(\.$expiresAt <= now).delete()
        try await LoginAttemptRecord.query(on: db).filter(\.$createdAt < now.addingTimeInterval(-window)).delete()
    }

    // MARK: API tokens

    public static func createToken(userID: UUID, name: String, at now: Date, on db: any Database) async throws -> (APITokenRecord, String) {
        let secret = "tt_" + SecretToken().value
        let record = APITokenRecord(userID: userID, name: name, tokenHash: SecretToken.hash(secret),
                                    prefix: String(secret.prefix(10)), createdAt: now)
        try await record.create(on: db)
        return (record, secret)
    }

    public static func tokens(userID: UUID, on db: any Database) async throws -> [APITokenRecord] {
        try await APITokenRecord.query(on: db)
            .filter(\.$user.$id == userID)
            .filter(\.$revokedAt == nil)
            .sort(\.$createdAt, .descending)
            .all()
    }

    /// Revokes one of the user's own live tokens; false when there is none with that id.
    public static func revokeToken(id: UUID, userID: UUID, at now: Date, on db: any Database) async throws -> APITokenRecord? {
        guard let token = try await APITokenRecord.query(on: db)
            .filter(\.$id == id).filter(\.$user.$id == userID).filter(\.$revokedAt == nil).first()
        else { return nil }
        token.revokedAt = now
        try await token.save(on: db)
        return token
    }

    /// The user a bearer token belongs to, noting when it was last used.
    public static func user(bearer: String, at now: Date, on db: any Database) async throws -> UserRecord? {
        guard let token = try await APITokenRecord.query(on: db)
            .filter(\.$tokenHash == SecretToken.hash(bearer)).filter(\.$revokedAt == nil)
            .with(\.$user).first()
        else { return nil }
        // Writing on every call would make each API read a write; once a minute is enough to show activity.
        if token.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            token.lastUsedAt = now
            try await token.save(on: db)
        }
        return token.user
    }

    // MARK: Password resets

    public static func createPasswordReset(userID: UUID, at now: Date, on db: any Database) async throws -> SecretToken {
        let token = SecretToken()
        try await PasswordResetRecord(userID: userID, tokenHash: token.hash, createdAt: now,
                                      expiresAt: now.addingTimeInterval(LinkLifetime.passwordReset)).create(on: db)
        return token
    }

    public static func usablePasswordReset(token: String, at now: Date, on db: any Database) async throws -> PasswordResetRecord? {
        try await PasswordResetRecord.query(on: db)
            .filter(\.$tokenHash == SecretToken.hash(token))
            .filter(\.$usedAt == nil)
            .filter(\.$expiresAt > now)
            .with(\.$user)
            .first()
    }

    // MARK: Sign-in attempts

    public static func recordAttempt(email: String, ip: String, succeeded: Bool, at now: Date, on db: any Database) async throws {
        if succeeded {
            // A successful sign-in forgives the account's earlier failures (not the address's).
            try await LoginAttemptRecord.query(on: db).filter(\.$email == email).filter(\.$succeeded == false).delete()
        }
        try await LoginAttemptRecord(email: email, ip: ip, succeeded: succeeded, createdAt: now).create(on: db)
    }

    public static func failedAttempts(email: String, since: Date, on db: any Database) async throws -> [Date] {
        try await LoginAttemptRecord.query(on: db)
            .filter(\.$email == email).filter(\.$succeeded == false).filter(\.$createdAt > since)
            .all(\.$createdAt)
    }

    public static func failedAttempts(ip: String, since: Date, on db: any Database) async throws -> [Date] {
        try await LoginAttemptRecord.query(on: db)
            .filter(\.$ip == ip).filter(\.$succeeded == false).filter(\.$createdAt > since)
            .all(\.$createdAt)
    }
}
