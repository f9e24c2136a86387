import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// A dispute as one reader sees it: their side in the engagement (none for a platform admin
/// outside it), and what they may do now.
public struct DisputeView: Sendable {
    public let dispute: DisputeRecord
    /// What the evidence points at, read from the engagement's record now.
    public let evidence: [DisputeEvidenceItem]
    public let side: EngagementSide?
    public let mayDecide: Bool
    /// For an admin deciding a version's dispute: members who could review the version afresh.
    public let uninvolvedMembers: [UserRecord]

    public var mayAnswer: Bool { side == dispute.answeringSide && dispute.state == .awaitingResponse }
    public var mayWithdraw: Bool { side == dispute.openedSide && dispute.state.isOpen }
    public var answerDue: Date { DisputeRules.answerDue(openedAt: dispute.createdAt) }
}

/// One piece of evidence as a reader sees it: a version, a message or a check-in of the engagement.
public struct DisputeEvidenceItem: Sendable, Equatable {
    public let evidence: DisputeEvidence
    public let title: String
    public let text: String

    /// Every version, message and check-in of the records, oldest first within each kind.
    static func items(_ records: DisputeEvidenceRecords) -> [DisputeEvidenceItem] {
        records.versions.map { version in
            let files = version.files.map(\.name)
            return DisputeEvidenceItem(evidence: DisputeEvidence(kind: .version, id: version.id!),
                                       title: "Version \(version.version) of “\(version.milestone.title)”, \(DateText.short(version.createdAt)): \(version.state.label.lowercased())",
                                       text: ([version.note] + version.links + files).filter { !$0.isEmpty }.joined(separator: "\n"))
        } + records.messages.map { message in
            DisputeEvidenceItem(evidence: DisputeEvidence(kind: .message, id: message.id!),
                                title: "Message from \(message.author.displayName), \(DateText.short(message.createdAt))", text: message.body)
        } + records.checkIns.map { checkIn in
            DisputeEvidenceItem(evidence: DisputeEvidence(kind: .checkIn, id: checkIn.id!),
                                title: "Check-in on \(DateText.short(checkIn.startsAt))",
                                text: [checkIn.agenda, checkIn.notes].filter { !$0.isEmpty }.joined(separator: "\n"))
        }
    }
}

/// The open disputes and how fast they are decided, for the platform's admins.
public struct DisputeDesk: Sendable {
    public let open: [DisputeRecord]
    public let decidedLastYear: Int
    public let medianTimeToDecision: TimeInterval?
}

/// Disputes: either side of an engagement opens one about a decision on a version, an early
/// ending or the amount owed; the other side answers within five working days; a platform admin
/// decides. Every step is audited and both sides hear. No fees.
public enum DisputesService {
    /// Opens a dispute for the acting person's side; the other side hears, in the app and by e-mail.
    public static func open(_ input: DisputeInput, in participant: EngagementParticipant, _ ctx: ActionContext) async throws -> DisputeRecord {
        try participant.require(.dispute)
        return try await participant.perform(nil, ctx) { move in
            let tx = move.context, engagementID = participant.id.uuid
            var versionState: MilestoneState?
            if let submissionID = input.submissionID {
                guard let submission = try await Submissions.find(submissionID, engagementID: engagementID, on: tx.db) else {
                    throw ValidationFailure([FieldError("submissionID", "Choose a version of this engagement.")])
                }
                versionState = submission.state
            }
            guard try await Disputes.evidence(input.evidence, of: engagementID, on: tx.db).count == input.evidence.count else {
                throw ValidationFailure([FieldError("evidence", "Evidence must be versions, messages or check-ins of this engagement.")])
            }
            let open = try await Disputes.of(engagementID: engagementID, on: tx.db).filter(\.state.isOpen)
            try DisputeRules.checkOpen(input.subject, engagement: move.engagement.state, versionState: versionState,
                                       versionID: input.submissionID, open: open.map { (subject: $0.subject, versionID: $0.$submission.id) })
            let dispute = DisputeRecord(engagementID: engagementID, organizationID: move.engagement.$organization.id, input: input,
                                        by: participant.userID.uuid, side: participant.role.side, at: tx.now)
            try await dispute.create(on: tx.db)
            try await Webhooks.emit(try WebhookEvents.dispute(.disputeOpened, dispute, in: move.engagement, tx), tx)
            let due = DateText.short(DisputeRules.answerDue(openedAt: tx.now))
            try await move.tell(.disputeOpened, "\(participant.user.displayName) (\(participant.role.side.label.lowercased())) opened a dispute about \(input.subject.label.lowercased()); the answer is due by \(due).",
                                at: .dispute(DisputeID(try dispute.requireID())), email: true)
            return dispute
        }
    }

