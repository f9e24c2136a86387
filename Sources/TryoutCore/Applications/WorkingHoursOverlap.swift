import Foundation

/// A candidate's time zone as employer users may see it before the reveal: the offset from UTC and
/// how much of the project's working day (`Matching.workingHours` in the project's time zone) the
/// candidate's own working day covers, never the zone's name, which says where the person lives.
public struct WorkingHoursOverlap: Equatable, Sendable {
    /// "UTC+8".
    public var utcOffset: String
    /// Hours of a working day both sides work; nil when the project names no time zone.
    public var hours: Double?
    /// "9:00–17:00 Europe/Berlin"; nil when the project names no time zone.
    public var projectHours: String?

    /// Compares the days on `day`: offsets change with summer time. Nil for a candidate's zone
    /// Tryout does not know.
    public init?(candidate identifier: String, project: MatchProject, on day: Date) {
        guard let theirs = TimeZone(identifier: identifier), let offset = BlindScreening.utcOffset(of: identifier, at: day) else { return nil }
        utcOffset = offset
        guard let ours = project.timeZone else { return }
        hours = Matching.overlapHours(Double(theirs.secondsFromGMT(for: day) - ours.secondsFromGMT(for: day)) / 3600)
        projectHours = Self.hours(in: ours.identifier)
    }

    /// A team's working hours on its own clock: "9:00–17:00 Europe/Berlin".
    public static func hours(in zoneName: String) -> String {
        "\(Matching.workingHours.lowerBound):00–\(Matching.workingHours.upperBound):00 \(zoneName)"
    }

    /// "UTC+8 · 1 h overlap", for lists.
    public var summary: String {
        guard let hours else { return utcOffset }
        return utcOffset + " · " + (hours > 0 ? "\(String(format: "%g", hours)) h overlap" : "no overlap")
    }

    /// "UTC+8 · 1 h overlap with the project's hours (9:00–17:00 Europe/Berlin)".
    public var text: String {
        guard let projectHours else { return summary }
        return summary + " with the project's hours (\(projectHours))"
    }
}
