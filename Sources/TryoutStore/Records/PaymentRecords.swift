import FluentKit
import Foundation
import TryoutCore

/// What publishing a paid project put in escrow, fixed then: later changes of the platform's fee
/// never change it, and only the places may change while the project takes applicants.
public final class ProjectEscrowRecord: Model, @unchecked Sendable {
    public static let schema = "project_escrows"
    public var properties: [any AnyProperty] {
        [
            $id, $project, $organization, $currency, $payMinor, $feeBasisPoints, $places, $createdAt
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "project_id") public var project: ProjectRecord
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    @Field(key: "currency") public var currency: String
    @Field(key: "pay_minor") public var payMinor: Int64
    @Field(key: "fee_basis_points") public var feeBasisPoints: Int
    @Field(key: "places") public var places: Int
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public var terms: EscrowTerms {
        EscrowTerms(pay: Money(amountMinor: payMinor, currency: currency), feeBasisPoints: feeBasisPoints, places: places)
    }
}

public enum InvoiceState: String, Codable, Sendable, CaseIterable {
    case open, paid, cancelled

    public var label: String {
        switch self {
        case .open: "Awaiting payment"
        case .paid: "Paid"
        case .cancelled: "Cancelled"
        }
    }
}

/// A request to top up an organization's balance by bank transfer: the organization pays it
/// quoting the reference, and a platform admin records the receipt against that reference.
public final class InvoiceRecord: Model, @unchecked Sendable {
    public static let schema = "invoices"
    public var properties: [any AnyProperty] {
        [
            $id, $organization, $reference, $amountMinor, $currency, $state, $createdBy, $createdAt, $paidAt, $recordedBy,
            $bankReference, $entryID
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organization_id") public var organization: OrganizationRecord
    @Field(key: "reference") public var reference: String
    @Field(key: "amount_minor") public var amountMinor: Int64
    @Field(key: "currency") public var currency: String
    @Enum(key: "state") public var state: InvoiceState
    @OptionalParent(key: "created_by") public var createdBy: UserRecord?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "paid_at") public var paidAt: Date?
    @OptionalParent(key: "recorded_by") public var recordedBy: UserRecord?
    @OptionalField(key: "bank_reference") public var bankReference: String?
    @OptionalField(key: "entry_id") public var entryID: UUID?

    public init() {}

    public var amount: Money { Money(amountMinor: amountMinor, currency: currency) }
}

/// A candidate's payout details, sealed by the application with the server's secret key; only
/// the masked form is readable here.
public final class PayoutDetailsRecord: Model, @unchecked Sendable {
    public static let schema = "payout_details"
    public var properties: [any AnyProperty] { [$id, $user, $method, $masked, $sealed, $updatedAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserRecord
    @Field(key: "method") public var method: String
    @Field(key: "masked") public var masked: String
    @Field(key: "sealed") public var sealed: String
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

/// Candidates' payables gathered for one bank transfer run, in one currency.
public final class PayoutBatchRecord: Model, @unchecked Sendable {
    public static let schema = "payout_batches"
    public var properties: [any AnyProperty] {
        [
            $id, $reference, $currency, $totalMinor, $transfers, $state, $createdBy, $createdAt, $approvedBy, $approvedAt,
            $closedBy, $closedAt, $bankReference
        ]
    }

    @ID(key: .id) public var id: UUID?
    /// The message and payment id in the bank file, like `PO-20261202-7K3M`.
    @Field(key: "reference") public var reference: String
    @Field(key: "currency") public var currency: String
    @Field(key: "total_minor") public var totalMinor: Int64
    /// How many candidates it pays.
    @Field(key: "transfers") public var transfers: Int
    @Enum(key: "state") public var state: PayoutBatchState
    @OptionalParent(key: "created_by") public var createdBy: UserRecord?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalParent(key: "approved_by") public var approvedBy: UserRecord?
    @OptionalField(key: "approved_at") public var approvedAt: Date?
    /// Who marked it paid or cancelled it, and when.
    @OptionalParent(key: "closed_by") public var closedBy: UserRecord?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    @OptionalField(key: "bank_reference") public var bankReference: String?

    public init() {}

    public var total: Money { Money(amountMinor: totalMinor, currency: currency) }
}

/// What a batch pays one candidate for one organization's work.
public final class PayoutItemRecord: Model, @unchecked Sendable {
    public static let schema = "payout_items"
    public var properties: [any AnyProperty] { [$id, $batch, $candidateID, $organizationID, $amountMinor, $masked, $sealed] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "batch_id") public var batch: PayoutBatchRecord
    @Field(key: "candidate_id") public var candidateID: UUID
    @Field(key: "organization_id") public var organizationID: UUID
    @Field(key: "amount_minor") public var amountMinor: Int64
    @Field(key: "masked") public var masked: String
    @Field(key: "sealed") public var sealed: String

    public init() {}
}
