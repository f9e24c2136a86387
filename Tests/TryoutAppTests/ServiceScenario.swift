import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// What the services' tests share: acting as someone, and the world most of them start from.
extension TestApp {
    /// The context of the account at `email` acting, as the web layer builds it for a signed-in
    /// person and a job acting for them does.
    func context(as email: String) async throws -> ActionContext {
        var ctx = context()
        let user = try #require(try await Accounts.user(email: EmailAddress(email)!, on: db))
        ctx.principal = try await Accounts.principal(for: user, on: db)
        return ctx
    }

    /// Acme (owner, hiring manager, reviewer) with one published project, and Ada, a candidate
    /// whose profile keeps London time; the project's id.
    func acmeProjectWithAda(deadline: Date? = nil) async throws -> ProjectID {
        try await Taxonomy.loadBundledIfEmpty(on: db)
        let org = try await Factory(self).organization("Acme", roles: [.owner, .hiringManager, .reviewer])
        let project = try await Factory(self).publishedProject(of: org, deadline: deadline)
        try await Factory(self).candidate("ada@uni.test", name: "Ada Okafor")
        return ProjectID(try project.requireID())
    }

    /// Ada applies to the project, answering its one question.
    func apply(to projectID: ProjectID) async throws -> ApplicationID {
        let application = try await ApplicationsService.apply(ApplicationInput(answers: ["Cohorts first."]), to: projectID,
                                                              try await context(as: "ada@uni.test"))
        return ApplicationID(try application.requireID())
    }

    /// Acme's hiring manager moves the application.
    func decide(_ id: ApplicationID, _ target: ApplicationState, on projectID: ProjectID) async throws {
        let decision = try ApplicationDecision(ids: [id.uuid], target: target, message: "")
        try await ApplicationsService.decide(decision, on: projectID, try await context(as: "hiring_manager@acme.test"))
    }
}

extension ScorecardDraft {
    /// Every criterion of the data-analysis template's rubric (three) at `level`.
    static func all(_ level: Int, note: String = "") -> ScorecardDraft {
        ScorecardDraft(levels: Array(repeating: String(level), count: 3), comments: [], note: note)
    }
}

/// An engagement from `Factory.engagement()`: Ada and Acme's hiring manager, Hana, taking part.
extension TestApp {
    /// The engagement as `email` takes part in it, with a context acting for them.
    func participant(_ id: EngagementID, as email: String) async throws -> (EngagementParticipant, ActionContext) {
        let context = try await context(as: email)
        return (try await EngagementParticipant.load(id, context), context)
    }

    /// Both sides sign every agreement.
    func signAgreements(_ id: EngagementID) async throws {
        for (email, name) in [("ada@uni.test", "Ada Okafor"), ("hiring_manager@acme.test", "Hana Manager")] {
            let (participant, context) = try await participant(id, as: email)
            for agreement in try await Agreements.current(of: id.uuid, on: db) {
                try await AgreementsService.sign(AgreementID(try agreement.requireID()), try SignatureInput(fullName: name, consent: true),
                                                 in: participant, context)
            }
        }
    }

    /// Both sides tick their own checklist items.
    func tickChecklists(_ id: EngagementID) async throws {
        for email in ["ada@uni.test", "hiring_manager@acme.test"] {
            let (participant, context) = try await participant(id, as: email)
            for item in try await Engagements.checklist(of: id.uuid, on: db) where item.owner == participant.role.side {
                try await EngagementsService.tick(ChecklistItemID(try item.requireID()), in: participant, context)
            }
        }
    }

    /// Acme's engagement with Ada, every deliverable handed in once and accepted with the manager's
    /// scorecard at `level` on every criterion: completed.
    func completedEngagement(level: Int = 3) async throws -> EngagementID {
        let id = EngagementID(try await Factory(self).engagement().requireID())
        try await startWork(id)
        for milestone in try await Engagements.milestones(of: id.uuid, on: db) {
            let (ada, adaContext) = try await participant(id, as: "ada@uni.test")
            let version = try await WorkService.submit(MilestoneID(try milestone.requireID()), VersionUpload(note: "", links: ["https://example.org/w"], files: []),
                                                       storage: app.tryout.fileStorage, limits: UploadLimits(), in: ada, adaContext)
            let (hana, hanaContext) = try await participant(id, as: "hiring_manager@acme.test")
            try await WorkService.feedback(SubmissionID(try version.requireID()), try FeedbackInput(decision: "accept", feedback: ""),
                                           scorecard: .all(level), in: hana, hanaContext)
        }
        #expect(try await Engagements.find(id.uuid, on: db)?.state == .completed)
        return id
    }

    /// Signed and onboarded: the work can start.
    func startWork(_ id: EngagementID) async throws {
        try await signAgreements(id)
        try await tickChecklists(id)
    }
}
