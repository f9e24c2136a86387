/// Splits an amount over weights exactly: every share is rounded down, and the minor units left
/// over go one each to the largest remainders (the earlier deliverable on a tie). The shares
/// always add up to the amount, so an engagement whose work is all accepted leaves nothing
/// stranded in escrow.
public enum PayShares {
    /// Equal shares when no weight is set.
    public static func split(_ amountMinor: Int64, weights: [Int]) -> [Int64] {
        guard !weights.isEmpty else { return [] }
        let positive = weights.map { max($0, 0) }
        let shares = positive.reduce(0, +) > 0 ? positive.map(Int64.init) : positive.map { _ in Int64(1) }
        let total = shares.reduce(0, +)
        let parts = shares.map { amountMinor.multipliedFullWidth(by: $0) }.map { product in
            total.dividingFullWidth((high: product.high, low: product.low))
        }
        var left = amountMinor - parts.reduce(0) { $0 + $1.quotient }
        let order = parts.indices.sorted { parts[$0].remainder > parts[$1].remainder }
        var result = parts.map(\.quotient)
        for index in order where left > 0 {
            result[index] += 1
            left -= 1
        }
        return result
    }
}

/// What publishing a paid project holds in escrow: each place's pay and the platform's fee on
/// it, fixed at publication so a later change of the fee never changes a promise.
public struct EscrowTerms: Sendable, Equatable, Codable {
    public var pay: Money
    public var feeBasisPoints: Int
    public var places: Int

    public init(pay: Money, feeBasisPoints: Int, places: Int) {
        self.pay = pay
        self.feeBasisPoints = feeBasisPoints
        self.places = places
    }

    /// The fee on one place's pay, rounded down to a minor unit.
    public var feePerPlace: Int64 { pay.amountMinor * Int64(feeBasisPoints) / 10_000 }
    public var perPlace: Int64 { pay.amountMinor + feePerPlace }
    public var total: Money { Money(amountMinor: perPlace * Int64(places), currency: pay.currency) }

    /// Nothing is held for unpaid work (a volunteer or credit-bearing project).
    public var isPaid: Bool { pay.amountMinor > 0 && places > 0 }

    /// Each deliverable's share of one place, by the brief's weights: the candidate's pay and
    /// the platform's fee on it.
    public func shares(weights: [Int]) -> [(pay: Int64, fee: Int64)] {
        Array(zip(PayShares.split(pay.amountMinor, weights: weights), PayShares.split(feePerPlace, weights: weights)))
            .map { (pay: $0.0, fee: $0.1) }
    }

    /// How much more the balance needs before `required` can be held; nil when it suffices,
    /// counting the credit a platform admin granted.
    public static func shortfall(required: Int64, balance: Int64, creditLimit: Int64) -> Int64? {
        let available = balance + max(creditLimit, 0)
        return required > available ? required - available : nil
    }
}

/// What the platform takes on released pay, in basis points (100 = 1%); none unless configured.
public enum PlatformFee {
    public static let maximumBasisPoints = 5_000

    /// Reads a configured fee such as "250"; anything else is refused so a typo never charges.
    public static func basisPoints(_ text: String?) -> Int? {
        guard let text, !text.isEmpty else { return 0 }
        guard let value = Int(text), (0...maximumBasisPoints).contains(value) else { return nil }
        return value
    }
}
