import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Who may author which projects, and the briefs they work on: the reads behind the brief
/// form and the API, each refusing as `notFound` what the person may not know of.
public enum ProjectAuthors {
    /// The employer at `slug`, if the acting person may author its projects; partners post none.
    public static func employer(slug: String?, _ ctx: ActionContext) async throws -> OrganizationRecord {
        guard let slug, Slug.isValid(slug), let org = try await Organizations.find(slug: slug, on: ctx.db),
              Policy.allows(ctx.principal, .authorProjects(try org.requireID())), org.kind == .employer
        else { throw ActionError.notFound }
        return org
    }

    /// The projects of the employer at `slug`, newest first.
    public static func projects(of slug: String?, _ ctx: ActionContext) async throws -> (OrganizationRecord, [ProjectRecord]) {
        let org = try await employer(slug: slug, ctx)
        return (org, try await Projects.all(of: try org.requireID(), on: ctx.db))
    }

    /// The project, with its organization and skills, if the acting person may author its organization's projects.
    public static func authoredProject(_ id: ProjectID, _ ctx: ActionContext) async throws -> ProjectRecord {
        guard let project = try await Projects.find(id: id.uuid, on: ctx.db),
              Policy.allows(ctx.principal, .authorProjects(project.$organization.id))
        else { throw ActionError.notFound }
        return project
    }

    /// The project, if its author may also still edit it.
    public static func editableProject(_ id: ProjectID, _ ctx: ActionContext) async throws -> ProjectRecord {
        let project = try await authoredProject(id, ctx)
        guard ProjectLifecycle.isEditable(project.state) else { throw ActionError.conflict("A \(project.state.rawValue) project cannot be edited.") }
        return project
    }

    /// The brief form's input for a new project, blank or from the template with `templateID`,
    /// and that template's id and name when there is one.
    public static func newBrief(template templateID: String?) -> (BriefInput, template: (id: String, name: String)?) {
        let template = templateID.flatMap(BriefTemplates.template(id:))
        var input = BriefInput(brief: template?.brief ?? Brief(classification: .contractor, agreements: [.contractorAgreement, .ipAssignment]),
                               skillLabels: [:], partnerSlugs: [], invitedEmails: [])
        for (index, skill) in (template?.skills ?? []).enumerated() {
            input.fields["skill.\(index).label"] = skill.label
            input.fields["skill.\(index).level"] = String(skill.level)
            if skill.required { input.fields["skill.\(index).required"] = "on" }
        }
        return (input, template.map { ($0.id, $0.name) })
    }

    /// What the brief editor shows of an editable project.
    public struct Editing {
        public var project: ProjectRecord
        /// The form's fields as the brief is now.
        public var input: BriefInput
        /// What publishing still needs.
        public var lint: LintReport
        /// Partner organizations to share the brief with, by name; read for the audience step only.
        public var partners: [(name: String, slug: String)]
    }

    /// The editable project `id` as the editor's `step` shows it.
    public static func editing(_ id: ProjectID, step: BriefStep, _ ctx: ActionContext) async throws -> Editing {
        let project = try await editableProject(id, ctx)
        let brief = try await ProjectBriefs.brief(of: project, on: ctx.db)
        let audience = try await ProjectBriefs.audience(of: id.uuid, on: ctx.db)
        let labels = Dictionary(project.skills.map { ($0.$skill.id, $0.skill.label) }, uniquingKeysWith: { a, _ in a })
        let input = BriefInput(brief: brief, skillLabels: labels, partnerSlugs: try await partnerSlugs(audience, ctx), invitedEmails: audience.invitedEmails)
        return Editing(project: project, input: input, lint: try await MarketplaceService.lint(project, brief, ctx),
                       partners: step == .audience ? try await Organizations.partners(on: ctx.db) : [])
    }

    /// Parses the input for a project in `state` and resolves what needs the database: skill
    /// labels and partner addresses. Every problem is a field error.
    public static func resolve(_ input: BriefInput, for state: ProjectState, _ ctx: ActionContext) async throws -> ProjectDraft {
        var parsed = try input.parse(for: state)
        let skills = try await Taxonomy.resolve(parsed.skills.map { ($0.row, $0.label) }, on: ctx.db)
        var errors = skills.errors
        if errors.isEmpty {
            parsed.brief.skills += zip(parsed.skills, skills.uris).map { SkillRequirement(uri: $1, level: $0.level, required: $0.required) }
        }
        var partnerIDs: [UUID] = []
        for slug in parsed.partnerSlugs {
            if let org = try await Organizations.find(slug: slug, on: ctx.db), org.kind == .partner {
                partnerIDs.append(try org.requireID())
            } else {
                errors.append(FieldError("partners", "No partner organization has the address \"\(slug)\"."))
            }
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return ProjectDraft(brief: parsed.brief, audience: ProjectAudience(partnerIDs: partnerIDs, invitedEmails: parsed.invitedEmails))
    }

    /// The addresses of the partner organizations in `audience`, as the form and the API take them.
    public static func partnerSlugs(_ audience: ProjectAudience, _ ctx: ActionContext) async throws -> [String] {
        try await OrganizationRecord.query(on: ctx.db).filter(\.$id ~~ audience.partnerIDs).sort(\.$slug).all(\.$slug)
    }
}
