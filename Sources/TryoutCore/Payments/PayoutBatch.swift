import Foundation

/// A payout batch's life: created (waiting for a second admin when its total is large),
/// approved, then paid once the bank confirms; or cancelled, which gives the payables back.
public enum PayoutBatchState: String, Codable, Sendable, CaseIterable {
    case awaitingApproval = "awaiting_approval"
    case approved
    case paid
    case cancelled

    public var label: String {
        switch self {
        case .awaitingApproval: "Waiting for a second admin's approval"
        case .approved: "Approved: send it to the bank"
        case .paid: "Paid"
        case .cancelled: "Cancelled"
        }
    }

    /// The bank file may be downloaded only once nobody else has to approve it.
    public var canExport: Bool { self == .approved || self == .paid }
    public var canCancel: Bool { self == .awaitingApproval || self == .approved }
}

/// When a batch needs a second platform admin: its total above a threshold in the major unit
/// of its currency (`TRYOUT_PAYOUT_APPROVAL_ABOVE`, default 10,000).
public struct PayoutApprovalPolicy: Sendable, Equatable {
    public var thresholdMajor: Int64

    public init(thresholdMajor: Int64 = 10_000) {
        self.thresholdMajor = max(0, thresholdMajor)
    }

    public func threshold(in currency: String) -> Money {
        let scale = CurrencyExponent.scale(currency)
        return Money(amountMinor: thresholdMajor.multipliedReportingOverflow(by: scale).overflow ? .max : thresholdMajor * scale, currency: currency)
    }

    public func needsSecondApproval(_ total: Money) -> Bool {
        total.amountMinor > threshold(in: total.currency).amountMinor
    }

    /// The second approval is someone else's: never the admin who made the batch.
    public static func mayApprove(_ state: PayoutBatchState, createdBy creatorID: UUID?, approver approverID: UUID?) -> Bool {
        state == .awaitingApproval && approverID != nil && approverID != creatorID
    }

    /// Reads the setting; nil when it is not a whole number of zero or more.
    public static func parse(_ raw: String?) -> PayoutApprovalPolicy? {
        guard let raw, !raw.isEmpty else { return PayoutApprovalPolicy() }
        return Int64(raw).flatMap { $0 >= 0 ? PayoutApprovalPolicy(thresholdMajor: $0) : nil }
    }
}

/// What the platform's own bank account sends payouts from: named in the bank file.
public struct PayoutDebtor: Sendable, Equatable {
    public var name: String
    public var iban: String
    public var bic: String?

    public init(name: String, iban: String, bic: String?) {
        self.name = name
        self.iban = iban
        self.bic = bic
    }

    /// `Name|IBAN|BIC` (`TRYOUT_PAYOUT_ACCOUNT`), nil when any part does not check.
    public static func parse(_ raw: String?) -> PayoutDebtor? {
        let parts = (raw ?? "").split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 || parts.count == 3, !parts[0].isEmpty, parts[0].count <= 70, let iban = IBAN.normalized(parts[1]) else { return nil }
        let bic = parts.count == 3 && !parts[2].isEmpty ? BIC.normalized(parts[2]) : nil
        if parts.count == 3, !parts[2].isEmpty, bic == nil { return nil }
        return PayoutDebtor(name: parts[0], iban: iban, bic: bic)
    }
}

/// One candidate's transfer in a batch.
public struct PayoutTransfer: Sendable, Equatable {
    /// Travels with the money to the candidate's bank statement and back in the bank's report.
    public var endToEndID: String
    public var amount: Money
    public var details: PayoutDetails
    public var remittance: String

    public init(endToEndID: String, amount: Money, details: PayoutDetails, remittance: String) {
        self.endToEndID = endToEndID
        self.amount = amount
        self.details = details
        self.remittance = remittance
    }
}
