import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// The employer's side of a project's applications: the list and each applicant, blind until
/// revealed; bulk decisions; the screening switches; people to invite; fairness reports.
struct ApplicantsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let project = routes.grouped("projects", ":projectID")
        project.get("applicants", use: list)
        project.post("applicants", "decide", use: decide)
        project.get("applicants", ":applicationID", use: show)
        project.post("screening", use: saveScreening)
        project.get("candidates", use: candidates)
        project.post("candidates", ":profileID", "invite", use: invite)
        project.get("fairness", use: projectFairness)
        routes.get("orgs", ":slug", "fairness", use: organizationFairness)
    }

    struct ListQuery: Content {
        var state: String?
        var sort: String?
    }

    func list(req: Request) async throws -> Response {
        let project = try await ApplicantScreening.project(req)
        return try await renderList(req, project)
    }

    private func renderList(_ req: Request, _ project: ProjectRecord, errors: [FieldError] = []) async throws -> Response {
        let query = try req.query.decode(ListQuery.self)
        let state = query.state.flatMap(ApplicationState.init(rawValue:))
        let sort = query.sort.flatMap(ApplicantScreening.Sort.init(rawValue:)) ?? .match
        let applicants = try await ApplicantScreening.applicants(req, project, states: state.map { [$0] } ?? [], sort: sort)
        let principal = try await req.principal()
        let page = ApplicantsPage(project: project, applicants: applicants, state: state, sort: sort,
                                  decides: Policy.allows(principal, .authorProjects(project.$organization.id)),
                                  readsFairness: Policy.allows(principal, .readFairnessReport(project.$organization.id)),
                                  csrf: try await req.csrfToken(), errors: errors)
        return try await req.render("Applicants: \(project.title)", status: errors.isEmpty ? .ok : .unprocessableEntity, page)
    }

    struct DecisionForm: Content {
        var ids: [String]?
        var action: String?
        var message: String?
        /// "applicant" when sent from one applicant's page, which the answer returns to.
        var from: String?
    }

    func decide(req: Request) async throws -> Response {
        let project = try await ApplicantScreening.project(req)
        try await req.authorize(.authorProjects(project.$organization.id))
        let form = try req.content.decode(DecisionForm.self)
        let ids = (form.ids ?? []).compactMap(UUID.init(uuidString:))
        do {
            let decision = try ApplicationDecision(ids: ids, target: form.action.flatMap(ApplicationState.init(rawValue:)), message: form.message ?? "")
            let target = decision.target
            let changes = try await Applying.decide(req, project, decision)
            let revealed = changes.filter(\.revealed).count
            try await req.flash("\(changes.count) application\(changes.count == 1 ? "" : "s") moved to \(target.label.lowercased())."
                                + (revealed > 0 ? " Names are now shown for \(revealed)." : ""))
        } catch let failure as ValidationFailure {
            return try await renderList(req, project, errors: failure.errors)
        }
        let back = ids.count == 1 && form.from == "applicant"
            ? SiteURL.applicant(project: try project.requireID(), application: ids[0]).path
            : SiteURL.projectAction(try project.requireID(), "applicants").path
        return req.redirect(to: back)
    }

    func show(req: Request) async throws -> Response {
        let (project, application) = try await Applying.applicant(req)
        guard let view = try await ApplicantScreening.views(req, project, [application]).first else { throw Abort(.notFound) }
        let decides = Policy.allows(try await req.principal(), .authorProjects(project.$organization.id))
        return try await req.render("\(view.displayName): \(project.title)",
                                    ApplicantPage(project: project, applicant: view, decides: decides, csrf: try await req.csrfToken(), now: req.now))
    }

    func saveScreening(req: Request) async throws -> Response {
        let project = try await ApplicantScreening.project(req)
        try await req.authorize(.authorProjects(project.$organization.id))
        let form = try req.content.decode([String: String].self)
        // The ids the confirmation page listed: a reveal goes ahead only for exactly the people shown.
        let confirmed = Set((form["confirmReveal"] ?? "").split(separator: ",").compactMap { UUID(uuidString: String($0)) })
        do {
            let settings = try ScreeningSettings.parse(form)
            let revealed = try await ApplicantScreening.saveScreening(req, project, settings) { $0 == confirmed }
            try await req.flash("Screening settings saved." + (revealed == 0 ? "" : " Names are now shown for \(revealed)."))
        } catch let failure as ValidationFailure {
            return try await renderList(req, project, errors: failure.errors)
        } catch let pending as ApplicantScreening.RevealNeedsConfirmation {
            return try await req.render("Turn blind screening off? \(project.title)",
                                        RevealConfirmationPage(project: project, form: form, applications: pending.applications,
                                                               csrf: try await req.csrfToken()))
        }
        return req.redirect(to: SiteURL.projectAction(try project.requireID(), "applicants").path)
    }

    func candidates(req: Request) async throws -> Response {
        let project = try await ApplicantScreening.project(req)
        try await req.authorize(.authorProjects(project.$organization.id))
        let people = try await ApplicantScreening.peopleToInvite(req, project)
        return try await req.render("People to invite: \(project.title)",
                                    PeopleToInvitePage(project: project, people: people, csrf: try await req.csrfToken()))
    }

    func invite(req: Request) async throws -> Response {
        let project = try await ApplicantScreening.project(req)
        try await req.authorize(.authorProjects(project.$organization.id))
        guard project.state == .published, let profileID = req.parameters.get("profileID", as: UUID.self),
              let profile = try await CandidateProfiles.discoverable(profileID: profileID, on: req.db) else {
            throw Abort(.notFound)
        }
        let now = req.now
        let link = SiteURL.project(try project.requireID())
        let text = "\(project.organization.name) invites you to apply to “\(project.title)”."
        try await req.db.transaction { tx in
            try await Notifications.add(userID: profile.$user.id, message: text, link: link.path, at: now, on: tx)
            try await req.mailer.send(to: profile.user.email, subject: "An invitation to apply: \(project.title)",
                                  body: "\(text)\n\nRead the brief: \(link.absolute(base: req.tryout.publicURL))\n", at: now, on: tx)
            try await AuditLog.record(req.auditEntry(.candidateInvited, organizationID: project.$organization.id,
                                                     detail: "Candidate \(BlindScreening.code(for: profileID)) to \(project.title)"), at: now, on: tx)
        }
        try await req.flash("Invitation sent.")
        return req.redirect(to: SiteURL.projectAction(try project.requireID(), "candidates").path)
    }

    func projectFairness(req: Request) async throws -> Response {
        let project = try await ApplicantScreening.project(req)
        try await req.authorize(.readFairnessReport(project.$organization.id))
        let tables = try await ApplicantScreening.fairness(req, try await Applications.forProject(try project.requireID(), on: req.db))
        return try await req.render("Fairness: \(project.title)", FairnessPage(title: "Fairness: \(project.title)", tables: tables))
    }

    func organizationFairness(req: Request) async throws -> Response {
        let org = try await Memberships.organization(req, slug: req.parameters.get("slug"), for: Action.readFairnessReport)
        let tables = try await ApplicantScreening.fairness(req, try await Applications.forOrganization(try org.requireID(), on: req.db))
        return try await req.render("Fairness: \(org.name)", FairnessPage(title: "Fairness: \(org.name)", tables: tables))
    }
}
