import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// A candidate's money: what they have earned and not yet been paid out, what their running
/// engagements can still earn, and the year's releases.
public struct EarningsView: Sendable {
    public struct Pending: Sendable {
        public var engagementID: UUID
        public var title: String
        public var organization: String
        public var stillToEarn: Money
        /// Paid through the employer's payroll, not by the platform.
        public var viaPayroll: Bool
    }

    public struct Release: Sendable {
        public var date: Date
        public var memo: String
        public var amount: Money
    }

    public var payable: [Money]
    public var pending: [Pending]
    /// Batches that paid or are paying the candidate, newest first.
    public var payouts: [CandidatePayout]
    /// The account payouts go to, masked; nil until the candidate adds one.
    public var payoutAccount: String?
    public var year: Int
    public var releases: [Release]
    /// The year's releases summed per currency.
    public var yearTotals: [Money]
    /// The year's totals that reached their tax reporting threshold, with the threshold.
    public var reportable: [(total: Money, threshold: ReportingThreshold)] {
        yearTotals.compactMap { total in ReportingThresholds.crosses(total, year: year).map { (total, $0) } }
    }

    /// The year's statement as CSV: one line per release, amounts with the currency's decimals.
    public var statementCSV: String {
        CSV.document(header: ["date", "description", "currency", "amount"], rows: releases.map {
            [DateText.iso($0.date), $0.memo, $0.amount.currency, $0.amount.plainSigned]
        })
    }
}

public enum EarningsService {
    /// The signed-in person's own earnings; nobody reads anyone else's.
    public static func earnings(year rawYear: Int?, _ ctx: ActionContext) async throws -> EarningsView {
        let userID = try ctx.actingPrincipal().userID
        let currentYear = StatementMonth(containing: ctx.now).year
        let year = rawYear.flatMap { (2000...currentYear).contains($0) ? $0 : nil } ?? currentYear
        let from = StatementMonth("\(year)-01")!.start
        let to = StatementMonth("\(year)-12")!.end
        let released = try await LedgerStatements.releasedByEngagement(candidateID: userID, on: ctx.db)
        let live = try await Engagements.forUser(userID, managing: [], on: ctx.db)
            .filter { $0.$candidate.id == userID && !$0.state.isOver }
        var pending: [EarningsView.Pending] = []
        for engagement in live where try await Escrows.terms(of: engagement.$project.id, on: ctx.db) != nil {
            let rest = engagement.payMinor - (released[try engagement.requireID()] ?? 0)
            guard rest > 0 else { continue }
            pending.append(.init(engagementID: try engagement.requireID(), title: engagement.project.title, organization: engagement.organization.name,
                                 stillToEarn: Money(amountMinor: rest, currency: engagement.currency), viaPayroll: engagement.classification == .employee))
        }
        let releases = try await LedgerStatements.candidate(userID, from: from, to: to, on: ctx.db)
            .filter { $0.kind == JournalEntryKind.release.rawValue || $0.kind == JournalEntryKind.reversal.rawValue }
            .map { EarningsView.Release(date: $0.created_at, memo: $0.memo, amount: Money(amountMinor: $0.amount_minor, currency: $0.currency)) }
        let totals = Dictionary(grouping: releases, by: \.amount.currency)
            .map { Money(amountMinor: $0.value.reduce(0) { $0 + $1.amount.amountMinor }, currency: $0.key) }
            .sorted { $0.currency < $1.currency }
        return EarningsView(payable: try await Ledger.balances(.candidatePayable, owner: userID, on: ctx.db), pending: pending,
                            payouts: try await Payouts.of(candidateID: userID, on: ctx.db),
                            payoutAccount: try await Payouts.details(of: userID, on: ctx.db)?.masked, year: year, releases: releases, yearTotals: totals)
    }
}
