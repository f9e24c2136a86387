import FluentKit
import Foundation
import SQLKit
import Testing
@testable import TryoutStore
import TryoutTestSupport

/// The applicants list's statements find a project's applications by index: in best-match order
/// without sorting them all, and the ones without a kept score without reading the others.
@Suite("Indexes the applicants list reads")
struct RankingIndexesTests {
    @Test("a page in best-match order is read from the ranked index in order; applications without a kept score from their own")
    func plans() async throws {
        try await withTestApp { t in
            let project = UUID()
            let ranked = try await plan(t, """
                SELECT a.id FROM applications AS a WHERE \(Applications.listed(project, [])) ORDER BY \(Applications.order(.match)) LIMIT 50
                """)
            #expect(ranked.contains("applications_ranked") && !ranked.contains("TEMP B-TREE") && !ranked.contains("Sort"), "\(ranked)")
            let unscored = try await plan(t, "SELECT a.id FROM applications AS a WHERE \(Applications.listed(project, [])) AND a.match_score IS NULL")
            #expect(unscored.contains("applications_unscored"), "\(unscored)")
        }
    }

    /// The database's plan for `statement`, as text. PostgreSQL reads a table this small from
    /// start to end whatever its indexes, so it is asked to plan as if the table were large.
    private func plan(_ t: TestApp, _ statement: SQLQueryString) async throws -> String {
        try await t.db.transaction { db in
            let sql = try #require(db as? any SQLDatabase)
            guard sql.dialect.name == "postgresql" else {
                return try await sql.raw("EXPLAIN QUERY PLAN \(statement)").all().map { try $0.decode(column: "detail", as: String.self) }
                    .joined(separator: "\n")
            }
            try await sql.raw("SET LOCAL enable_seqscan = off").run()
            return try await sql.raw("EXPLAIN \(statement)").all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }
                .joined(separator: "\n")
        }
    }
}
