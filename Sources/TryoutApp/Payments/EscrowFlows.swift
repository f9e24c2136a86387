import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Money following the work, inside the action that moves the work, so both happen or neither:
/// publishing holds the places' pay in escrow, accepting a deliverable releases its share, and
/// what can no longer be earned goes back to the organization's balance.
///
/// Every entry carries the unique key of its event, so running a step twice moves nothing.
enum EscrowFlows {
    /// What publishing would hold, and the lint's finding when the balance (with any credit
    /// granted) falls short; nil when nothing is missing or nothing is paid.
    static func shortfall(_ project: ProjectRecord, brief: Brief, _ ctx: ActionContext) async throws -> LintFinding? {
        let terms = EscrowTerms(pay: brief.pay, feeBasisPoints: ctx.payments.feeBasisPoints, places: brief.slots)
        guard terms.isPaid, try await Escrows.terms(of: try project.requireID(), on: ctx.db) == nil else { return nil }
        let state = try await Ledger.state(of: .balance(of: project.$organization.id, terms.pay.currency), on: ctx.db)
        guard let missing = EscrowTerms.shortfall(required: terms.total.amountMinor, balance: state?.balance ?? 0,
                                                  creditLimit: state?.creditLimit ?? 0) else { return nil }
        let fee = terms.feePerPlace > 0 ? " and the platform fee" : ""
        let places = terms.places == 1 ? "1 place" : "\(terms.places) places"
        return LintFinding("pay", "Publishing holds \(terms.total.formatted) in escrow (\(places) × the pay\(fee)); the balance is "
            + "\(Money(amountMinor: state?.balance ?? 0, currency: terms.pay.currency).formatted). Add \(Money(amountMinor: missing, currency: terms.pay.currency).formatted) on the billing page first.")
    }

    /// Publishing a paid project: its places' pay and fee move from the balance to its escrow.
    static func hold(_ project: ProjectRecord, brief: Brief, by actorID: UUID?, _ tx: ActionContext) async throws {
        if let finding = try await shortfall(project, brief: brief, tx) { throw ValidationFailure([finding]) }
        let terms = EscrowTerms(pay: brief.pay, feeBasisPoints: tx.payments.feeBasisPoints, places: brief.slots)
        guard terms.isPaid, try await Escrows.terms(of: try project.requireID(), on: tx.db) == nil else { return }
        try await Escrows.hold(terms, for: project, by: actorID, at: tx.now, on: tx.db)
    }