    /// The other side's answer, once; then it waits for a platform admin's decision.
    public static func answer(_ id: DisputeID, _ text: String, _ ctx: ActionContext) async throws {
        let answer = try DisputeInput.answer(text)
        let participant = try await participant(in: id, ctx)
        try await participant.perform(.dispute, ctx) { move in
            let tx = move.context
            guard let dispute = try await Disputes.find(id.uuid, on: tx.db) else { throw ActionError.notFound }
            try DisputeRules.checkAnswer(dispute.state, openedBy: dispute.openedSide, answeringSide: participant.role.side)
            dispute.answer = answer
            dispute.$answeredBy.id = participant.userID.uuid
            dispute.answeredAt = tx.now
            dispute.state = .awaitingDecision
            try await dispute.save(on: tx.db)
            try await move.tell(.disputeAnswered, "\(participant.user.displayName) (\(participant.role.side.label.lowercased())) answered the dispute about \(dispute.subject.label.lowercased()); a platform admin decides next.",
                                at: .dispute(id), email: true)
        }
    }

    /// The side that opened it takes it back while it is open.
    public static func withdraw(_ id: DisputeID, _ ctx: ActionContext) async throws {
        let participant = try await participant(in: id, ctx)
        try await participant.perform(.dispute, ctx) { move in
            let tx = move.context
            guard let dispute = try await Disputes.find(id.uuid, on: tx.db) else { throw ActionError.notFound }
            try DisputeRules.checkWithdrawal(dispute.state, openedBy: dispute.openedSide, side: participant.role.side)
            dispute.state = .withdrawn
            dispute.withdrawnAt = tx.now
            try await dispute.save(on: tx.db)
            try await move.tell(.disputeWithdrawn, "\(participant.user.displayName) (\(participant.role.side.label.lowercased())) withdrew the dispute about \(dispute.subject.label.lowercased()).",
                                at: .dispute(id), email: true)
        }
    }

