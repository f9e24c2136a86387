import FluentKit
import Foundation
import FluentPostgresDriver

extension Applications {
    /// The version of the project's applicants list (`CreateApplicantListVersions`): it moves
    /// whenever anything the list shows may have changed, and is 0 until the first application.
    public static func listVersion(projectID: UUID, on db: any Database) async throws -> Int {
        try await ListVersionStatement(projectID: projectID).rows(on: db).first?.decode(column: "version", as: Int.self) ?? 0
    }

    /// Kept prepared: every view of the list reads it first.
    struct ListVersionStatement: KeptStatement {
        static let sql = "SELECT version FROM applicant_list_versions WHERE project_id = $1"
        var projectID: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [projectID] }
    }
}
