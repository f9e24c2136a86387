import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Applying and answering, deciding and inviting, for the pages, the API and any job alike. Each
/// move checks who asks first, then runs under the project's lock with its notifications, mail
/// and audit entries in one transaction (`ActionContext.act`).
public enum ApplicationsService {
    /// How many screening questions an application to `project` answers, one answer each.
    public static func questionCount(of project: ProjectRecord, _ ctx: ActionContext) async throws -> Int {
        try await ProjectBriefs.brief(of: project, on: ctx.db).screeningQuestions.count
    }

    /// Stores the candidate's application; throws the form's errors, or a conflict when the
    /// project takes none or one of theirs is live.
    public static func apply(_ input: ApplicationInput, to projectID: ProjectID, _ ctx: ActionContext) async throws -> ApplicationRecord {
        _ = try await MarketplaceService.viewableProject(projectID, ctx)
        let user = try await ctx.actingUser()
        try AccountsService.requireConfirmed(user)
        guard try await CandidateProfiles.profile(userID: try user.requireID(), on: ctx.db) != nil else {
            throw ActionError.forbidden("Only candidates can apply. Sign up as a candidate to apply to projects.")
        }
        return try await ctx.act(locking: .project(projectID)) { ctx in
            guard let project = try await Projects.find(id: projectID.uuid, on: ctx.db) else { throw ActionError.notFound }
            if let refusal = ApplicationLifecycle.applyRefusal(projectState: project.state, deadline: project.applicationDeadline, now: ctx.now) {
                throw ActionError.conflict(refusal)
            }
            let questions = try await ProjectBriefs.brief(of: project, on: ctx.db).screeningQuestions
            let valid = try input.validated(questionCount: questions.count)
            guard let application = try await Applications.submit(to: project, userID: try user.requireID(), valid, at: ctx.now, on: ctx.db) else {
                throw ActionError.conflict("You have already applied to this project.")
            }
            application.$candidate.value = user
            application.$project.value = project
            try await ApplicationEvents.record([ApplicationChange(application: application, from: .submitted, revealed: false)], project: project,
                                    byCandidate: true, actor: user, ctx)
            return application
        }
    }

    /// The candidate's own application, with its project; not found for anyone else.
    public static func own(_ id: ApplicationID, _ ctx: ActionContext) async throws -> ApplicationRecord {
        guard let application = try await Applications.find(id.uuid, userID: try ctx.actingPrincipal().userID, on: ctx.db) else {
            throw ActionError.notFound
        }
        return application
    }

    /// The candidate's applications, newest first.
    public static func mine(_ ctx: ActionContext) async throws -> [ApplicationRecord] {
        try await Applications.mine(userID: try ctx.actingPrincipal().userID, on: ctx.db)
    }

    /// The candidate's applications as their list shows them, newest first.
    public static func summaries(_ ctx: ActionContext) async throws -> [Applications.Summary] {
        try await Applications.summaries(userID: try ctx.actingPrincipal().userID, on: ctx.db)
    }

    /// The engagement the candidate's accepted place started, if any.
    public static func engagement(of application: ApplicationRecord, _ ctx: ActionContext) async throws -> EngagementID? {
        try await Engagements.forApplication(try application.requireID(), on: ctx.db)?.id.map(EngagementID.init)
    }

    /// The candidate accepts, declines or withdraws. An accept with every place taken lands on
    /// the waiting list, which the returned changes show.
    @discardableResult
    public static func respond(_ answer: CandidateAnswer, on id: ApplicationID, _ ctx: ActionContext) async throws -> [ApplicationChange] {
        let application = try await own(id, ctx)
        let project = application.project
        return try await ctx.act(locking: .project(ProjectID(try project.requireID()))) { ctx in
            var engagement = try await Engagements.forApplication(id.uuid, on: ctx.db)
            // Read again once its row is held: a signature may have moved it on meanwhile.
            if let engagementID = engagement?.id {
                try await DecisionLock.hold(engagementID: engagementID, on: ctx.db)
                engagement = try await Engagements.forApplication(id.uuid, on: ctx.db)
            }
            try CandidateAnswers.check(engagement: engagement?.state)
            let changes = try await Applications.respond(application, of: project, to: answer.target, at: ctx.now, on: ctx.db)
            try await ApplicationEvents.record(changes, project: project, byCandidate: true, actor: nil, ctx)
            guard let landed = changes.first?.application else { return changes }
            switch CandidateAnswers.followUp(landed: landed.state, hasEngagement: engagement != nil) {
            case .startEngagement:
                let started = try await Engagements.start(for: landed, project: project, at: ctx.now, on: ctx.db)
                try await EngagementNews.started(EngagementID(try started.requireID()), ctx)
            case .endEngagement(let reason):
                if let engagement {
                    try await Engagements.terminate(engagement, reason: reason, by: application.$candidate.id, at: ctx.now, on: ctx.db)
                    try await EscrowFlows.endedEarly(engagement, by: application.$candidate.id, ctx)
                    if let ended = try await Engagements.find(try engagement.requireID(), on: ctx.db) {
                        try await Webhooks.emit(try WebhookEvents.engagement(.engagementTerminated, ended, reason: reason, ctx), ctx)
                    }
                }
            case .none:
                break
            }
            return changes
        }
    }

