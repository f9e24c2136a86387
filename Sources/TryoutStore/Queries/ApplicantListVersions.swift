import FluentKit
import FluentPostgresDriver
import Foundation

extension Applications {
    /// The project with its organization, as `Projects.find` reads it without its skills, and the
    /// version of its applicants list (`CreateApplicantListVersions`), which moves whenever
    /// anything the list shows may have changed and is 0 until the first application. One
    /// statement, as the list reads both on every view.
    public static func listedProject(id: UUID, on db: any Database) async throws -> (project: ProjectRecord, listVersion: Int)? {
        let rows = try await ListedProjectStatement(id: id).rows(on: db)
        guard let row = rows.first, let project = try ProjectRecord.records(rows, with: \.$organization).first else { return nil }
        return (project, try row.decode(column: "list_version", as: Int.self))
    }

    /// Kept prepared: every view of the list starts with it.
    struct ListedProjectStatement: KeptStatement {
        static let sql = ProjectRecord.joined(\.$organization, also: [
            "COALESCE((SELECT v.version FROM applicant_list_versions AS v WHERE v.project_id = r.id), 0) AS list_version",
        ]) + " WHERE r.id = $1"
        var id: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [id] }
    }
}
