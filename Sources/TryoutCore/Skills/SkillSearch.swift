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
        return sorted(scored, limit: limit)
    }

    /// The pieces a misspelt query is looked up by before `rankNear` judges the skills found:
    /// the first and the last three letters of each word of four letters or more, so one wrong
    /// letter still leaves a piece intact.
    public static func fragments(of query: String) -> [String] {
        guard let wanted = normalized(query) else { return [] }
        let pieces = words(wanted).prefix(3).filter { $0.count >= 4 }.flatMap { [String($0.prefix(3)), String($0.suffix(3))] }
        return Array(Set(pieces)).sorted()
    }

    /// Skills near a misspelt query: each typed word is at most one edit from a word of the label
    /// (two edits from eight letters; none under four), or from the start of one. Fewest edits
    /// first; an alternative label counts one edit more than the preferred one.
    public static func rankNear(_ skills: [Skill], for query: String, limit: Int = 10) -> [Match] {
        guard let wanted = normalized(query) else { return [] }
        let typed = words(wanted)
        guard !typed.isEmpty else { return [] }
        var scored: [(score: Int, match: Match)] = []
        for skill in skills {
            if let edits = edits(typed, skill.label) {
                scored.append((edits, Match(skill: skill, matchedAltLabel: nil)))
            } else if let (edits, alt) = skill.altLabels.compactMap({ alt in Self.edits(typed, alt).map { ($0, alt) } }).min(by: { $0.0 < $1.0 }) {
                scored.append((edits + 1, Match(skill: skill, matchedAltLabel: alt)))
            }
        }
        return sorted(scored, limit: limit)
    }

    private static func sorted(_ scored: [(score: Int, match: Match)], limit: Int) -> [Match] {
        scored.sorted {
            ($0.score, $0.match.skill.label.count, $0.match.skill.label) < ($1.score, $1.match.skill.label.count, $1.match.skill.label)
        }
        .prefix(max(0, min(limit, maxResults))).map(\.match)
    }

    private static func edits(_ typed: [String], _ label: String) -> Int? {
        let labelWords = words(label.lowercased())
        var total = 0
        for word in typed {
            let allowed = word.count >= 8 ? 2 : word.count >= 4 ? 1 : 0
            let nearest = labelWords.map { min(distance(word, $0), distance(word, String($0.prefix(word.count)))) }.min()
            guard let nearest, nearest <= allowed else { return nil }
            total += nearest
        }
        return total
    }

    private static func words(_ text: String) -> [String] {
        text.split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// Edits from `a` to `b`: letters inserted, deleted, replaced, or two neighbours swapped
    /// (the optimal string alignment distance).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1) }
            }
        }
        return rows[a.count][b.count]
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
