import FluentKit
import Foundation
import TryoutCore
import TryoutStore

extension Webhooks {
    /// Queues `event` for each of its organization's endpoints that is on and listens for its type,
    /// on the action's transaction: a message goes out if and only if the change committed.
    /// The body is made now, so every attempt sends what was true when it happened.
    public static func emit(_ event: WebhookEvent, _ ctx: ActionContext) async throws {
        for endpoint in try await listening(to: event.type, in: event.organizationID.uuid, on: ctx.db) {
            let body = switch endpoint.kind {
            case .standard: try event.standardBody(at: ctx.now)
            case .slack: try event.slackBody()
            }
            let messageID = "msg_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try await ctx.enqueue(WebhookDeliveryJob(endpointID: try endpoint.requireID(), messageID: messageID,
                                                     eventType: event.type.rawValue, body: body))
        }
    }
}

/// The events the services emit, made from the records they have in hand. Links are absolute:
/// a receiver has no idea where this Tryout lives.
public enum WebhookEvents {
    public static func project(_ type: WebhookEventType, _ project: ProjectRecord, _ ctx: ActionContext) throws -> WebhookEvent {
        let id = ProjectID(try project.requireID())
        let url = ctx.mail.links.base + ctx.mail.links.path(ApplicationPlace.project(id))
        let verb = type == .projectPublished ? "was published" : "closed to applications"
        return WebhookEvent(type, organizationID: OrganizationID(project.$organization.id),
                            data: .project(.init(id: id, title: project.title, state: project.state.rawValue, url: url)),
                            summary: "“\(project.title)” \(verb).", link: url)
    }

    /// A new application, or an application that moved. The candidate is named only once the
    /// organization may know who they are (revealed); before that, by handle.
    public static func application(_ change: ApplicationChange, project: ProjectRecord, _ ctx: ActionContext) throws -> WebhookEvent {
        let application = change.application
        let projectID = ProjectID(try project.requireID())
        let isNew = application.state == .submitted && change.from == application.state
        // The organization's applicant list: where a receiver's reader goes to decide.
        let url = ctx.mail.links.base + ctx.mail.links.path(ApplicationPlace.applicants(projectID))
        let candidate = application.revealedAt == nil ? nil
            : WebhookEventData.Application.Candidate(name: application.candidate.displayName, email: application.candidate.email)
        let data = WebhookEventData.Application(id: ApplicationID(try application.requireID()), projectID: projectID,
                                                projectTitle: project.title, handle: application.handle,
                                                previousState: isNew ? nil : change.from.rawValue, state: application.state.rawValue,
                                                candidate: candidate, url: url)
        let who = candidate?.name ?? application.handle
        let summary = isNew ? "\(who) applied to “\(project.title)”."
            : "\(who) on “\(project.title)”: \(change.from.label.lowercased()) → \(application.state.label.lowercased())."
        return WebhookEvent(isNew ? .applicationSubmitted : .applicationStateChanged, organizationID: OrganizationID(project.$organization.id),
                            data: .application(data), summary: summary, link: url)
    }

    /// An engagement that started, completed or ended early; `engagement` loaded with its project and candidate.
    public static func engagement(_ type: WebhookEventType, _ engagement: EngagementRecord, reason: String? = nil,
                                  _ ctx: ActionContext) throws -> WebhookEvent {
        let id = EngagementID(try engagement.requireID())
        let url = ctx.mail.links.base + ctx.mail.links.path(EngagementPlace.overview(id))
        let title = engagement.project.title, name = engagement.candidate.displayName
        let summary = switch type {
        case .engagementStarted: "\(name) accepted a place on “\(title)”."
        case .engagementCompleted: "\(name) completed “\(title)”."
        default: "The engagement of \(name) on “\(title)” ended early" + (reason.map { ": \($0)" } ?? ".")
        }
        let data = WebhookEventData.Engagement(id: id, projectID: ProjectID(engagement.$project.id), projectTitle: title, candidateName: name,
                                               state: engagement.state.rawValue, reason: reason, url: url)
        return WebhookEvent(type, organizationID: OrganizationID(engagement.$organization.id), data: .engagement(data), summary: summary, link: url)
    }

    public static func agreementSigned(_ agreement: AgreementRecord, side: EngagementSide, in engagement: EngagementRecord,
                                       _ ctx: ActionContext) throws -> WebhookEvent {
        let engagementID = EngagementID(try engagement.requireID())
        let agreementID = AgreementID(try agreement.requireID())
        let url = ctx.mail.links.base + ctx.mail.links.path(EngagementPlace.agreement(engagementID, agreementID))
        let data = WebhookEventData.Agreement(id: agreementID, engagementID: engagementID, kind: agreement.kind.rawValue,
                                              side: side.rawValue, url: url)
        return WebhookEvent(.agreementSigned, organizationID: OrganizationID(engagement.$organization.id), data: .agreement(data),
                            summary: "\(side.label) signed the \(agreement.kind.label.lowercased()) for “\(engagement.project.title)”.",
                            link: url)
    }

