import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// A brief checked and resolved against the database (skill labels, partner addresses), ready
/// to be saved as a project's current brief.
public struct ProjectDraft: Sendable {
    public var brief: Brief
    public var audience: ProjectAudience

    public init(brief: Brief, audience: ProjectAudience) {
        self.brief = brief
        self.audience = audience
    }
}

/// Writing and running briefs: creating, editing, publishing, closing, cancelling and
/// duplicating projects, and their onboarding checklist. Only an employer's authors may.
public enum ProjectsService {
    /// Creates a draft project of the employer at `slug`.
    public static func create(_ draft: ProjectDraft, in slug: String?, _ ctx: ActionContext) async throws -> ProjectRecord {
        let orgID = try await ProjectAuthors.employer(slug: slug, ctx).requireID()
        return try await ctx.act(locking: .none) { ctx in
            try await ProjectBriefs.create(organizationID: orgID, brief: draft.brief, audience: draft.audience, at: ctx.now, on: ctx.db)
        }
    }

    /// Replaces the brief of an editable project. The API keeps the primary-beneficiary test as
    /// it is (`keepingInternTest`): only the web form records it.
    public static func update(_ id: ProjectID, with draft: ProjectDraft, keepingInternTest: Bool = false,
                              _ ctx: ActionContext) async throws -> ProjectRecord {
        _ = try await ProjectAuthors.editableProject(id, ctx)
        return try await ctx.act(locking: .project(id)) { ctx in
            let project = try await ProjectAuthors.editableProject(id, ctx)
            let current = try await ProjectBriefs.brief(of: project, on: ctx.db)
            var brief = draft.brief
            if keepingInternTest { brief.internTest = current.internTest }
            try await EscrowFlows.checkEdit(project, from: current, to: brief, ctx)
            try await ProjectBriefs.update(project, brief: brief, audience: draft.audience, at: ctx.now, on: ctx.db)
            return project
        }
    }

    /// Moves the project if Core allows it. Publishing runs the compliance lint: its findings are
    /// field errors. Closing and cancelling decline the applications the move ends, and their
    /// candidates hear of it as of any other decision, in the same transaction.
    public static func transition(_ id: ProjectID, to target: ProjectState, _ ctx: ActionContext) async throws -> ProjectRecord {
        _ = try await ProjectAuthors.authoredProject(id, ctx)
        let actor = try await ctx.actingUser()
        return try await ctx.act(locking: .project(id)) { ctx in
            let project = try await ProjectAuthors.authoredProject(id, ctx)
            let brief = try await ProjectBriefs.brief(of: project, on: ctx.db)
            do {
                try ProjectLifecycle.check(from: project.state, to: target, brief: brief, organization: project.organization.status,
                                           hourlyFloor: project.organization.payFloor)
            } catch ProjectTransitionError.lintFailed(let findings) {
                throw ValidationFailure(findings.map { FieldError($0.field, $0.message) })
            }
            if target == .published { try await EscrowFlows.hold(project, brief: brief, by: actor.id, ctx) }
            try await ProjectBriefs.setState(project, to: target, at: ctx.now, on: ctx.db)
            if target == .closed || target == .cancelled { try await EscrowFlows.projectEnded(project, by: actor.id, ctx) }
            if target == .published || target == .closed {
                try await Webhooks.emit(try WebhookEvents.project(target == .published ? .projectPublished : .projectClosed, project, ctx), ctx)
            }
            let message = target == .closed
                ? "Applications for this project have now closed, and yours was not taken further. Thank you for the time you gave it."
                : "This project has been cancelled. Thank you for the time you gave it."
            let changes = try await Applications.rejectRemaining(of: project, movingTo: target, message: message, at: ctx.now, on: ctx.db)
            try await ApplicationEvents.record(changes, project: project, byCandidate: false, actor: actor, ctx)
            return project
        }
    }

    /// A draft copy of the project's brief and audience, titled as a copy.
    public static func duplicate(_ id: ProjectID, _ ctx: ActionContext) async throws -> ProjectRecord {
        let project = try await ProjectAuthors.authoredProject(id, ctx)
        return try await ctx.act(locking: .none) { ctx in
            var brief = try await ProjectBriefs.brief(of: project, on: ctx.db)
            brief.title = String("Copy of \(brief.title)".prefix(120))
            let audience = try await ProjectBriefs.audience(of: id.uuid, on: ctx.db)
            return try await ProjectBriefs.create(organizationID: project.$organization.id, brief: brief, audience: audience,
                                                  at: ctx.now, on: ctx.db)
        }
    }

    /// Saves the checklist each new engagement of the project copies when its place is accepted.
    public static func saveOnboarding(_ id: ProjectID, titles: [String], owners: [String], _ ctx: ActionContext) async throws {
        _ = try await ProjectAuthors.authoredProject(id, ctx)
        let items = try Onboarding.validated(titles: titles, owners: owners)
        try await ctx.act(locking: .project(id)) { ctx in
            let project = try await ProjectAuthors.authoredProject(id, ctx)
            project.onboarding = items
            try await project.save(on: ctx.db)
        }
    }
}
