import Foundation

/// What a ledger account stands for. Each is kept per currency: an organization that pays in
/// two currencies has two balances.
public enum LedgerAccountKind: String, Codable, Sendable, CaseIterable {
    /// An organization's money not yet committed to a project.
    case organizationBalance = "organization_balance"
    /// Released pay of employees, which the organization pays through its own payroll.
    case organizationPayroll = "organization_payroll"
    /// A published project's pay held until work is accepted.
    case projectEscrow = "project_escrow"
    /// Released pay a candidate has earned and not yet been paid out.
    case candidatePayable = "candidate_payable"
    /// The platform's fee on released pay.
    case platformFees = "platform_fees"
    /// Payables batched for a bank transfer that has not been confirmed yet.
    case payoutsInTransit = "payouts_in_transit"
    /// Money that left the platform to candidates' banks.
    case paidOut = "paid_out"
    /// Unused balance an organization took back.
    case refunds
    /// Money that came in from outside (bank transfers, later cards): the source of every balance.
    case externalFunding = "external_funding"

    /// Whose account it is: an organization, a project, a candidate, or the platform itself.
    public var owner: LedgerOwner {
        switch self {
        case .organizationBalance, .organizationPayroll: .organization
        case .projectEscrow: .project
        case .candidatePayable: .candidate
        case .platformFees, .payoutsInTransit, .paidOut, .refunds, .externalFunding: .platform
        }
    }

    /// Money held for someone never goes below zero; an organization's balance may, down to
    /// the credit a platform admin granted; money that came in from outside is negative by
    /// nature (every balance was funded from it).
    public var floor: LedgerFloor {
        switch self {
        case .externalFunding: .none
        case .organizationBalance: .creditLimit
        default: .zero
        }
    }
}

public enum LedgerOwner: String, Sendable { case organization, project, candidate, platform }
public enum LedgerFloor: Sendable { case zero, creditLimit, none }

/// One account: its kind, whose it is (nil for the platform's own) and its currency.
public struct LedgerAccount: Hashable, Sendable, Codable {
    public var kind: LedgerAccountKind
    public var ownerID: UUID?
    public var currency: String

    public init(_ kind: LedgerAccountKind, owner ownerID: UUID?, currency: String) {
        self.kind = kind
        self.ownerID = kind.owner == .platform ? nil : ownerID
        self.currency = currency.uppercased()
    }

    public static func balance(of organizationID: UUID, _ currency: String) -> Self { .init(.organizationBalance, owner: organizationID, currency: currency) }
    public static func payroll(of organizationID: UUID, _ currency: String) -> Self { .init(.organizationPayroll, owner: organizationID, currency: currency) }
    public static func escrow(of projectID: UUID, _ currency: String) -> Self { .init(.projectEscrow, owner: projectID, currency: currency) }
    public static func payable(of candidateID: UUID, _ currency: String) -> Self { .init(.candidatePayable, owner: candidateID, currency: currency) }
    public static func platform(_ kind: LedgerAccountKind, _ currency: String) -> Self { .init(kind, owner: nil, currency: currency) }
}

/// An amount into (positive) or out of (negative) an account, in the account's currency's minor units.
public struct Posting: Hashable, Sendable, Codable {
    public var account: LedgerAccount
    public var amountMinor: Int64

    public init(_ account: LedgerAccount, _ amountMinor: Int64) {
        self.account = account
        self.amountMinor = amountMinor
    }
}

/// Why money moves.
public enum JournalEntryKind: String, Codable, Sendable, CaseIterable {
    case funding
    case escrowHold = "escrow_hold"
    case release
    case refund
    case payoutBatched = "payout_batched"
    case payoutPaid = "payout_paid"
    case payrollExported = "payroll_exported"
    case reversal

    public var label: String {
        switch self {
        case .funding: "Funding received"
        case .escrowHold: "Held in escrow"
        case .release: "Released for accepted work"
        case .refund: "Returned to the balance"
        case .payoutBatched: "Batched for payout"
        case .payoutPaid: "Paid out"
        case .payrollExported: "Exported to payroll"
        case .reversal: "Correction"
        }
    }
}

