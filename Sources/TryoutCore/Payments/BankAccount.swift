import Foundation

/// Where a candidate's payouts go: an IBAN (with the bank's BIC when known), or a US account
/// with its ABA routing number. Both are checked by their checksums before anything is stored,
/// so a typo is caught on the form, not by a bank days later.
public enum BankAccount: Codable, Sendable, Equatable {
    case iban(String, bic: String?)
    case us(routing: String, account: String)

    /// What pages show: enough to recognise the account, never enough to use it.
    public var masked: String {
        switch self {
        case .iban(let iban, _): "\(iban.prefix(4)) •••• \(iban.suffix(4))"
        case .us(_, let account): "US account ••••\(account.suffix(4))"
        }
    }

    public var kind: String {
        switch self {
        case .iban: "iban"
        case .us: "us"
        }
    }
}

/// International Bank Account Numbers (ISO 13616): the country's length and the mod-97 check.
public enum IBAN {
    /// Lengths of the countries that issue IBANs most often; another country's IBAN is checked
    /// by its general shape and checksum only.
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AT": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "CH": 21, "CY": 28, "CZ": 24,
        "DE": 22, "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28,
        "IE": 22, "IL": 23, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31,
        "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SA": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
        "TR": 26, "UA": 29,
    ]

    /// The IBAN without spaces, in capitals, when it is well formed and its check digits hold.
    public static func normalized(_ raw: String) -> String? {
        let text = raw.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        let chars = Array(text)
        guard (15...34).contains(chars.count), chars.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              chars[0].isLetter, chars[1].isLetter, chars[2].isNumber, chars[3].isNumber else { return nil }
        if let length = lengths[String(chars[0...1])], length != chars.count { return nil }
        return remainder(chars[4...] + chars[0..<4]) == 1 ? text : nil
    }

    /// Letters count as 10…35; the number is reduced digit by digit so it never overflows.
    private static func remainder(_ chars: some Sequence<Character>) -> Int {
        chars.reduce(0) { rest, char in
            let value = char.isNumber ? Int(String(char))! : Int(char.asciiValue! - 55)
            return value < 10 ? (rest * 10 + value) % 97 : (rest * 100 + value) % 97
        }
    }
}

/// Business Identifier Codes (ISO 9362): 8 or 11 characters, party, country, location, branch.
public enum BIC {
    public static func normalized(_ raw: String) -> String? {
        let text = raw.uppercased().filter { !$0.isWhitespace }
        let chars = Array(text)
        guard chars.count == 8 || chars.count == 11, chars.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              chars[4..<6].allSatisfy(\.isLetter) else { return nil }
        return text
    }
}

/// US bank accounts: the ABA routing number's weighted checksum, and an account of 4 to 17 digits.
public enum USBankAccount {
    public static func routing(_ raw: String) -> String? {
        let digits = raw.filter { !$0.isWhitespace }
        guard digits.count == 9, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        let d = digits.map { Int(String($0))! }
        let sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])
        return sum % 10 == 0 ? digits : nil
    }

    public static func account(_ raw: String) -> String? {
        let digits = raw.filter { !$0.isWhitespace && $0 != "-" }
        return (4...17).contains(digits.count) && digits.allSatisfy(\.isASCIIDigit) ? digits : nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
