import Foundation

/// An amount of money typed into a form: a top-up, a receipt, a credit limit.
public struct AmountInput: Sendable, Equatable {
    public var money: Money

    /// The largest amount one form may move: ten million in the major unit.
    public static let maximumMajor: Int64 = 10_000_000

    /// `allowZero` for a limit that can be taken away; a movement of money is never zero.
    public init(amount: String?, currency: String?, field: String = "amount", currencyField: String = "currency",
                allowZero: Bool = false) throws(ValidationFailure) {
        let code = try Self.currency(currency, field: currencyField)
        try self.init(Money.parse(amount ?? "", currency: code), currency: code, field: field, allowZero: allowZero)
    }

    /// The same from minor units, as the API sends them.
    public init(minor: Int64, currency: String?, field: String = "amount", currencyField: String = "currency",
                allowZero: Bool = false) throws(ValidationFailure) {
        let code = try Self.currency(currency, field: currencyField)
        try self.init(Money(amountMinor: minor, currency: code), currency: code, field: field, allowZero: allowZero)
    }

    private init(_ parsed: Money?, currency code: String, field: String, allowZero: Bool) throws(ValidationFailure) {
        let limit = Money(amountMinor: Self.maximumMajor * CurrencyExponent.scale(code), currency: code)
        guard let money = parsed, money.amountMinor > 0 || (allowZero && money.amountMinor == 0), money.amountMinor <= limit.amountMinor else {
            throw ValidationFailure([FieldError(field, "Enter an amount above zero and at most \(limit.formatted), with at most \(CurrencyExponent.of(code)) decimals.")])
        }
        self.money = money
    }

    private static func currency(_ raw: String?, field: String) throws(ValidationFailure) -> String {
        let code = (raw ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        guard BriefInput.currencies.contains(code) else {
            throw ValidationFailure([FieldError(field, "Choose one of the currencies projects pay in.")])
        }
        return code
    }

}

/// Invoice references people type into a bank transfer: short, unambiguous letters and digits.
public enum InvoiceReference {
    /// Crockford's base 32: no I, L, O or U, so nothing reads as another character.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// `TRY-XXXX-XXXX`; payout batches use `prefix` "PO".
    public static func random(prefix: String = "TRY") -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<8).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] }
        return prefix + "-" + String(characters[0..<4]) + "-" + String(characters[4...])
    }

    /// The reference as typed, in any case, with spaces or without the dashes.
    public static func normalized(_ text: String?) -> String? {
        let compact = (text ?? "").uppercased().filter { $0.isLetter || $0.isNumber }
        guard compact.count == 11, compact.hasPrefix("TRY"), compact.dropFirst(3).allSatisfy(alphabet.contains) else { return nil }
        let body = Array(compact.dropFirst(3))
        return "TRY-" + String(body[0..<4]) + "-" + String(body[4...])
    }
}
