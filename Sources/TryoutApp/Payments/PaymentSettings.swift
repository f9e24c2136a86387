/// How the platform charges and pays out, from the server's settings.
public struct PaymentSettings: Sendable, Equatable {
    /// The fee on each place's pay, held with it and taken as work is accepted (`TRYOUT_PLATFORM_FEE_BPS`).
    public var feeBasisPoints: Int

    public init(feeBasisPoints: Int = 0) {
        self.feeBasisPoints = feeBasisPoints
    }
}
