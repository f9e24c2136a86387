/// An amount in a currency's minor units (cents for USD), so no floating point ever touches pay.
public struct Money: Equatable, Hashable, Sendable, Codable {
    public var amountMinor: Int64
    public var currency: String

    public init(amountMinor: Int64, currency: String) {
        self.amountMinor = amountMinor
        self.currency = currency.uppercased()
    }

    /// The currency's ISO 4217 exponent: 0 for JPY, 2 for USD, 3 for BHD.
    public var minorDigits: Int { CurrencyExponent.of(currency) }

    /// "USD 1,250.00": currency code first, grouped thousands, exact minor digits.
    public var formatted: String {
        let negative = amountMinor < 0
        let magnitude = amountMinor.magnitude
        let scale = UInt64(pow10(minorDigits))
        let major = magnitude / scale
        var text = Self.grouped(major)
        if minorDigits > 0 {
            let minor = String(magnitude % scale)
            text += "." + String(repeating: "0", count: minorDigits - minor.count) + minor
        }
        return "\(currency) \(negative ? "-" : "")\(text)"
    }

    /// The amount divided evenly over `hours`, rounded down to a whole minor unit.
    public func perHour(_ hours: Int) -> Money? {
        guard hours > 0 else { return nil }
        return Money(amountMinor: amountMinor / Int64(hours), currency: currency)
    }

    private func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { acc, _ in acc * 10 } }

    private static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
