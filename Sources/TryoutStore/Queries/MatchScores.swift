import FluentKit
import Foundation
import SQLKit

/// Applications' match scores, kept on the application so that ranking a project's hundreds of
/// applicants reads one narrow row each rather than every applicant's profile and skills.
///
/// A score is written the first time the application is ranked and forgotten (set back to null)
/// by whatever can move it: the candidate's profile, the candidate's proven work (an engagement
/// completed, a credential revoked) or the project's brief. Each forgetting also counts up
/// `score_stamp`, and a computed score is written only while the stamp is the one read with the
/// row: a ranking that read a profile just before it changed cannot keep the old score, on one
/// server or several.
public enum MatchScores {
    /// A score computed for an application whose stamp was `stamp` when it was read.
    public struct Computed: Sendable {
        public var applicationID: UUID
        public var stamp: Int
        public var score: Int

        public init(applicationID: UUID, stamp: Int, score: Int) {
            self.applicationID = applicationID
            self.stamp = stamp
            self.score = score
        }
    }

    /// Forgets the scores of the candidate's applications. Call after the change, in its transaction.
    public static func forget(candidateID: UUID, on db: any Database) async throws {
        try await forget(where: "user_id", is: candidateID, on: db)
    }

    /// Forgets the scores of the project's applications. Call after the change, in its transaction.
    public static func forget(projectID: UUID, on db: any Database) async throws {
        try await forget(where: "project_id", is: projectID, on: db)
    }

    private static func forget(where column: String, is id: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        try await sql.raw("""
            UPDATE \(ident: ApplicationRecord.schema) SET \(ident: "match_score") = NULL, \(ident: "score_stamp") = \(ident: "score_stamp") + 1
            WHERE \(ident: column) = \(bind: id)
            """).run()
    }

    /// Writes the scores whose application has not changed since it was read; the others stay
    /// null, to be computed again by the next ranking.
    public static func keep(_ scores: [Computed], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        // A statement per thousand (3,000 binds) keeps well under both databases' limits on binds.
        for start in stride(from: 0, to: scores.count, by: 1_000) {
            let rows: [SQLQueryString] = scores[start..<min(start + 1_000, scores.count)].map {
                "(\(bind: $0.applicationID), \(bind: $0.stamp), \(bind: $0.score))"
            }
            // A VALUES list names its columns column1, column2… in both databases.
            try await sql.raw("""
                UPDATE \(ident: ApplicationRecord.schema) SET \(ident: "match_score") = v.column3
                FROM (VALUES \(rows.joined(separator: ", "))) AS v
                WHERE \(ident: ApplicationRecord.schema).\(ident: "id") = v.column1
                  AND \(ident: ApplicationRecord.schema).\(ident: "score_stamp") = v.column2
                """).run()
        }
    }
}
