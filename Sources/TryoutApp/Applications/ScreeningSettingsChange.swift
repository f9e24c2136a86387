import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Turning blind screening off would show who these applicants are, and nobody confirmed it.
/// The API answers 409 with their handles; the page asks.
public struct RevealNeedsConfirmation: Error, Sendable {
    public let applications: [ApplicationRecord]

    public var reason: String {
        let count = applications.count
        return "Turning blind screening off shows who \(count) applicant\(count == 1 ? " is" : "s are"): "
            + applications.map(\.handle).joined(separator: ", ")
            + ". Send \"confirmReveal\": true to go ahead; each is recorded in the audit log and stays revealed."
    }
}

extension ScreeningService {
    /// Saves the project's screening switches, audited. Settings without blind screening show who
    /// every application not yet revealed is: `confirmed` is asked with their ids first (a no
    /// throws `RevealNeedsConfirmation`, changing nothing), and each reveal is audited and kept,
    /// so turning blind screening on again hides them no more. Returns how many were revealed.
    @discardableResult
    public static func save(_ settings: ScreeningSettings, of projectID: ProjectID, _ ctx: ActionContext,
                            confirmed: @escaping @Sendable (Set<UUID>) -> Bool) async throws -> Int {
        let project = try await project(projectID, for: Action.authorProjects, ctx)
        let actor = try await ctx.actingUser()
        let orgID = project.$organization.id
        // Under the project's decision lock, so no decision reveals one of them meanwhile.
        return try await ctx.act(locking: .project(projectID)) { ctx in
            let revealing = settings.blind ? [] : try await Applications.unrevealed(projectID: projectID.uuid, on: ctx.db)
            let ids = Set(try revealing.map { try $0.requireID() })
            guard ids.isEmpty || confirmed(ids) else { throw RevealNeedsConfirmation(applications: revealing) }
            project.screening = settings
            try await project.save(on: ctx.db)
            let detail = "\(project.title): \(settings.blind ? "blind, names shown \(settings.revealAt.label.lowercased())" : "names shown"), "
                + "\(settings.offerWindowDays) days to answer an offer"
            try await ctx.audit(.screeningChanged, by: actor, organizationID: orgID, detail: detail)
            try await Applications.reveal(revealing, at: ctx.now, on: ctx.db)
            for application in revealing {
                try await ctx.audit(.identityRevealed, by: actor, organizationID: orgID,
                                    detail: "\(application.handle) on \(project.title): blind screening turned off")
            }
            return revealing.count
        }
    }
}
