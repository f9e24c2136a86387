import Foundation

/// When a blind project shows the employer who an applicant is.
public enum RevealStage: String, Codable, Sendable, CaseIterable {
    case shortlist, offer

    public var label: String {
        switch self {
        case .shortlist: "When shortlisted"
        case .offer: "When offered a place"
        }
    }
}

/// A project's screening switches: blind by default, identity revealed at the shortlist, and a
/// week to answer an offer.
public struct ScreeningSettings: Sendable, Equatable {
    public static let offerWindowDays = 1...30

    public var blind: Bool
    public var revealAt: RevealStage
    public var offerWindowDays: Int

    public init(blind: Bool = true, revealAt: RevealStage = .shortlist, offerWindowDays: Int = 7) {
        self.blind = blind
        self.revealAt = revealAt
        self.offerWindowDays = offerWindowDays
    }

    /// When an offer made at `offeredAt` lapses.
    public func offerExpiry(offeredAt: Date) -> Date {
        offeredAt.addingTimeInterval(TimeInterval(offerWindowDays) * 86_400)
    }

    /// Reads the settings form (`blind` checkbox, `revealAt`, `offerWindowDays`).
    public static func parse(_ form: [String: String]) throws(ValidationFailure) -> ScreeningSettings {
        var v = Validator()
        let stage = RevealStage(rawValue: form["revealAt"] ?? "")
        v.check(stage != nil, "revealAt", "Choose when names are revealed.")
        let days = Int(TextInput.trimmed(form["offerWindowDays"] ?? ""))
        v.check(days.map(offerWindowDays.contains) == true, "offerWindowDays",
                "Give candidates \(offerWindowDays.lowerBound) to \(offerWindowDays.upperBound) days to answer an offer.")
        try v.finish()
        return ScreeningSettings(blind: form["blind"] != nil, revealAt: stage ?? .shortlist, offerWindowDays: days ?? 7)
    }
}

/// Blind screening: until an application reaches the project's reveal stage, employer users see a
/// stable handle instead of the candidate's name, e-mail, links, school or location.
public enum BlindScreening {
    /// Whether moving an application into `state` reveals who the candidate is.
    public static func reveals(entering state: ApplicationState, _ settings: ScreeningSettings) -> Bool {
        switch settings.revealAt {
        case .shortlist: state == .shortlisted || state == .offered
        case .offer: state == .offered
        }
    }

    /// Whether employer users may see who applied: never hidden on an open project, and once
    /// revealed an application stays revealed.
    public static func identityVisible(_ settings: ScreeningSettings, revealed: Bool) -> Bool {
        !settings.blind || revealed
    }

    /// What a blind applicant's time zone shows: its offset from UTC at `now` ("UTC+8",
    /// "UTC-3", "UTC+5:30", "UTC"), never the zone's name, which names a place. Nil for an
    /// unknown zone.
    public static func utcOffset(of identifier: String, at now: Date) -> String? {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        let seconds = zone.secondsFromGMT(for: now)
        guard seconds != 0 else { return "UTC" }
        let minutes = abs(seconds) / 60
        return "UTC" + (seconds < 0 ? "-" : "+") + String(minutes / 60) + (minutes % 60 == 0 ? "" : String(format: ":%02d", minutes % 60))
    }

    /// "Applicant K7QD": a code from the application's id, the same on every page.
    public static func handle(for id: UUID) -> String {
        "Applicant " + code(for: id)
    }

    /// Four letters and digits from an id. The alphabet leaves out 0, 1, I and O, which read alike.
    public static func code(for id: UUID) -> String {
        let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        let bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
        return String(bytes.suffix(4).map { alphabet[Int($0) % alphabet.count] })
    }
}