    /// The employer moves some of a project's applications, all or none.
    public static func decide(_ decision: ApplicationDecision, on projectID: ProjectID, _ ctx: ActionContext) async throws -> [ApplicationChange] {
        let project = try await ScreeningService.project(projectID, for: Action.authorProjects, ctx)
        let actor = try await ctx.actingUser()
        return try await ctx.act(locking: .project(projectID)) { ctx in
            let changes = try await Applications.decide(decision, of: project, at: ctx.now, on: ctx.db)
            try await ApplicationEvents.record(changes, project: project, byCandidate: false, actor: actor, ctx)
            return changes
        }
    }

    /// Invites a discoverable candidate to apply to a published project: a notification, an
    /// e-mail and an audit entry naming them by code.
    public static func invite(_ profileID: CandidateProfileID, to projectID: ProjectID, _ ctx: ActionContext) async throws {
        let project = try await ScreeningService.project(projectID, for: Action.authorProjects, ctx)
        let actor = try await ctx.actingUser()
        try await ctx.act(locking: .project(projectID)) { ctx in
            guard project.state == .published, let profile = try await CandidateProfiles.discoverable(profileID: profileID.uuid, on: ctx.db) else {
                throw ActionError.notFound
            }
            let link = ctx.mail.links.path(.project(projectID))
            let text = "\(project.organization.name) invites you to apply to “\(project.title)”."
            try await Notifications.add(userID: profile.$user.id, message: text, link: link, at: ctx.now, on: ctx.db)
            try await ctx.mail.send(MailMessage(to: profile.user.email, subject: "An invitation to apply: \(project.title)",
                                                text: "\(text)\n\nRead the brief: \(ctx.mail.links.base + link)\n",
                                                category: .applications, recipientUserID: profile.$user.id), at: ctx.now, on: ctx.db)
            try await ctx.audit(.candidateInvited, by: actor, organizationID: project.$organization.id,
                                detail: "Candidate \(BlindScreening.code(for: profileID.uuid)) to \(project.title)")
        }
    }

    /// What changed for the person, newest first.
    public static func notifications(_ ctx: ActionContext) async throws -> [NotificationRecord] {
        try await Notifications.recent(userID: try ctx.actingPrincipal().userID, on: ctx.db)
    }

    /// The zone the person reads times in: the one chosen in their notification settings, else
    /// their candidate profile's, else UTC.
    public static func readerZone(_ ctx: ActionContext) async throws -> TimeZone {
        let name = try await NotificationPreferences.zoneName(of: try await ctx.actingUser(), on: ctx.db)
        return TimeZoneName.zone(name) ?? TimeZone(identifier: "UTC")!
    }

    /// Opens one of the person's notifications: it is read from now on, and the answer is the
    /// address it is about. Another person's notification is not found.
    public static func openNotification(_ id: NotificationID, _ ctx: ActionContext) async throws -> String {
        let userID = try ctx.actingPrincipal().userID
        let opened = try await ctx.act(locking: .none) { ctx in
            try await Notifications.open(id.uuid, userID: userID, at: ctx.now, on: ctx.db)
        }
        guard let opened else { throw ActionError.notFound }
        return opened.link
    }

    /// Marks every notification of the person as read.
    public static func markNotificationsRead(_ ctx: ActionContext) async throws {
        let userID = try ctx.actingPrincipal().userID
        try await ctx.act(locking: .none) { ctx in try await Notifications.markAllRead(userID: userID, at: ctx.now, on: ctx.db) }
    }
}
