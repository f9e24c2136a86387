import Foundation

/// Orders skills for someone typing part of a name: the preferred label before the alternative
/// labels, a whole-label match before a prefix, a prefix before a word inside, then shorter first.
public enum SkillSearch {
    public static let maxQueryLength = 100
    public static let maxResults = 50

    public struct Match: Equatable, Sendable {
        public var skill: Skill
        /// The alternative label that matched, when the preferred one did not.
        public var matchedAltLabel: String?
    }

    /// The typed text, lower-cased and trimmed, or nil when there is nothing to look for.
    public static func normalized(_ query: String) -> String? {
        let text = TextInput.trimmed(query).lowercased()
        return text.isEmpty ? nil : text
    }

    public static func rank(_ skills: [Skill], for query: String, limit: Int = 10) -> [Match] {
        guard let wanted = normalized(query) else { return [] }
        var scored: [(score: Int, match: Match)] = []
        for skill in skills {
            if let score = score(skill.label, wanted) {
                scored.append((score, Match(skill: skill, matchedAltLabel: nil)))
            } else if let (score, alt) = skill.altLabels.compactMap({ alt in Self.score(alt, wanted).map { ($0, alt) } }).min(by: { $0.0 < $1.0 }) {
                scored.append((score + 3, Match(skill: skill, matchedAltLabel: alt)))
            }
        }
        return scored.sorted {
            ($0.score, $0.match.skill.label.count, $0.match.skill.label) < ($1.score, $1.match.skill.label.count, $1.match.skill.label)
        }
        .prefix(max(0, min(limit, maxResults))).map(\.match)
    }

    /// 0 for the whole label, 1 for a prefix, 2 for the start of a later word, 6 anywhere else.
    private static func score(_ label: String, _ wanted: String) -> Int? {
        let text = label.lowercased()
        if text == wanted { return 0 }
        if text.hasPrefix(wanted) { return 1 }
        let found = text.ranges(of: wanted)
        if found.isEmpty { return nil }
        let atWordStart = found.contains { !text[text.index(before: $0.lowerBound)].isLetter }
        return atWordStart ? 2 : 6
    }
}
