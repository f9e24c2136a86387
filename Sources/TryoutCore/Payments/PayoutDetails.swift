import Foundation

/// A candidate's payout details: whose account, which account, and the tax identifier their
/// employers' filers need. Kept encrypted; pages see `masked` forms only.
public struct PayoutDetails: Codable, Sendable, Equatable {
    public var holder: String
    public var account: BankAccount
    public var taxID: String?

    public init(holder: String, account: BankAccount, taxID: String?) {
        self.holder = holder
        self.account = account
        self.taxID = taxID
    }

    public var maskedTaxID: String? { taxID.map { "•••• \($0.suffix(4))" } }
}

/// The payout details form or payload, checked field by field.
public struct PayoutDetailsInput: Sendable, Equatable {
    public var holder: String?
    /// `iban` or `us`.
    public var method: String?
    public var iban: String?
    public var bic: String?
    public var routingNumber: String?
    public var accountNumber: String?
    public var taxID: String?

    public init(holder: String?, method: String?, iban: String? = nil, bic: String? = nil,
                routingNumber: String? = nil, accountNumber: String? = nil, taxID: String? = nil) {
        self.holder = holder
        self.method = method
        self.iban = iban
        self.bic = bic
        self.routingNumber = routingNumber
        self.accountNumber = accountNumber
        self.taxID = taxID
    }

    public func validated() throws(ValidationFailure) -> PayoutDetails {
        var v = Validator()
        // 70 characters: what every bank's credit transfer carries of a name.
        let holder = v.required(holder, "holder", label: "The account holder's name", maxLength: 70)
        var account: BankAccount?
        switch method {
        case "iban":
            let iban = IBAN.normalized(iban ?? "")
            v.check(iban != nil, "iban", "Enter the IBAN as the bank gives it, like GB82 WEST 1234 5698 7654 32; its check digits do not match.")
            let rawBIC = TextInput.trimmed(bic ?? "")
            let bic = rawBIC.isEmpty ? nil : BIC.normalized(rawBIC)
            v.check(rawBIC.isEmpty || bic != nil, "bic", "A BIC has 8 or 11 letters and digits, like COBADEFFXXX; leave it blank if unsure.")
            if let iban { account = .iban(iban, bic: bic) }
        case "us":
            let routing = USBankAccount.routing(routingNumber ?? "")
            let number = USBankAccount.account(accountNumber ?? "")
            v.check(routing != nil, "routingNumber", "A routing number has 9 digits and a check digit; this one does not add up.")
            v.check(number != nil, "accountNumber", "An account number has 4 to 17 digits.")
            if let routing, let number { account = .us(routing: routing, account: number) }
        default:
            v.add(FieldError("method", "Choose an IBAN or a US bank account."))
        }
        let tax = (taxID ?? "").uppercased().filter { !$0.isWhitespace && $0 != "-" }
        v.check(tax.isEmpty || ((4...20).contains(tax.count) && tax.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }),
                "taxID", "A tax identifier has 4 to 20 letters and digits (a US SSN or EIN has 9 digits).")
        try v.finish()
        // Set whenever no error was recorded.
        return PayoutDetails(holder: holder, account: account!, taxID: tax.isEmpty ? nil : tax)
    }
}
