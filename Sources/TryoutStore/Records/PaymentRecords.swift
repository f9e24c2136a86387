import FluentKit
import Foundation
import TryoutCore

/// What publishing a paid project put in escrow, fixed then: later changes of the platform's fee
/// never change it, and only the places may change while the project takes applicants.
public final class ProjectEscrowRecord: Model, @unchecked Sendable {
    public static let schema = "project_escrows"

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
