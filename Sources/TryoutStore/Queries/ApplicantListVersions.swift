import FluentKit
import FluentPostgresDriver
import Foundation
import TryoutCore

extension Applications {
    /// What the applicants list shows of its project and needs to authorize a view, with the
    /// version of the project's list (`CreateApplicantListVersions`), which moves whenever
    /// anything the list shows may have changed and is 0 until the first application.
    public struct ListedProject: Decodable, Sendable {
        public var id: UUID
        public var organizationID: UUID
        public var title: String
        public var state: ProjectState
        public var blindScreening: Bool
        public var revealAt: RevealStage
        public var offerWindowDays: Int
        public var listVersion: Int

        public var screening: ScreeningSettings {
            ScreeningSettings(blind: blindScreening, revealAt: revealAt, offerWindowDays: offerWindowDays)
        }

        private enum CodingKeys: String, CodingKey {
            case id, title, state
            case organizationID = "organization_id", blindScreening = "blind_screening", revealAt = "reveal_at"
            case offerWindowDays = "offer_window_days", listVersion = "list_version"
        }
    }

    /// One narrow statement, as the list reads it on every view: a list whose table is kept needs
    /// nothing else of the project, and the whole record (50 columns) cost a kept view a tenth of
    /// its time to prepare and decode (Benchmarks/README.md, fifteenth round).
    public static func listedProject(id: UUID, on db: any Database) async throws -> ListedProject? {
        try await ListedProjectStatement(id: id).rows(on: db).first?.decode(model: ListedProject.self)
    }

    /// Kept prepared: every view of the list starts with it.
    struct ListedProjectStatement: KeptStatement {
        static let sql = """
            SELECT p.id, p.organization_id, p.title, p.state, p.blind_screening, p.reveal_at, p.offer_window_days,
              COALESCE((SELECT v.version FROM applicant_list_versions AS v WHERE v.project_id = p.id), 0) AS list_version
            FROM projects AS p WHERE p.id = $1
            """
        var id: UUID
        var values: [any PostgresEncodable & Encodable & Sendable] { [id] }
    }
}
