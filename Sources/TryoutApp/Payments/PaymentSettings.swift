import TryoutCore

/// How the platform charges and pays, from the server's settings.
public struct PaymentSettings: Sendable {
    /// The fee on each place's pay, held with it and taken as work is accepted (`TRYOUT_PLATFORM_FEE_BPS`).
    public var feeBasisPoints: Int
    /// Where organizations send bank transfers, printed on invoices (`TRYOUT_BANK_DETAILS`, lines
    /// separated by `|`).
    public var bankDetails: [String]
    /// Seals payout details and tax identifiers (`TRYOUT_SECRET_KEY`, or `secret.key` in the data directory).
    public var cipher: FieldCipher
    /// When a payout batch needs a second admin (`TRYOUT_PAYOUT_APPROVAL_ABOVE`).
    public var approval: PayoutApprovalPolicy
    /// The platform's account payouts leave from, named in the bank file (`TRYOUT_PAYOUT_ACCOUNT`);
    /// without it batches export as CSV only.
    public var payoutAccount: PayoutDebtor?

    public init(feeBasisPoints: Int = 0, bankDetails: [String] = [], cipher: FieldCipher = .ephemeral(),
                approval: PayoutApprovalPolicy = .init(), payoutAccount: PayoutDebtor? = nil) {
        self.feeBasisPoints = feeBasisPoints
        self.bankDetails = bankDetails
        self.cipher = cipher
        self.approval = approval
        self.payoutAccount = payoutAccount
    }
}
