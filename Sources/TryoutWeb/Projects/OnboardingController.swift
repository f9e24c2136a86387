import FluentKit
import Foundation
import Plot
import TryoutCore
import TryoutStore
import Vapor

/// A project's onboarding checklist, which each new engagement copies when its place is accepted.
struct OnboardingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("projects", ":projectID", "onboarding", use: show)
        routes.post("projects", ":projectID", "onboarding", use: save)
    }

    func show(req: Request) async throws -> Response {
        let project = try await ProjectAuthoring.project(req)
        let items = project.onboarding
        return try await render(req, project, titles: items.map(\.title), owners: items.map(\.owner.rawValue))
    }

    private func render(_ req: Request, _ project: ProjectRecord, titles: [String], owners: [String], errors: [FieldError] = []) async throws -> Response {
        try await req.render("Onboarding checklist", status: errors.isEmpty ? .ok : .unprocessableEntity,
                             OnboardingPage(project: project, titles: titles, owners: owners, csrf: try await req.csrfToken(), errors: errors))
    }

    func save(req: Request) async throws -> Response {
        let project = try await ProjectAuthoring.project(req)
        let form = try req.content.decode([String: String].self)
        let titles = (0..<Onboarding.maxItems + 1).map { form["title.\($0)"] ?? "" }
        let owners = (0..<Onboarding.maxItems + 1).map { form["owner.\($0)"] ?? "" }
        do {
            project.onboarding = try Onboarding.validated(titles: titles, owners: owners)
            try await project.save(on: req.db)
        } catch let failure as ValidationFailure {
            return try await render(req, project, titles: titles, owners: owners, errors: failure.errors)
        }
        try await req.flash("Checklist saved. Engagements that start from now on use it.")
        return req.redirect(to: SiteURL.projectAction(try project.requireID(), "onboarding").path)
    }
}

/// The checklist form: a row per item with who does it.
struct OnboardingPage: Component {
    var project: ProjectRecord
    var titles: [String]
    var owners: [String]
    var csrf: String
    var errors: [FieldError]

    var body: Component {
        let rows = repeatedRows(filled: { $0 < titles.count && !titles[$0].isEmpty }, maximum: Onboarding.maxItems)
        return ComponentGroup {
            Tag.text("h1", "Onboarding checklist")
            Tag("p", ["class": "lead"]) {
                Text("What gets done in the first week of “\(project.title)”. Work on deliverables waits for the agreements; the engagement is active once every item is ticked. ")
                Tag.link("Back to the project", to: SiteURL.project(project.id!).path)
            }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.projectAction(project.id!, "onboarding").path, csrf: csrf) {
                for index in 0..<rows {
                    Tag("fieldset", [:]) {
                        Tag.text("legend", "Item \(index + 1)")
                        Field(name: "title.\(index)", label: "What", value: index < titles.count ? titles[index] : "",
                              error: errors.message("title.\(index)"), required: false)
                        SelectField(name: "owner.\(index)", label: "Who does it",
                                    options: EngagementSide.allCases.map { ($0.rawValue, $0.label) },
                                    selected: index < owners.count ? owners[index] : EngagementSide.employer.rawValue,
                                    error: errors.message("owner.\(index)"))
                    }
                }
                Submit("Save the checklist")
            }
        }
    }
}
