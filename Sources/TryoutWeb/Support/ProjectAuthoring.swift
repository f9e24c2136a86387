import Fluent
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// Brief authoring shared by the pages and the API: who may author, turning input into a
/// brief, and moving a project through its lifecycle.
enum ProjectAuthoring {
    /// The employer at `:slug`, if the signed-in person may author its projects; partners post none.
    static func employer(_ req: Request) async throws -> OrganizationRecord {
        let org = try await Memberships.organization(req, slug: req.parameters.get("slug"), for: Action.authorProjects)
        guard org.kind == .employer else { throw Abort(.notFound) }
        return org
    }

    /// The project, if the signed-in person may author projects for its organization.
    static func project(_ req: Request) async throws -> ProjectRecord {
        guard let id = req.parameters.get("projectID", as: UUID.self), let project = try await Projects.find(id: id, on: req.db) else {
            throw Abort(.notFound)
        }
        try await req.authorize(.authorProjects(project.$organization.id))
        return project
    }

    /// Parses the form for a project in `state` and resolves what needs the database: skill labels
    /// and partner slugs.
    static func resolve(_ req: Request, _ input: BriefInput, for state: ProjectState) async throws -> (Brief, ProjectAudience) {
        var parsed = try input.parse(for: state)
        let skills = try await Taxonomy.resolve(parsed.skills.map { ($0.row, $0.label) }, on: req.db)
        var errors = skills.errors
        if errors.isEmpty {
            parsed.brief.skills += zip(parsed.skills, skills.uris).map { SkillRequirement(uri: $1, level: $0.level, required: $0.required) }
        }
        var partnerIDs: [UUID] = []
        for slug in parsed.partnerSlugs {
            if let org = try await Organizations.find(slug: slug, on: req.db), org.kind == .partner {
                partnerIDs.append(try org.requireID())
            } else {
                errors.append(FieldError("partners", "No partner organization has the address \"\(slug)\"."))
            }
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return (parsed.brief, ProjectAudience(partnerIDs: partnerIDs, invitedEmails: parsed.invitedEmails))
    }

    /// The addresses of the partner organizations in `audience`, as the form and the API take them.
    static func partnerSlugs(_ req: Request, _ audience: ProjectAudience) async throws -> [String] {
        try await OrganizationRecord.query(on: req.db).filter(\.$id ~~ audience.partnerIDs).sort(\.$slug).all(\.$slug)
    }

    /// The project at `:projectID` if the visitor may read it, by its state and audience; 404 otherwise.
    static func viewableProject(_ req: Request) async throws -> ProjectRecord {
        guard let id = req.parameters.get("projectID", as: UUID.self), let project = try await Projects.find(id: id, on: req.db) else {
            throw Abort(.notFound)
        }
        let audience = try await ProjectBriefs.audience(of: id, on: req.db)
        guard ProjectAccess.canView(state: project.state, visibility: project.visibility, organizationID: project.$organization.id,
                                    partnerIDs: audience.partnerIDs, invitedEmails: audience.invitedEmails,
                                    viewer: try await req.principal())
        else { throw Abort(.notFound) }
        return project
    }

    /// Moves the project if Core allows it (publishing runs the lint), in one transaction.
    static func move(_ req: Request, _ project: ProjectRecord, to target: ProjectState) async throws(ProjectTransitionError) {
        do {
            let brief = try await ProjectBriefs.brief(of: project, on: req.db)
            try ProjectLifecycle.check(from: project.state, to: target, brief: brief, organization: project.organization.status,
                                       hourlyFloor: project.organization.payFloor)
            let now = req.now
            try await DecisionLock.run(projectID: try project.requireID(), on: req.db) { tx in
                try await ProjectBriefs.setState(project, to: target, at: now, on: tx)
                let message = target == .closed
                    ? "Applications for this project have now closed, and yours was not taken further. Thank you for the time you gave it."
                    : "This project has been cancelled. Thank you for the time you gave it."
                let changes = try await Applications.rejectRemaining(of: project, movingTo: target, message: message, at: now, on: tx)
                try await ApplicationEvents.record(req, changes, project: project, byCandidate: false, at: now, on: tx)
            }
        } catch let error as ProjectTransitionError {
            throw error
        } catch {
            throw .storage(String(reflecting: error))
        }
    }
}
