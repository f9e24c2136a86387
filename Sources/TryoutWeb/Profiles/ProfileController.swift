import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// A candidate's own profile, and their voluntary demographics on a page of their own.
struct ProfileController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("profile", use: show)
        routes.post("profile", use: save)
        routes.get("profile", "recommended", use: recommended)
        routes.get("profile", "demographics", use: demographics)
        routes.post("profile", "demographics", use: saveDemographics)
    }

    func show(req: Request) async throws -> Response {
        let record = try await ProfileEditing.ownProfile(req)
        let profile = try await CandidateProfiles.profile(record, on: req.db)
        var labels: [String: String] = [:]
        for claim in profile.skills { labels[claim.uri] = try await Taxonomy.skill(uri: claim.uri, on: req.db)?.label }
        return try await render(req, record: record, input: CandidateProfileInput(profile: profile, skillLabels: labels))
    }

    func save(req: Request) async throws -> Response {
        let record = try await ProfileEditing.ownProfile(req)
        let input = CandidateProfileInput(try req.content.decode([String: String].self))
        do {
            try await ProfileEditing.save(req, record, try await ProfileEditing.resolve(req, input))
            try await req.flash("Profile saved.")
            return req.redirect(to: SiteURL.profile.path)
        } catch let failure as ValidationFailure {
            return try await render(req, record: record, input: input, status: .unprocessableEntity, errors: failure.errors)
        }
    }

    private func render(_ req: Request, record: CandidateProfileRecord, input: CandidateProfileInput, status: HTTPStatus = .ok,
                        errors: [FieldError] = []) async throws -> Response {
        try await req.render("Your profile", status: status,
                             ProfilePage(csrf: try await req.csrfToken(), slug: record.slug, input: input, errors: errors))
    }

    func recommended(req: Request) async throws -> Response {
        let profile = try await CandidateProfiles.profile(try await ProfileEditing.ownProfile(req), on: req.db)
        let found = try await Recommendations.projects(for: profile, viewer: try await req.searchViewer(), limit: 20, on: req.db)
        return try await req.render("Recommended for you", RecommendedPage(recommendations: found, hasSkills: !profile.skills.isEmpty))
    }

    func demographics(req: Request) async throws -> Response {
        _ = try await ProfileEditing.ownProfile(req)
        let answers = try await CandidateProfiles.demographics(userID: try req.requireUser().requireID(), on: req.db)
        return try await req.render("Voluntary questions", DemographicsPage(csrf: try await req.csrfToken(), answers: answers, errors: []))
    }

    func saveDemographics(req: Request) async throws -> Response {
        _ = try await ProfileEditing.ownProfile(req)
        let form = try req.content.decode([String: String].self)
        let answers: [FairnessReport.Dimension: String]
        do {
            answers = try FairnessReport.answers(form)
        } catch {
            return try await req.render("Voluntary questions", status: .unprocessableEntity,
                                        DemographicsPage(csrf: try await req.csrfToken(), answers: [:], errors: error.errors))
        }
        let userID = try req.requireUser().requireID()
        let (now, chosen) = (req.now, answers)
        try await req.db.transaction { tx in try await CandidateProfiles.setDemographics(userID: userID, chosen, at: now, on: tx) }
        try await req.flash("Thank you. Your answers are kept apart from your profile and never shown to employers.")
        return req.redirect(to: SiteURL.profile.path)
    }
}