    /// A platform admin's decision. Overturning accepts the version with everything accepting
    /// brings (the engagement completes with its last deliverable); a re-review sends the version
    /// back to be decided, scored blind by a member who has not seen it; a partial decision
    /// records the share of the deliverable's pay owed. Both sides hear.
    public static func decide(_ id: DisputeID, _ input: DisputeDecisionInput, _ ctx: ActionContext) async throws {
        guard let principal = ctx.principal, Policy.allows(principal, .decideDisputes),
              let dispute = try await Disputes.find(id.uuid, on: ctx.db) else { throw ActionError.notFound }
        let engagementID = EngagementID(dispute.$engagement.id)
        try await ctx.act(locking: .engagement(engagementID)) { tx in
            guard let dispute = try await Disputes.find(id.uuid, on: tx.db), let engagement = try await Engagements.find(engagementID.uuid, on: tx.db),
                  let admin = try await UserRecord.find(principal.userID, on: tx.db) else { throw ActionError.notFound }
            try DisputeRules.checkDecision(input.outcome, subject: dispute.subject, state: dispute.state, openedAt: dispute.createdAt, now: tx.now)
            let team = try await Engagements.team(of: engagementID.uuid, on: tx.db)
            switch input.outcome {
            case .overturned: try await overturn(dispute, in: engagement, by: admin, tx)
            case .reReview: try await reReview(dispute, in: engagement, team: team, reviewerID: input.reviewerID, tx)
            case .partial: try await award(input.sharePercent ?? 0, of: dispute, in: engagement, by: admin.id, tx)
            case .upheld: break
            }
            dispute.state = .decided
            dispute.outcome = input.outcome
            dispute.decisionNote = input.note
            dispute.sharePercent = input.sharePercent
            dispute.$reviewer.id = input.reviewerID
            dispute.$decidedBy.id = admin.id
            dispute.decidedAt = tx.now
            try await dispute.save(on: tx.db)
            try await Webhooks.emit(try WebhookEvents.dispute(.disputeDecided, dispute, in: engagement, tx), tx)
            let share = input.sharePercent.map { " (\($0)% of the deliverable's pay)" } ?? ""
            let text = "The dispute about \(dispute.subject.label.lowercased()) on “\(engagement.project.title)” was decided: \(input.outcome.label)\(share)."
            let link = tx.mail.links.path(.dispute(id))
            for user in try await EngagementNews.audience(of: engagement, team: team, except: nil, on: tx.db) {
                try await Notifications.add(userID: try user.requireID(), message: text, link: link, at: tx.now, on: tx.db)
                try await tx.mail.send(MailMessage(to: user.email, subject: "\(engagement.project.title): a dispute was decided",
                                                   text: "\(text)\n\n\(input.note)\n\n\(tx.mail.links.base + link)\n",
                                                   category: .engagementActivity, recipientUserID: user.id), at: tx.now, on: tx.db)
            }
            try await tx.audit(.disputeDecided, by: admin, organizationID: engagement.$organization.id,
                               detail: "\(engagement.project.title) · \(engagement.candidate.displayName): \(dispute.subject.rawValue) → \(input.outcome.rawValue)\(share)")
            if input.outcome == .overturned { try await EngagementNews.settle(engagement, team: team, by: admin, tx) }
        }
    }

    /// A dispute for one of its readers: the engagement's two sides and the platform's admins.
    public static func view(_ id: DisputeID, _ ctx: ActionContext) async throws -> DisputeView {
        guard let principal = ctx.principal, let dispute = try await Disputes.find(id.uuid, on: ctx.db) else { throw ActionError.notFound }
        let mayDecide = Policy.allows(principal, .decideDisputes)
        var side: EngagementSide?
        do {
            let participant = try await EngagementParticipant.load(EngagementID(dispute.$engagement.id), ctx)
            if participant.may(.dispute) { side = participant.role.side }
        } catch ActionError.notFound {}
        guard side != nil || mayDecide else { throw ActionError.notFound }
        let uninvolved = mayDecide && dispute.state.isOpen && dispute.subject == .versionDecision
            ? try await uninvolvedMembers(for: dispute, on: ctx.db) : []
        let evidence = DisputeEvidenceItem.items(try await Disputes.evidence(dispute.evidence, of: dispute.$engagement.id, on: ctx.db))
        return DisputeView(dispute: dispute, evidence: evidence, side: side, mayDecide: mayDecide, uninvolvedMembers: uninvolved)
    }

    /// The engagement's disputes, for its two sides, with what a new one could name: the
    /// versions sent back for changes, and every version, message and check-in as evidence.
    public static func disputes(in participant: EngagementParticipant, _ ctx: ActionContext) async throws
        -> (disputes: [DisputeRecord], sentBack: [SubmissionRecord], evidence: [DisputeEvidenceItem]) {
        try participant.require(.dispute)
        let records = try await Disputes.evidence(nil, of: participant.id.uuid, on: ctx.db)
        return (try await Disputes.of(engagementID: participant.id.uuid, on: ctx.db), records.versions.filter { $0.state == .changesRequested },
                DisputeEvidenceItem.items(records))
    }

