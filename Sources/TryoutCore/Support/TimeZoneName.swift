import Foundation

/// Time zones as people type them: IANA names ("Europe/Berlin", "America/Argentina/Buenos_Aires")
/// or "UTC". Abbreviations ("EST") and offsets ("GMT+8") are refused: they do not follow summer time.
public enum TimeZoneName {
    public static let maxLength = 64
    /// The shape of an IANA name; the API document states the same pattern.
    static let pattern = "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$"

    /// Region/City zones and UTC, sorted: what the forms offer.
    public static let suggestions = ["UTC"] + TimeZone.knownTimeZoneIdentifiers.filter { $0.contains("/") }.sorted()

    /// The zone `name` stands for, when it is a name Foundation knows.
    public static func zone(_ name: String) -> TimeZone? {
        guard name.count <= maxLength, name.contains("/") || name == "UTC",
              name.range(of: pattern, options: .regularExpression) != nil
        else { return nil }
        return TimeZone(identifier: name)
    }
}