    /// A published project's pay is held in escrow, so an edit keeps its pay and currency and
    /// asks for no more places than escrow holds; an unpaid project does not become paid.
    static func checkEdit(_ project: ProjectRecord, from current: Brief, to brief: Brief, _ tx: ActionContext) async throws {
        guard project.state == .published else { return }
        var errors: [FieldError] = []
        if let escrow = try await Escrows.terms(of: try project.requireID(), on: tx.db) {
            if brief.pay != escrow.terms.pay {
                errors.append(FieldError("pay", "The pay is held in escrow since publication (\(escrow.terms.pay.formatted) a place) and stays as it is; "
                                         + "close this project and publish a new one to change it."))
            }
            if brief.slots > escrow.places {
                errors.append(FieldError("slots", "Escrow holds \(escrow.places) place\(escrow.places == 1 ? "" : "s") since publication; the project can take no more."))
            }
        } else if current.pay.amountMinor == 0 && brief.pay.amountMinor > 0 {
            errors.append(FieldError("pay", "This project was published unpaid, so nothing is held for it; publish a new project to offer pay."))
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }

    /// Accepting a deliverable (by decision, automatically or by a dispute) releases its share of
    /// the place's pay to the candidate and of the fee to the platform; `percent` below 100
    /// releases part (a dispute's partial decision), and a later full release pays the rest.
    /// An employee's pay goes to the organization's payroll account, for its own payroll. The
    /// money comes from escrow; what a decision awards after the engagement's unearned rest went
    /// back to the balance comes from the balance.
    static func release(_ milestone: MilestoneRecord, of engagement: EngagementRecord, percent: Int = 100, key: String,
                        by actorID: UUID?, _ tx: ActionContext) async throws {
        guard let escrow = try await Escrows.terms(of: engagement.$project.id, on: tx.db) else { return }
        let engagementID = try engagement.requireID()
        let milestones = try await Engagements.milestones(of: engagementID, on: tx.db)
        guard let index = milestones.firstIndex(where: { $0.id == milestone.id }) else { return }
        let share = escrow.terms.shares(weights: milestones.map(\.weight))[index]
        let already = try await Ledger.released(milestoneID: try milestone.requireID(), on: tx.db)
        let pay = max(share.pay * Int64(percent) / 100 - already.pay, 0)
        let fee = max(share.fee * Int64(percent) / 100 - already.fee, 0)
        guard pay + fee > 0 else { return }
        let currency = escrow.currency
        let rest = max(escrow.terms.perPlace - (try await Ledger.settled(engagementID: engagementID, on: tx.db)), 0)
        let fromEscrow = min(pay + fee, rest)
        let earner: LedgerAccount = engagement.classification == .employee
            ? .payroll(of: engagement.$organization.id, currency) : .payable(of: engagement.$candidate.id, currency)
        let postings = [Posting(.escrow(of: engagement.$project.id, currency), -fromEscrow),
                        Posting(.balance(of: engagement.$organization.id, currency), -(pay + fee - fromEscrow)),
                        Posting(earner, pay), Posting(.platform(.platformFees, currency), fee)].filter { $0.amountMinor != 0 }
        let title = try await ProjectRecord.find(engagement.$project.id, on: tx.db)?.title ?? ""
        let outcome = try await Ledger.post(try JournalEntry(.release, postings, memo: "“\(milestone.title)”, \(title)",
                                               uniqueKey: key,
                                               references: .init(organizationID: engagement.$organization.id, projectID: engagement.$project.id,
                                                                 engagementID: engagementID, milestoneID: milestone.id)),
                              by: actorID, at: tx.now, on: tx.db)
        guard case .posted = outcome else { return }
        try await Webhooks.emit(try WebhookEvents.payment(released: pay, fee: fee, for: milestone, of: engagement, title: title, tx), tx)
    }

    /// An engagement ended early: what it can no longer earn goes back to the balance, unless the
    /// project still takes applicants, whose place may be filled again (then it returns when
    /// the project closes).
    static func endedEarly(_ engagement: EngagementRecord, by actorID: UUID?, _ tx: ActionContext) async throws {
        guard let project = try await ProjectRecord.find(engagement.$project.id, on: tx.db), project.state != .published,
              let escrow = try await Escrows.terms(of: engagement.$project.id, on: tx.db) else { return }
        let engagementID = try engagement.requireID()
        let rest = escrow.terms.perPlace - (try await Ledger.settled(engagementID: engagementID, on: tx.db))
        guard rest > 0 else { return }
        try await Ledger.post(.transfer(.refund, rest, from: .escrow(of: engagement.$project.id, escrow.currency),
                                        to: .balance(of: engagement.$organization.id, escrow.currency),
                                        memo: "Unearned rest of a place ended early, \(project.title)",
                                        uniqueKey: "refund:engagement:\(engagementID)",
                                        references: .init(organizationID: engagement.$organization.id, projectID: engagement.$project.id,
                                                          engagementID: engagementID)),
                              by: actorID, at: tx.now, on: tx.db)
    }

    /// A project stopped taking applicants (closed or cancelled): everything in escrow beyond
    /// what its running engagements can still earn goes back to the balance, with the unearned
    /// rest of engagements that ended early.
    static func projectEnded(_ project: ProjectRecord, by actorID: UUID?, _ tx: ActionContext) async throws {
        let projectID = try project.requireID()
        guard let escrow = try await Escrows.terms(of: projectID, on: tx.db) else { return }
        let held = try await Ledger.balance(.escrow(of: projectID, escrow.currency), on: tx.db)
        let committed = try await Escrows.engagements(of: projectID, on: tx.db).filter { !$0.engagement.state.isOver }
            .reduce(Int64(0)) { $0 + max(escrow.terms.perPlace - $1.settled, 0) }
        let refund = held - committed
        guard refund > 0 else { return }
        try await Ledger.post(.transfer(.refund, refund, from: .escrow(of: projectID, escrow.currency),
                                        to: .balance(of: project.$organization.id, escrow.currency),
                                        memo: "Places not filled, \(project.title)", uniqueKey: "refund:project:\(projectID):\(project.state.rawValue)",
                                        references: .init(organizationID: project.$organization.id, projectID: projectID)),
                              by: actorID, at: tx.now, on: tx.db)
    }
}
