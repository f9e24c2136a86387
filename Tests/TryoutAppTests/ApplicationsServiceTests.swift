import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

extension TestLinks {
    func path(_ place: ApplicationPlace) -> String {
        switch place {
        case .application(let id): "/applications/\(id)"
        case .project(let id): "/projects/\(id)"
        case .applicants(let id): "/projects/\(id)/applicants"
        }
    }
}

/// Applying, deciding, answering and revealing, run as a job would run them: no request.
@Suite("Applications service")
struct ApplicationsServiceTests {
    @Test("applying: the candidate hears in the app and by e-mail; twice, as an employer or with blank answers is refused")
    func applying() async throws {
        try await withTestApp { t in
            let projectID = try await t.acmeProjectWithAda()
            let ada = try await t.context(as: "ada@uni.test")
            await #expect(throws: ValidationFailure.self) {
                try await ApplicationsService.apply(ApplicationInput(answers: [" "]), to: projectID, ada)
            }
            let id = try await t.apply(to: projectID)
            let mail = try #require(try await Outbox.messages(to: "ada@uni.test", on: t.db).first)
            #expect(mail.body.contains("was received") && mail.body.contains("https://tryout.test/applications/\(id)"))
            await #expect(throws: ActionError.conflict("You have already applied to this project.")) {
                try await ApplicationsService.apply(ApplicationInput(answers: ["Again"]), to: projectID, ada)
            }
            await #expect(throws: ActionError.forbidden("Only candidates can apply. Sign up as a candidate to apply to projects.")) {
                try await ApplicationsService.apply(ApplicationInput(answers: ["Me"]), to: projectID,
                                                    try await t.context(as: "hiring_manager@acme.test"))
            }
        }
    }

    /// The first page of the project's applicants, as the list shows them to `ctx`.
    private func applicants(of projectID: ProjectID, _ ctx: ActionContext) async throws -> [ApplicantRow] {
        let project = try await ScreeningService.project(projectID, ctx)
        return try await ScreeningService.page(nil, of: project, ctx).applicants
    }

    @Test("deciding reveals at the shortlist; a reviewer may not decide, and a refused move changes nothing")
    func deciding() async throws {
        try await withTestApp { t in
            let projectID = try await t.acmeProjectWithAda()
            let id = try await t.apply(to: projectID)
            let reviewer = try await t.context(as: "reviewer@acme.test")
            let offer = try ApplicationDecision(ids: [id.uuid], target: .offered, message: "")
            await #expect(throws: ActionError.notFound) { try await ApplicationsService.decide(offer, on: projectID, reviewer) }
            let list = try await applicants(of: projectID, reviewer)
            #expect(list.map(\.name) == [nil])

            try await t.decide(id, .shortlisted, on: projectID)
            let shown = try await applicants(of: projectID, reviewer)
            #expect(shown.map(\.name) == ["Ada Okafor"] && shown.map(\.state) == [.shortlisted])
            await #expect(throws: ValidationFailure.self) { try await t.decide(id, .shortlisted, on: projectID) }
        }
    }

    @Test("another organization's owner finds neither the applicants nor the project to decide on, and nothing changes")
    func anotherOrganization() async throws {
        try await withTestApp { t in
            let projectID = try await t.acmeProjectWithAda()
            let id = try await t.apply(to: projectID)
            _ = try await Factory(t).organization("Globex", roles: [.owner])
            let outsider = try await t.context(as: "owner@globex.test")
            let offer = try ApplicationDecision(ids: [id.uuid], target: .offered, message: "")
            await #expect(throws: ActionError.notFound) { try await ApplicationsService.decide(offer, on: projectID, outsider) }
            await #expect(throws: ActionError.notFound) { try await ScreeningService.project(projectID, outsider) }
            let application = try await ApplicationsService.own(id, try await t.context(as: "ada@uni.test"))
            #expect(application.state == .submitted)
        }
    }

    @Test("answering an offer: accepting starts the engagement and tells the employer; a second answer is a conflict")
    func answering() async throws {
        try await withTestApp { t in
            let projectID = try await t.acmeProjectWithAda()
            let id = try await t.apply(to: projectID)
            let ada = try await t.context(as: "ada@uni.test")
            await #expect(throws: ActionError.conflict(ApplicationTransitionError.notAllowed(from: .submitted, to: .accepted).description)) {
                try await ApplicationsService.respond(.accept, on: id, ada)
            }
            await #expect(throws: ActionError.notFound) {
                try await ApplicationsService.respond(.withdraw, on: id, try await t.context(as: "reviewer@acme.test"))
            }
            try await t.decide(id, .shortlisted, on: projectID)
            try await t.decide(id, .offered, on: projectID)
            let changes = try await ApplicationsService.respond(.accept, on: id, ada)
            #expect(changes.map(\.application.state) == [.accepted])
            #expect(try await Engagements.forApplication(id.uuid, on: t.db)?.state == .contracting)
            #expect(try await Outbox.messages(to: "hiring_manager@acme.test", on: t.db).first?.subject.contains("a place was accepted") == true)
            await #expect(throws: ActionError.conflict(ApplicationTransitionError.notAllowed(from: .accepted, to: .declined).description)) {
                try await ApplicationsService.respond(.decline, on: id, ada)
            }
            try await ApplicationsService.respond(.withdraw, on: id, ada)
            #expect(try await Engagements.forApplication(id.uuid, on: t.db)?.state == .terminated)
        }
    }

    @Test("turning blind screening off asks first, naming whom it reveals, then reveals them for good")
    func reveal() async throws {
        try await withTestApp { t in
            let projectID = try await t.acmeProjectWithAda()
            let id = try await t.apply(to: projectID)
            let manager = try await t.context(as: "hiring_manager@acme.test")
            let open = ScreeningSettings(blind: false)
            await #expect(throws: ActionError.notFound) {
                try await ScreeningService.save(open, of: projectID, try await t.context(as: "reviewer@acme.test")) { _ in true }
            }
            await #expect(throws: RevealNeedsConfirmation.self) { try await ScreeningService.save(open, of: projectID, manager) { _ in false } }
            #expect(try await Applications.unrevealed(projectID: projectID.uuid, on: t.db).count == 1)
            let revealed = try await ScreeningService.save(open, of: projectID, manager) { $0 == [id.uuid] }
            #expect(revealed == 1)
            try await ScreeningService.save(ScreeningSettings(blind: true), of: projectID, manager) { _ in false }
            let shown = try await ScreeningService.applicant(id, of: try await ScreeningService.project(projectID, manager), manager)
            #expect(shown.identity?.name == "Ada Okafor")
        }
    }
}