    /// The open disputes, oldest first, and the median time to a decision over the last year.
    public static func desk(_ ctx: ActionContext) async throws -> DisputeDesk {
        guard Policy.allows(ctx.principal, .decideDisputes) else { throw ActionError.notFound }
        let decided = try await Disputes.decided(since: ctx.now.addingTimeInterval(-365 * 86_400), on: ctx.db)
        let durations = decided.compactMap { dispute in dispute.decidedAt.map { $0.timeIntervalSince(dispute.createdAt) } }
        return DisputeDesk(open: try await Disputes.open(on: ctx.db), decidedLastYear: decided.count,
                           medianTimeToDecision: Median.of(durations))
    }

    private static func participant(in id: DisputeID, _ ctx: ActionContext) async throws -> EngagementParticipant {
        guard let dispute = try await Disputes.find(id.uuid, on: ctx.db) else { throw ActionError.notFound }
        let participant = try await EngagementParticipant.load(EngagementID(dispute.$engagement.id), ctx)
        guard participant.may(.dispute) else { throw ActionError.notFound }
        return participant
    }

    /// The disputed version and its milestone, while the version is still the newest and sent back.
    private static func disputedVersion(_ dispute: DisputeRecord, _ tx: ActionContext) async throws -> (SubmissionRecord, MilestoneRecord) {
        let engagementID = dispute.$engagement.id
        guard let submissionID = dispute.$submission.id,
              let submission = try await Submissions.find(submissionID, engagementID: engagementID, on: tx.db),
              let milestone = try await Submissions.milestone(submission.$milestone.id, engagementID: engagementID, on: tx.db)
        else { throw ActionError.notFound }
        let latest = try await Submissions.latest(of: try milestone.requireID(), on: tx.db)
        guard submission.state == .changesRequested, latest?.id == submission.id else {
            throw ActionError.conflict("A newer version was handed in since, or this one was decided again: uphold, or decide a share of the pay.")
        }
        return (submission, milestone)
    }

    private static func overturn(_ dispute: DisputeRecord, in engagement: EngagementRecord, by admin: UserRecord, _ tx: ActionContext) async throws {
        let (submission, milestone) = try await disputedVersion(dispute, tx)
        let accepted = try FeedbackInput(decision: FeedbackInput.Decision.accept.rawValue,
                                         feedback: "Accepted after a dispute: a platform admin's decision, with the reasons on the dispute.")
        try await Submissions.respond(submission, of: milestone, accepted, by: admin.id, at: tx.now, on: tx.db)
        try await EscrowFlows.release(milestone, of: engagement, key: "release:\(try milestone.requireID())", by: admin.id, tx)
        try await Webhooks.emit(try WebhookEvents.submission(submission, of: milestone, in: engagement,
                                                             decision: FeedbackInput.Decision.accept.rawValue, tx), tx)
    }

    /// A partial decision releases its share of the disputed version's deliverable, or of every
    /// deliverable not accepted when the dispute is about the ending or the amount owed.
    private static func award(_ percent: Int, of dispute: DisputeRecord, in engagement: EngagementRecord, by adminID: UUID?,
                              _ tx: ActionContext) async throws {
        let milestones = try await Engagements.milestones(of: try engagement.requireID(), on: tx.db)
        var disputed: UUID?
        if let submissionID = dispute.$submission.id { disputed = try await SubmissionRecord.find(submissionID, on: tx.db)?.$milestone.id }
        for milestone in milestones where milestone.state != .accepted && (disputed == nil || milestone.id == disputed) {
            try await EscrowFlows.release(milestone, of: engagement, percent: percent,
                                          key: "release:\(try milestone.requireID()):dispute:\(try dispute.requireID())", by: adminID, tx)
        }
    }

