import FluentKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// The engagement a request is about, and who the person is in it. Loading it is the
/// authorization check: anyone outside the engagement gets a 404.
struct EngagementContext: Sendable {
    let engagement: EngagementRecord
    let role: EngagementRole
    let user: UserRecord
    let team: [TeamMemberRecord]

    var id: UUID { engagement.id! }
    var userID: UUID { user.id! }

    static func load(_ req: Request) async throws -> EngagementContext {
        guard let id = req.parameters.get("engagementID", as: UUID.self) else { throw Abort(.notFound) }
        return try await load(req, id: id)
    }

    static func load(_ req: Request, id: UUID) async throws -> EngagementContext {
        let user = try req.requireUser()
        guard let engagement = try await Engagements.find(id, on: req.db) else { throw Abort(.notFound) }
        let team = try await Engagements.team(of: id, on: req.db)
        guard let role = EngagementAccess.role(of: try await req.principal(), organizationID: engagement.$organization.id,
                                               candidateID: engagement.$candidate.id, team: Set(team.map(\.$user.id))) else {
            throw Abort(.notFound)
        }
        return EngagementContext(engagement: engagement, role: role, user: user, team: team)
    }

    /// 403 with the reason when the person's role does not include the duty.
    func require(_ duty: EngagementAccess.Duty) throws {
        guard EngagementAccess.may(role, duty) else { throw Abort(.forbidden, reason: EngagementError.notYours.description) }
    }

    func may(_ duty: EngagementAccess.Duty) -> Bool { EngagementAccess.may(role, duty) }
}

/// Everything on an engagement's overview, read in one place for the page and the API.
struct EngagementSnapshot: Sendable {
    let context: EngagementContext
    let agreements: [AgreementRecord]
    let checklist: [ChecklistItemRecord]
    let milestones: [MilestoneRecord]
    let submissions: [SubmissionRecord]
    let checkIns: [CheckInRecord]
    let unreadMessages: Int
    let minutesLogged: Int

    static func load(_ req: Request, _ context: EngagementContext) async throws -> EngagementSnapshot {
        let id = context.id
        return EngagementSnapshot(
            context: context,
            agreements: try await Agreements.current(of: id, on: req.db),
            checklist: try await Engagements.checklist(of: id, on: req.db),
            milestones: try await Engagements.milestones(of: id, on: req.db),
            submissions: try await Submissions.of(engagementID: id, on: req.db),
            checkIns: try await EngagementActivity.checkIns(of: id, on: req.db),
            unreadMessages: try await EngagementActivity.unread(userID: context.userID, engagementIDs: [id], on: req.db)[id] ?? 0,
            minutesLogged: try await EngagementActivity.timeEntries(of: id, on: req.db).reduce(0) { $0 + $1.minutes })
    }

    var engagement: EngagementRecord { context.engagement }

    var nextStep: NextStep {
        EngagementLifecycle.nextStep(
            state: engagement.state,
            unsigned: agreements.flatMap { agreement in
                EngagementSide.allCases.filter { agreement.signedAt($0) == nil }.map { (agreement.kind.label, $0) }
            },
            openItems: checklist.filter { $0.doneAt == nil }.map { ($0.title, $0.owner) },
            milestones: milestones.map { ($0.title, $0.state) })
    }

    var owed: Money {
        EngagementLifecycle.owed(pay: engagement.pay, weights: milestones.map(\.weight), accepted: milestones.map { $0.state == .accepted })
    }

    func versions(of milestone: MilestoneRecord) -> [SubmissionRecord] {
        submissions.filter { $0.$milestone.id == milestone.id }
    }
}
