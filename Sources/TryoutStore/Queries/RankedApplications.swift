import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// A project's applicants in the order the employer asks for, sorted and paged by the database:
/// a list of 500 reads the 50 it shows. Best match first sorts by the scores kept on the
/// applications (`MatchScores`), so the applicants whose score a change has forgotten are scored
/// first (`unscored`).
extension Applications {
    /// An application whose kept score is unknown, with the stamp its score is to be written against.
    public struct Unscored: Decodable, Sendable {
        public var id: UUID
        public var candidateID: UUID
        public var scoreStamp: Int

        enum CodingKeys: String, CodingKey {
            case id
            case candidateID = "user_id"
            case scoreStamp = "score_stamp"
        }
    }

    /// Where a page of the list starts: after so many applicants (the pages shown), or after one
    /// application (the API's cursor; an application not in the project's list starts at the first).
    public enum Start: Sendable {
        case offset(Int)
        case after(UUID)
    }

    /// The project's applications in `states` (all when empty) with no kept score.
    public static func unscored(projectID: UUID, states: [ApplicationState], on db: any Database) async throws -> [Unscored] {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        return try await sql.raw("""
            SELECT \(ident: "id"), \(ident: "user_id"), \(ident: "score_stamp") FROM \(ident: ApplicationRecord.schema) AS a
            WHERE \(listed(projectID, states)) AND a.\(ident: "match_score") IS NULL
            """).all(decoding: Unscored.self)
    }

    /// How many applications the project has in `states` (all when empty).
    static func count(projectID: UUID, states: [ApplicationState], on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: ApplicationRecord.schema) AS a WHERE \(listed(projectID, states))").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Up to `limit` of the project's applications in `states` (all when empty), in `sort` order
    /// from `start`. Best match ranks an unknown score as 0; ties go to the earlier application,
    /// then to the id, so that every order is total and pages neither repeat nor skip.
    public static func ranked(projectID: UUID, states: [ApplicationState], sort: ApplicantSort, from start: Start, limit: Int,
                              on db: any Database) async throws -> [UUID] {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        let table = ApplicationRecord.schema
        let order = order(sort)
        let query: SQLQueryString = switch start {
        case .offset(let offset):
            """
            SELECT a.id FROM \(ident: table) AS a WHERE \(listed(projectID, states))
            ORDER BY \(order) LIMIT \(literal: limit) OFFSET \(literal: offset)
            """
        case .after(let cursor):
            // c is the application the cursor names: the page holds what sorts after it.
            """
            SELECT a.id FROM \(ident: table) AS a
            LEFT JOIN \(ident: table) AS c ON c.id = \(bind: cursor) AND c.project_id = \(bind: projectID)
            WHERE \(listed(projectID, states)) AND (c.id IS NULL OR \(sortsAfterCursor(sort)))
            ORDER BY \(order) LIMIT \(literal: limit)
            """
        }
        return try await sql.raw(query).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// The order of `sort` over applications a.
    static func order(_ sort: ApplicantSort) -> SQLQueryString {
        switch sort {
        case .match: "COALESCE(a.match_score, 0) DESC, a.created_at, a.id"
        case .newest: "a.created_at DESC, a.id"
        case .oldest: "a.created_at, a.id"
        }
    }

    /// Whether application a sorts after the cursor's application c in `sort` order.
    private static func sortsAfterCursor(_ sort: ApplicantSort) -> SQLQueryString {
        let later: SQLQueryString = sort == .newest ? "a.created_at < c.created_at" : "a.created_at > c.created_at"
        let byTime: SQLQueryString = "(\(later) OR (a.created_at = c.created_at AND a.id > c.id))"
        guard sort == .match else { return byTime }
        return """
            (COALESCE(a.match_score, 0) < COALESCE(c.match_score, 0)
             OR (COALESCE(a.match_score, 0) = COALESCE(c.match_score, 0) AND \(byTime)))
            """
    }

    /// The project's applications (as a) in `states`, all when empty.
    static func listed(_ projectID: UUID, _ states: [ApplicationState]) -> SQLQueryString {
        states.isEmpty ? "a.project_id = \(bind: projectID)"
            : "a.project_id = \(bind: projectID) AND a.state IN (\(binds: states.map(\.rawValue)))"
    }
}