    /// Work handed in (`decision` nil) or reviewed (`accept` or `changes`).
    public static func submission(_ submission: SubmissionRecord, of milestone: MilestoneRecord, in engagement: EngagementRecord,
                                  decision: String? = nil, _ ctx: ActionContext) throws -> WebhookEvent {
        let engagementID = EngagementID(try engagement.requireID())
        let milestoneID = MilestoneID(try milestone.requireID())
        let url = ctx.mail.links.base + ctx.mail.links.path(EngagementPlace.milestone(engagementID, milestoneID))
        let data = WebhookEventData.Submission(id: SubmissionID(try submission.requireID()), engagementID: engagementID,
                                               milestoneID: milestoneID, milestoneTitle: milestone.title, version: submission.version,
                                               late: submission.late, decision: decision, url: url)
        let summary = decision.map { "Version \(submission.version) of “\(milestone.title)” was reviewed: \($0 == "accept" ? "accepted" : "changes requested")." }
            ?? "Version \(submission.version) of “\(milestone.title)” was submitted\(submission.late ? " (late)" : "")."
        return WebhookEvent(decision == nil ? .submissionCreated : .submissionReviewed, organizationID: OrganizationID(engagement.$organization.id),
                            data: .submission(data), summary: summary, link: url)
    }

    /// A version nobody decided on in time, accepted all the same.
    public static func autoAccepted(_ submission: SubmissionRecord, of milestone: MilestoneRecord, in engagement: EngagementRecord,
                                    days: Int, _ ctx: ActionContext) throws -> WebhookEvent {
        let reviewed = try self.submission(submission, of: milestone, in: engagement, decision: FeedbackInput.Decision.accept.rawValue, ctx)
        return WebhookEvent(.submissionAutoAccepted, organizationID: reviewed.organizationID, data: reviewed.data,
                            summary: "Version \(submission.version) of “\(milestone.title)” was accepted automatically after \(days) days without a decision.",
                            link: reviewed.link)
    }

    static func review(_ record: ScorecardRecord, seat: ReviewSeat, scored: Int, asked: Int, _ ctx: ActionContext) throws -> WebhookEvent {
        let url = ctx.mail.links.base + ctx.mail.links.path(EngagementPlace.review(seat.submissionID))
        let data = WebhookEventData.Review(id: try record.requireID(), submissionID: seat.submissionID, engagementID: seat.engagementID,
                                           milestoneTitle: seat.milestone.title, version: seat.submission.version,
                                           weightedScore: record.weightedScore, scored: scored, asked: asked, url: url)
        return WebhookEvent(.reviewSubmitted, organizationID: OrganizationID(seat.engagement.$organization.id), data: .review(data),
                            summary: "A scorecard for version \(seat.submission.version) of “\(seat.milestone.title)” is in.", link: url)
    }

    static func dispute(_ type: WebhookEventType, _ dispute: DisputeRecord, in engagement: EngagementRecord, _ ctx: ActionContext) throws -> WebhookEvent {
        let id = DisputeID(try dispute.requireID())
        let url = ctx.mail.links.base + ctx.mail.links.path(EngagementPlace.dispute(id))
        let data = WebhookEventData.Dispute(id: id, engagementID: EngagementID(try engagement.requireID()), subject: dispute.subject.rawValue,
                                            submissionID: dispute.$submission.id.map(SubmissionID.init), openedSide: dispute.openedSide.rawValue,
                                            state: dispute.state.rawValue, outcome: dispute.outcome?.rawValue, sharePercent: dispute.sharePercent, url: url)
        let summary = type == .disputeOpened
            ? "The \(dispute.openedSide.label.lowercased()) opened a dispute about \(dispute.subject.label.lowercased()) on “\(engagement.project.title)”."
            : "The dispute about \(dispute.subject.label.lowercased()) on “\(engagement.project.title)” was decided: \(dispute.outcome?.label ?? "")."
        return WebhookEvent(type, organizationID: OrganizationID(engagement.$organization.id), data: .dispute(data), summary: summary, link: url)
    }

    static func payment(released pay: Int64, fee: Int64, for milestone: MilestoneRecord, of engagement: EngagementRecord,
                        title: String, _ ctx: ActionContext) throws -> WebhookEvent {
        let engagementID = EngagementID(try engagement.requireID())
        let milestoneID = MilestoneID(try milestone.requireID())
        let url = ctx.mail.links.base + ctx.mail.links.path(EngagementPlace.milestone(engagementID, milestoneID))
        let money = Money(amountMinor: pay, currency: engagement.currency)
        let data = WebhookEventData.Payment(engagementID: engagementID, milestoneID: milestoneID, projectID: ProjectID(engagement.$project.id),
                                            amountMinor: pay, feeMinor: fee, currency: engagement.currency,
                                            viaPayroll: engagement.classification == .employee, url: url)
        return WebhookEvent(.paymentReleased, organizationID: OrganizationID(engagement.$organization.id), data: .payment(data),
                            summary: "\(money.formatted) was released for “\(milestone.title)” on “\(title)”.", link: url)
    }
}