/// What the ledger refuses before anything is written.
public enum LedgerError: Error, Equatable, Sendable, CustomStringConvertible, StateRefusal {
    case tooFewPostings
    case zeroPosting
    case unbalanced(currency: String, sum: Int64)
    case overflow
    /// The database refused a move that would take an account below its floor.
    case insufficient

    public var description: String {
        switch self {
        case .tooFewPostings: "A journal entry moves money between at least two accounts."
        case .zeroPosting: "A journal entry cannot post nothing to an account."
        case .unbalanced(let currency, let sum): "The postings do not balance: \(currency) is off by \(sum) minor units."
        case .overflow: "The amount is too large."
        case .insufficient: "There is not enough money in the account for this; nothing was moved."
        }
    }
}

/// A balanced set of postings: for every currency they sum to zero, so money is only ever
/// moved, never made or lost. `uniqueKey` names the event it records (a deliverable's release,
/// an invoice's receipt), so the same event can never be written twice.
public struct JournalEntry: Sendable, Equatable {
    public var kind: JournalEntryKind
    public var postings: [Posting]
    public var memo: String
    public var uniqueKey: String?
    public var references: LedgerReferences

    public init(_ kind: JournalEntryKind, _ postings: [Posting], memo: String, uniqueKey: String? = nil,
                references: LedgerReferences = .init()) throws(LedgerError) {
        guard postings.count >= 2 else { throw .tooFewPostings }
        guard !postings.contains(where: { $0.amountMinor == 0 }) else { throw .zeroPosting }
        var sums: [String: Int64] = [:]
        for posting in postings {
            let (sum, overflow) = sums[posting.account.currency, default: 0].addingReportingOverflow(posting.amountMinor)
            if overflow { throw .overflow }
            sums[posting.account.currency] = sum
        }
        if let (currency, sum) = sums.sorted(by: { $0.key < $1.key }).first(where: { $0.value != 0 }) {
            throw .unbalanced(currency: currency, sum: sum)
        }
        self.kind = kind
        self.postings = postings
        self.memo = memo
        self.uniqueKey = uniqueKey
        self.references = references
    }

    /// Moves `amountMinor` from one account to another of the same currency.
    public static func transfer(_ kind: JournalEntryKind, _ amountMinor: Int64, from: LedgerAccount, to: LedgerAccount, memo: String,
                                uniqueKey: String? = nil, references: LedgerReferences = .init()) throws(LedgerError) -> JournalEntry {
        try JournalEntry(kind, [Posting(from, -amountMinor), Posting(to, amountMinor)], memo: memo, uniqueKey: uniqueKey, references: references)
    }

    /// The correction of this entry: every posting undone. The ledger is append-only, so a
    /// mistake is answered by its reversal, never by changing what was written.
    public func reversal(memo: String, uniqueKey: String?, reversing entryID: UUID) throws(LedgerError) -> JournalEntry {
        var references = self.references
        references.reverses = entryID
        return try JournalEntry(.reversal, postings.map { Posting($0.account, -$0.amountMinor) }, memo: memo,
                                uniqueKey: uniqueKey, references: references)
    }
}

/// What an entry is about, so statements can be read by project, engagement or deliverable.
public struct LedgerReferences: Sendable, Equatable, Codable {
    public var organizationID: UUID?
    public var projectID: UUID?
    public var engagementID: UUID?
    public var milestoneID: UUID?
    public var reverses: UUID?

    public init(organizationID: UUID? = nil, projectID: UUID? = nil, engagementID: UUID? = nil,
                milestoneID: UUID? = nil, reverses: UUID? = nil) {
        self.organizationID = organizationID
        self.projectID = projectID
        self.engagementID = engagementID
        self.milestoneID = milestoneID
        self.reverses = reverses
    }
}