    private static func reReview(_ dispute: DisputeRecord, in engagement: EngagementRecord, team: [TeamMemberRecord],
                                 reviewerID: UUID?, _ tx: ActionContext) async throws {
        let (submission, milestone) = try await disputedVersion(dispute, tx)
        guard let reviewer = try await uninvolvedMembers(for: dispute, on: tx.db).first(where: { $0.id == reviewerID }) else {
            throw ValidationFailure([FieldError("reviewerID", "Choose a member of \(engagement.organization.name) who has not seen this work: not on its team, its panel or its decision.")])
        }
        try await Disputes.reopen(submission, of: milestone, at: tx.now, on: tx.db)
        try await Reviews.assign([try reviewer.requireID()], to: submission, projectID: engagement.$project.id, at: tx.now, on: tx.db)
        try await RemindersService.tell(reviewer, "Please review version \(submission.version) of “\(milestone.title)” on “\(engagement.project.title)” afresh: a dispute asked for a new review.",
                                        subject: "\(engagement.project.title): a version to review afresh",
                                        link: tx.mail.links.path(.review(SubmissionID(try submission.requireID()))), tx)
    }

    /// Members of the organization who have not seen the disputed version: not on the
    /// engagement's team, not asked to score it, not its scorers and not who decided it.
    static func uninvolvedMembers(for dispute: DisputeRecord, on db: any Database) async throws -> [UserRecord] {
        guard let submissionID = dispute.$submission.id, let submission = try await SubmissionRecord.find(submissionID, on: db) else { return [] }
        var involved = Set(try await Engagements.team(of: dispute.$engagement.id, on: db).map(\.$user.id))
        involved.formUnion(try await Reviews.assignments(of: submissionID, on: db).map(\.$reviewer.id))
        involved.formUnion(try await Reviews.scorecards(of: submissionID, on: db).map(\.$reviewer.id))
        involved.formUnion(try await Disputes.of(engagementID: dispute.$engagement.id, on: db).compactMap(\.$answeredBy.id))
        if let decider = submission.respondedBy { involved.insert(decider) }
        return try await Organizations.members(of: dispute.$organization.id, on: db).map(\.user).filter { !involved.contains($0.id!) }
    }
}

/// A dispute still unanswered two working days after it was opened: the side that answers hears.
///
/// Idempotent: the reminder's key is recorded with its mail (`RemindersService.once`).
enum DisputeReminders {
    static func sendDue(_ ctx: ActionContext) async throws -> Int {
        var sent = 0
        // Two working days are at most four calendar days; three more cover the reminder's window.
        for dispute in try await Disputes.unanswered(openedSince: ctx.now.addingTimeInterval(-7 * 86_400), on: ctx.db)
        where Reminder.disputeUnanswered.isDue(moment: WorkingDays.adding(DisputeRules.reminderDays, to: dispute.createdAt),
                                                createdAt: dispute.createdAt, now: ctx.now) {
            guard let engagement = try await Engagements.find(dispute.$engagement.id, on: ctx.db) else { continue }
            let id = DisputeID(try dispute.requireID())
            let due = DateText.short(DisputeRules.answerDue(openedAt: dispute.createdAt))
            if try await RemindersService.once(.disputeUnanswered, id.uuid, ctx, { ctx in
                let team = try await Engagements.team(of: engagement.id!, on: ctx.db)
                for user in try await EngagementNews.audience(of: engagement, team: team, except: nil, on: ctx.db)
                where (user.id == engagement.$candidate.id) == (dispute.answeringSide == .candidate) {
                    try await RemindersService.tell(user, "A dispute about \(dispute.subject.label.lowercased()) on “\(engagement.project.title)” waits for your side's answer, due by \(due).",
                                                    subject: "\(engagement.project.title): a dispute waits for your answer", link: ctx.mail.links.path(.dispute(id)), ctx)
                }
            }) { sent += 1 }
        }
        return sent
    }
}
