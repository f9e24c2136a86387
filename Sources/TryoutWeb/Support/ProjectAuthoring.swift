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

    /// Parses the form and resolves what needs the database: skill labels and partner slugs.
    static func resolve(_ req: Request, _ input: BriefInput) async throws -> (Brief, ProjectAudience) {
        var parsed = try input.parse()
        var errors: [FieldError] = []
        for entry in parsed.skills {
            // The form names skills by label, the API by URI.
            var skill = try await SkillRecord.find(entry.label, on: req.db)
            if skill == nil { skill = try await Taxonomy.skill(label: entry.label, on: req.db) }
            if let skill, parsed.brief.skills.contains(where: { $0.uri == skill.id }) {
                errors.append(FieldError("skill.\(entry.row).label", "\"\(entry.label)\" is listed twice; keep one."))
            } else if let skill {
                parsed.brief.skills.append(SkillRequirement(uri: try skill.requireID(), level: entry.level, required: entry.required))
            } else {
                errors.append(FieldError("skill.\(entry.row).label", try await Taxonomy.unknownSkillMessage(entry.label, on: req.db)))
            }
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

    /// The project at `:projectID` if the visitor may read it, by its state and audience; 404 otherwise.
    static func viewableProject(_ req: Request) async throws -> ProjectRecord {
        guard let id = req.parameters.get("projectID", as: UUID.self), let project = try await Projects.find(id: id, on: req.db) else {
            throw Abort(.notFound)
        }
        let audience = try await ProjectBriefs.audience(of: id, on: req.db)
        guard ProjectAccess.canView(state: project.state, visibility: project.visibility, organizationID: project.$organization.id,
                                    partnerIDs: audience.partnerIDs, invitedEmails: audience.invitedEmails,
                                    viewer: try await req.principal(), viewerEmail: req.user?.email)
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
            try await req.db.transaction { tx in
                try await ProjectBriefs.setState(project, to: target, at: now, on: tx)
            }
        } catch let error as ProjectTransitionError {
            throw error
        } catch {
            throw .storage(String(reflecting: error))
        }
    }
}
