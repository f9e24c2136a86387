import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// The employer's side of a project's applications: the list and each applicant, blind until
/// revealed; bulk decisions; the screening switches; people to invite; fairness reports.
struct ApplicantsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Applications.project(.key, .applicants), use: list)
        routes.post(SiteURL.Applications.project(.key, .decide), use: decide)
        routes.get(SiteURL.Applications.project(.key, .applicant(.key)), use: show)
        routes.post(SiteURL.Applications.project(.key, .screening), use: saveScreening)
        routes.get(SiteURL.Applications.project(.key, .candidates), use: candidates)
        routes.post(SiteURL.Applications.project(.key, .invite(.key)), use: invite)
        routes.get(SiteURL.Applications.project(.key, .fairness), use: projectFairness)
        routes.get(SiteURL.Applications.organizationFairness(.key), use: organizationFairness)
    }

    struct ListQuery: Content {
        var state: String?
        var sort: String?
        var page: Int?
    }

    func list(req: Request) async throws -> Response {
        let ctx = try await req.visitorContext()
        let listed = try await ScreeningService.listedProject(try req.projectID(), ctx)
        return try await renderList(req, ScreenedProject(listed), of: listed.organizationID, listVersion: listed.listVersion, ctx)
    }

    /// The list; with the version of the project's list, its table may come from the kept ones.
    private func renderList(_ req: Request, _ project: ScreenedProject, of organizationID: UUID, listVersion: Int? = nil, _ ctx: ActionContext,
                            errors: [FieldError] = []) async throws -> Response {
        let query = try req.query.decode(ListQuery.self)
        let state = query.state.flatMap(ApplicationState.init(rawValue:))
        let sort = query.sort.flatMap(ApplicantSort.init(rawValue:)) ?? .match
        let decides = Policy.allows(ctx.principal, .authorProjects(organizationID))
        let table = try await applicantTable(req, project, listVersion: listVersion, states: state.map { [$0] } ?? [], sort: sort,
                                             page: max(query.page ?? 1, 1), selectable: decides, ctx)
        let page = ApplicantsPage(project: project, table: table, state: state, sort: sort, decides: decides,
                                  readsFairness: Policy.allows(ctx.principal, .readFairnessReport(organizationID)),
                                  readsCalibration: Policy.allows(ctx.principal, .readCalibration(organizationID)),
                                  csrf: try await req.csrfToken(), errors: errors)
        return try await req.render("Applicants: \(project.title)", status: errors.isEmpty ? .ok : .unprocessableEntity, page)
    }

    /// The page of the list as this process last rendered it, while the project's list is at the
    /// version it was read at (read with the project, before the rows: a change that lands while
    /// they are read leaves the table marked with the older version, so the next view builds it
    /// again). Without a version it is built and not kept. Building it reads the whole project.
    private func applicantTable(_ req: Request, _ project: ScreenedProject, listVersion: Int?, states: [ApplicationState], sort: ApplicantSort,
                                page: Int, selectable: Bool, _ ctx: ActionContext) async throws -> ApplicantTable {
        let key = ApplicantTableKey(project: project.id, states: states, sort: sort, page: page, selectable: selectable,
                                    blind: project.screening.blind, on: ctx.now)
        let tables = req.application.applicantTables
        if let listVersion, let table = tables.value(key, version: listVersion) { return table }
        let record = try await ScreeningService.project(project.id, ctx)
        let table = ApplicantTable(try await ScreeningService.page(page, of: record, states: states, sort: sort, ctx), of: project.id,
                                   selectable: selectable)
        if let listVersion { tables.keep(table, key, version: listVersion) }
        return table
    }

    struct DecisionForm: Content {
        var ids: [String]?
        var action: String?
        var message: String?
        /// "applicant" when sent from one applicant's page, which the answer returns to.
        var from: String?
    }

    func decide(req: Request) async throws -> Response {
        let ctx = try await req.visitorContext()
        let project = try await ScreeningService.project(try req.projectID(), for: Action.authorProjects, ctx)
        let projectID = try req.projectID()
        let form = try req.content.decode(DecisionForm.self)
        let ids = (form.ids ?? []).compactMap(UUID.init(uuidString:))
        do {
            let decision = try ApplicationDecision(ids: ids, target: form.action.flatMap(ApplicationState.init(rawValue:)), message: form.message ?? "")
            let changes = try await ApplicationsService.decide(decision, on: projectID, ctx)
            let revealed = changes.filter(\.revealed).count
            try await req.flash("\(changes.count) application\(changes.count == 1 ? "" : "s") moved to \(decision.target.label.lowercased())."
                                + (revealed > 0 ? " Names are now shown for \(revealed)." : ""))
        } catch let failure as ValidationFailure {
            return try await renderList(req, try ScreenedProject(project), of: project.$organization.id, ctx, errors: failure.errors)
        }
        let back: SiteURL.Applications.ProjectPart = ids.count == 1 && form.from == "applicant" ? .applicant(.value(ApplicationID(ids[0]))) : .applicants
        return req.redirect(to: SiteURL.applications(.project(.value(projectID), back)).path)
    }

    func show(req: Request) async throws -> Response {
        let ctx = try await req.visitorContext()
        let project = try await ScreeningService.project(try req.projectID(), ctx)
        let view = try await ScreeningService.applicant(try req.applicationID(), of: project, ctx)
        let decides = Policy.allows(ctx.principal, .authorProjects(project.$organization.id))
        return try await req.render("\(view.displayName): \(project.title)",
                                    ApplicantPage(project: try ScreenedProject(project), applicant: view, decides: decides,
                                                  csrf: try await req.csrfToken(), now: req.now))
    }

    func saveScreening(req: Request) async throws -> Response {
        let ctx = try await req.visitorContext()
        let projectID = try req.projectID()
        let project = try await ScreeningService.project(projectID, for: Action.authorProjects, ctx)
        let form = try req.content.decode([String: String].self)
        // The ids the confirmation page listed: a reveal goes ahead only for exactly the people shown.
        let confirmed = Set((form["confirmReveal"] ?? "").split(separator: ",").compactMap { UUID(uuidString: String($0)) })
        do {
            let settings = try ScreeningSettings.parse(form)
            let revealed = try await ScreeningService.save(settings, of: projectID, ctx) { $0 == confirmed }
            try await req.flash("Screening settings saved." + (revealed == 0 ? "" : " Names are now shown for \(revealed)."))
        } catch let failure as ValidationFailure {
            return try await renderList(req, try ScreenedProject(project), of: project.$organization.id, ctx, errors: failure.errors)
        } catch let pending as RevealNeedsConfirmation {
            let revealed = try pending.applications.map {
                RevealConfirmationPage.Revealed(id: ApplicationID(try $0.requireID()), handle: $0.handle, state: $0.state)
            }
            return try await req.render("Turn blind screening off? \(project.title)",
                                        RevealConfirmationPage(project: try ScreenedProject(project), form: form, applications: revealed,
                                                               csrf: try await req.csrfToken()))
        }
        return req.redirect(to: SiteURL.applications(.project(.value(projectID), .applicants)).path)
    }

    func candidates(req: Request) async throws -> Response {
        let ctx = try await req.visitorContext()
        let project = try await ScreeningService.project(try req.projectID(), for: Action.authorProjects, ctx)
        let verifiedOnly = req.query[String.self, at: "verified"] != nil
        let people = try await ScreeningService.peopleToInvite(project, verifiedOnly: verifiedOnly, ctx)
        return try await req.render("People to invite: \(project.title)",
                                    PeopleToInvitePage(project: try ScreenedProject(project), people: people, verifiedOnly: verifiedOnly,
                                                       csrf: try await req.csrfToken()))
    }

    func invite(req: Request) async throws -> Response {
        let projectID = try req.projectID()
        guard let profileID = req.parameters.get("profileID", as: CandidateProfileID.self) else { throw ActionError.notFound }
        try await ApplicationsService.invite(profileID, to: projectID, try await req.visitorContext())
        try await req.flash("Invitation sent.")
        return req.redirect(to: SiteURL.applications(.project(.value(projectID), .candidates)).path)
    }

    func projectFairness(req: Request) async throws -> Response {
        let ctx = try await req.visitorContext()
        let project = try await ScreeningService.project(try req.projectID(), ctx)
        let tables = try await ScreeningService.fairness(of: project, ctx)
        return try await req.render("Fairness: \(project.title)", FairnessPage(title: "Fairness: \(project.title)", tables: tables))
    }

    func organizationFairness(req: Request) async throws -> Response {
        let ctx = try await req.visitorContext()
        let org = try await OrganizationsService.organization(slug: req.parameters.get("slug"), for: Action.readFairnessReport, ctx)
        let tables = try await ScreeningService.fairness(of: OrganizationID(try org.requireID()), ctx)
        return try await req.render("Fairness: \(org.name)", FairnessPage(title: "Fairness: \(org.name)", tables: tables))
    }
}
