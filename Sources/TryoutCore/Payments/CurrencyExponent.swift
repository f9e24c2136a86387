/// How many minor-unit digits a currency has, from ISO 4217's list. Amounts are kept as whole
/// minor units, so the exponent is what turns them into text and back.
public enum CurrencyExponent {
    private static let zero: Set<String> = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
                                            "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"]
    private static let three: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
    private static let four: Set<String> = ["CLF", "UYW"]

    /// 2 for every currency not listed with another exponent.
    public static func of(_ code: String) -> Int {
        let code = code.uppercased()
        if zero.contains(code) { return 0 }
        if three.contains(code) { return 3 }
        if four.contains(code) { return 4 }
        return 2
    }

    /// Minor units in one major unit: 100 for USD, 1 for JPY.
    public static func scale(_ code: String) -> Int64 {
        (0..<of(code)).reduce(Int64(1)) { acc, _ in acc * 10 }
    }
}
