/// How the platform charges and is paid, from the server's settings.
public struct PaymentSettings: Sendable, Equatable {
    /// The fee on each place's pay, held with it and taken as work is accepted (`TRYOUT_PLATFORM_FEE_BPS`).
    public var feeBasisPoints: Int
    /// Where organizations send bank transfers, printed on invoices (`TRYOUT_BANK_DETAILS`, lines
    /// separated by `|`).
    public var bankDetails: [String]

    public init(feeBasisPoints: Int = 0, bankDetails: [String] = []) {
        self.feeBasisPoints = feeBasisPoints
        self.bankDetails = bankDetails
    }
}
