import Foundation
import TryoutApp
import TryoutCore
import Vapor

/// A candidate's own profile, and their voluntary demographics on a page of their own.
struct ProfileController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Profiles.profile, use: show)
        routes.post(SiteURL.Profiles.profile, use: save)
        routes.get(SiteURL.Profiles.recommended, use: recommended)
        routes.get(SiteURL.Profiles.start(), use: start)
        routes.post(SiteURL.Profiles.start(), use: saveStart)
        routes.get(SiteURL.Profiles.demographics, use: demographics)
        routes.post(SiteURL.Profiles.demographics, use: saveDemographics)
    }

    func show(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let own = try await ProfilesService.profile(of: try await ProfilesService.owner(ctx), ctx)
        return try await render(req, input: CandidateProfileInput(profile: own.profile, skillLabels: own.skillLabels))
    }

    func save(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let owner = try await ProfilesService.owner(ctx)
        let input = CandidateProfileInput(try req.content.decode([String: String].self))
        do {
            try await ProfilesService.save(input, for: owner, ctx)
            try await req.flash("Profile saved.")
            return req.redirect(to: SiteURL.Profiles.profile.path)
        } catch let failure as ValidationFailure {
            return try await render(req, input: input, status: .unprocessableEntity, errors: failure.errors,
                                    choices: try await TaxonomyService.choices(for: failure.errors, in: input.fields, ctx))
        }
    }

    func start(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let own = try await ProfilesService.profile(of: try await ProfilesService.owner(ctx), ctx)
        return try await req.render("Set up your profile", ProfileStartPage(
            csrf: try await req.csrfToken(), input: CandidateProfileInput(profile: own.profile, skillLabels: own.skillLabels),
            next: RedirectTarget.samePath(req.query[String.self, at: "next"]) ?? "", errors: []))
    }

    /// Saves the first steps over the rest of the profile, which stays as it was, then goes on
    /// to where the person came from.
    func saveStart(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let owner = try await ProfilesService.owner(ctx)
        let own = try await ProfilesService.profile(of: owner, ctx)
        let posted = try req.content.decode([String: String].self)
        let input = CandidateProfileInput(profile: own.profile, skillLabels: own.skillLabels).replacingFirstSteps(with: posted)
        let next = RedirectTarget.samePath(posted["next"]) ?? ""
        do {
            try await ProfilesService.save(input, for: owner, ctx)
        } catch let failure as ValidationFailure {
            let choices = try await TaxonomyService.choices(for: failure.errors, in: input.fields, ctx)
            return try await req.render("Set up your profile", status: .unprocessableEntity,
                                        ProfileStartPage(csrf: try await req.csrfToken(), input: input, next: next, errors: failure.errors,
                                                         choices: choices))
        }
        try await req.flash("Profile saved. You can add a headline, languages and links on your profile any time.")
        return req.redirect(to: next.isEmpty ? SiteURL.site(.home).path : next)
    }

    private func render(_ req: Request, input: CandidateProfileInput, status: HTTPStatus = .ok,
                        errors: [FieldError] = [], choices: [String: [String]] = [:]) async throws -> Response {
        try await req.render("Your profile", status: status, ProfilePage(csrf: try await req.csrfToken(), input: input, errors: errors, choices: choices))
    }

    func recommended(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let found = try await ProfilesService.recommendations(for: try await ProfilesService.owner(ctx), limit: 20, ctx)
        return try await req.render("Recommended for you", RecommendedPage(view: try RecommendationsView(found)))
    }

    func demographics(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let answers = try await ProfilesService.demographics(of: try await ProfilesService.owner(ctx), ctx)
        return try await req.render("Voluntary questions", DemographicsPage(csrf: try await req.csrfToken(), answers: answers, errors: []))
    }

    func saveDemographics(req: Request) async throws -> Response {
        let ctx = try await req.signedInContext()
        let owner = try await ProfilesService.owner(ctx)
        do {
            try await ProfilesService.saveDemographics(try req.content.decode([String: String].self), for: owner, ctx)
        } catch let failure as ValidationFailure {
            return try await req.render("Voluntary questions", status: .unprocessableEntity,
                                        DemographicsPage(csrf: try await req.csrfToken(), answers: [:], errors: failure.errors))
        }
        try await req.flash("Thank you. Your answers are kept apart from your profile and never shown to employers.")
        return req.redirect(to: SiteURL.Profiles.profile.path)
    }
}
