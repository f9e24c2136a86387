import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Everything on an engagement's overview, read in one place for the pages and the API.
public struct EngagementSnapshot: Sendable {
    public let participant: EngagementParticipant
    public let agreements: [AgreementRecord]
    public let checklist: [ChecklistItemRecord]
    public let milestones: [MilestoneRecord]
    public let submissions: [SubmissionRecord]
    public let checkIns: [CheckInRecord]
    public let unreadMessages: Int
    public let minutesLogged: Int
    /// The credential issued for the accepted work, once the job has issued it.
    public let credentialID: CredentialID?

    public static func load(_ participant: EngagementParticipant, _ context: ActionContext) async throws -> EngagementSnapshot {
        let id = participant.id.uuid, db = context.db
        let tallies = try await EngagementActivity.tallies(userID: participant.userID.uuid, in: id, on: db)
        return EngagementSnapshot(
            participant: participant,
            agreements: try await Agreements.current(of: id, on: db),
            checklist: try await Engagements.checklist(of: id, on: db),
            milestones: try await Engagements.milestones(of: id, on: db),
            submissions: try await Submissions.of(engagementID: id, on: db),
            checkIns: try await EngagementActivity.checkIns(of: id, on: db),
            unreadMessages: tallies.unread,
            minutesLogged: tallies.minutes,
            credentialID: participant.engagement.state == .completed
                ? try await Credentials.of(engagementID: id, on: db)?.id.map(CredentialID.init) : nil)
    }

    public var engagement: EngagementRecord { participant.engagement }

    public var nextStep: NextStep {
        Self.nextStep(of: engagement.state, agreements: agreements, checklist: checklist, milestones: milestones)
    }

    /// The next step of an engagement in `state`, from its current agreements (by kind), its
    /// checklist and its deliverables (each in order): the engagement's page and the
    /// candidate's home say the same.
    public static func nextStep(of state: EngagementState, agreements: [AgreementRecord], checklist: [ChecklistItemRecord],
                                milestones: [MilestoneRecord]) -> NextStep {
        EngagementLifecycle.nextStep(
            state: state,
            unsigned: agreements.flatMap { agreement in
                EngagementSide.allCases.filter { agreement.signedAt($0) == nil }.map { (agreement.kind.label, $0) }
            },
            openItems: checklist.filter { $0.doneAt == nil }.map { ($0.title, $0.owner) },
            milestones: milestones.map { ($0.title, $0.state) })
    }

    public var owed: Money {
        EngagementLifecycle.owed(pay: engagement.pay, weights: milestones.map(\.weight), accepted: milestones.map { $0.state == .accepted })
    }

    public func versions(of milestone: MilestoneRecord) -> [SubmissionRecord] {
        submissions.filter { $0.$milestone.id == milestone.id }
    }
}
