import Foundation

/// Candidates packed for ranking many at once, for "people to invite": skills become small
/// integer codes with a list of holders per skill, so that a project first looks only at the
/// people who hold one of its skills, scores them without words, and explains only the best.
public struct CandidatePool: Sendable {
    private var skillCodes: [String: Int32] = [:]
    private var timeZones: [TimeZone] = []
    private var timeZoneCodes: [String: Int16] = [:]

    // One slot per candidate.
    private var ids: [UUID] = []
    private var hours: [Int16] = []  // -1: not given
    private var availableFrom: [Date?] = []
    private var availableTo: [Date?] = []
    private var timeZone: [Int16] = []  // -1: not given
    private var skillStart: [Int32] = [0]  // candidate i's skills are skillStart[i]..<skillStart[i + 1]

    // One slot per skill held.
    private var skillCode: [Int32] = []
    private var selfRated: [UInt8] = []  // 0: none
    private var verified: [UInt8] = []  // 0: none

    /// For each skill code, the candidates holding it, in the order they were added.
    private var holders: [[Int32]] = []

    public init() {}

    public var count: Int { ids.count }

    public mutating func add(id: UUID, _ candidate: MatchCandidate) {
        let index = Int32(ids.count)
        ids.append(id)
        hours.append(Int16(clamping: candidate.hoursPerWeek ?? -1))
        availableFrom.append(candidate.availableFrom)
        availableTo.append(candidate.availableTo)
        var zone: Int16 = -1
        if let given = candidate.timeZone { zone = code(for: given) }
        timeZone.append(zone)
        for (uri, evidence) in candidate.skills.sorted(by: { $0.key < $1.key }) {
            let code = code(for: uri)
            skillCode.append(code)
            selfRated.append(UInt8(clamping: evidence.selfRated ?? 0))
            verified.append(UInt8(clamping: evidence.verified ?? 0))
            holders[Int(code)].append(index)
        }
        skillStart.append(Int32(skillCode.count))
    }

    /// The `limit` best candidates for the project, best first, each with its explained score.
    /// Exact: when the holders of the project's skills cannot fill the list with scores that
    /// nobody without those skills could reach, everyone else is scored too.
    public func top(_ limit: Int, for project: MatchProject) -> [(id: UUID, score: MatchScore)] {
        guard limit > 0 else { return [] }
        let codes = project.skills.map { skillCodes[$0.uri] }
        let shifts = timeZones.map { Matching.shiftHours(theirs: $0, project: project) }
        let plan = Plan(project, codes: codes, shifts: shifts)
        var best = Ranking(limit: limit)
        // People grouped by which of the project's skills they hold, the groups that could score
        // highest first; once the list is full with scores no later group can reach, stop.
        let groups = holdersBySkillSet(codes)
        let ceilings = groups.keys.map { ($0, ceiling(project, holding: $0)) }.sorted { $0.1 > $1.1 }
        for (held, ceiling) in ceilings {
            if best.count == limit && best.lowest > ceiling { break }
            for candidate in groups[held]! { best.offer(candidate, total(candidate, plan)) }
        }
        if best.count < limit || best.lowest <= ceiling(project, holding: 0) {
            var seen = Set(groups.values.joined())
            for candidate in Int32(0)..<Int32(ids.count) where seen.insert(candidate).inserted {
                best.offer(candidate, total(candidate, plan))
            }
        }
        return best.ranked.map { candidate in
            let parts = parts(candidate, project, codes, shifts, explain: true)
            let evidence = self.evidence(candidate, codes)
            let missing = zip(project.skills, evidence).filter { $0.0.required && Matching.credit($0.1, level: $0.0.level) == 0 }
            return (ids[Int(candidate)], MatchScore(total: Matching.total(parts), parts: parts, missingRequired: missing.map(\.0.uri)))
        }
    }

    /// What one project needs, worked out once for scoring many candidates.
    private struct Plan {
        var skills: [(code: Int32?, level: Int, required: Bool)]
        var requiredCount: Int
        var optionalCount: Int
        var neededHours: Int
        var window: (start: Date, end: Date)?
        /// Time zone points by time zone code; nil when time zones do not count.
        var zonePoints: [Double?]

        init(_ project: MatchProject, codes: [Int32?], shifts: [Double?]) {
            skills = zip(project.skills, codes).map { ($1, $0.level, $0.required) }
            requiredCount = project.skills.filter(\.required).count
            optionalCount = project.skills.count - requiredCount
            neededHours = Matching.neededHours(project)
            window = project.startDate.map { ($0, Matching.projectEnd(start: $0, weeks: project.durationWeeks)) }
            zonePoints = shifts.map { $0.map { Matching.timeZonePoints(overlap: Matching.overlapHours($0)) } }
        }
    }

    /// The candidate's total without building parts or words: the same sums, in the same order,
    /// as `Matching.parts` and `Matching.total`.
    private func total(_ candidate: Int32, _ plan: Plan) -> Int {
        let i = Int(candidate)
        let range = Int(skillStart[i])..<Int(skillStart[i + 1])
        var required = 0.0, optional = 0.0
        for skill in plan.skills {
            guard let code = skill.code, let slot = range.first(where: { skillCode[$0] == code }) else { continue }
            let credit = Matching.credit(.init(selfRated: selfRated[slot] == 0 ? nil : Int(selfRated[slot]),
                                               verified: verified[slot] == 0 ? nil : Int(verified[slot])), level: skill.level)
            if skill.required { required += credit } else { optional += credit }
        }
        var earned = 0.0, possible = 0.0
        if plan.requiredCount > 0 {
            earned += Matching.skillPoints(.requiredSkills, credits: required, count: plan.requiredCount)
            possible += Matching.weights[.requiredSkills]!
        }
        if plan.optionalCount > 0 {
            earned += Matching.skillPoints(.niceToHaveSkills, credits: optional, count: plan.optionalCount)
            possible += Matching.weights[.niceToHaveSkills]!
        }
        earned += Matching.hoursPoints(hours[i] < 0 ? nil : Int(hours[i]), needed: plan.neededHours)
        possible += Matching.weights[.hours]!
        if let (start, end) = plan.window {
            earned += Matching.datesPoints(available: Matching.availableSeconds(from: availableFrom[i], to: availableTo[i], start: start, end: end),
                                           start: start, end: end)
            possible += Matching.weights[.dates]!
        }
        if timeZone[i] >= 0, let points = plan.zonePoints[Int(timeZone[i])] {
            earned += points
            possible += Matching.weights[.timeZone]!
        }
        return Int((100 * earned / possible).rounded())
    }

    private func parts(_ candidate: Int32, _ project: MatchProject, _ codes: [Int32?], _ shifts: [Double?],
                       explain: Bool) -> [MatchScore.Part] {
        let i = Int(candidate)
        return Matching.parts(project, evidence: evidence(candidate, codes), hoursPerWeek: hours[i] < 0 ? nil : Int(hours[i]),
                              availableFrom: availableFrom[i], availableTo: availableTo[i],
                              shiftHours: timeZone[i] < 0 ? nil : shifts[Int(timeZone[i])], explain: explain)
    }

    private func evidence(_ candidate: Int32, _ codes: [Int32?]) -> [MatchCandidate.Evidence?] {
        let range = Int(skillStart[Int(candidate)])..<Int(skillStart[Int(candidate) + 1])
        return codes.map { code in
            guard let code, let slot = range.first(where: { skillCode[$0] == code }) else { return nil }
            return MatchCandidate.Evidence(selfRated: selfRated[slot] == 0 ? nil : Int(selfRated[slot]),
                                           verified: verified[slot] == 0 ? nil : Int(verified[slot]))
        }
    }

    /// The holders of the project's skills, keyed by which of them they hold (bit k: `codes[k]`),
    /// from one merge of the skills' holder lists, which are in ascending order.
    private func holdersBySkillSet(_ codes: [Int32?]) -> [UInt64: [Int32]] {
        let lists = codes.enumerated().compactMap { index, code in code.map { (UInt64(1) << UInt64(index), holders[Int($0)]) } }
        var next = [Int](repeating: 0, count: lists.count)
        var groups: [UInt64: [Int32]] = [:]
        while true {
            var lowest = Int32.max
            for (k, list) in lists.enumerated() where next[k] < list.1.count { lowest = min(lowest, list.1[next[k]]) }
            if lowest == Int32.max { return groups }
            var held: UInt64 = 0
            for (k, list) in lists.enumerated() where next[k] < list.1.count && list.1[next[k]] == lowest {
                held |= list.0
                next[k] += 1
            }
            groups[held, default: []].append(lowest)
        }
    }

    /// The highest score someone holding just these project skills (bit k: `project.skills[k]`)
    /// could get: those proven at the level asked, and every other part perfect.
    private func ceiling(_ project: MatchProject, holding held: UInt64) -> Int {
        let evidence = project.skills.indices.map { held & (UInt64(1) << UInt64($0)) != 0 ? MatchCandidate.Evidence(verified: 4) : nil }
        // All the hours, no date limits, and the same clock, or no time zone part at all.
        return [nil, 0.0].map { shift in
            Matching.total(Matching.parts(project, evidence: evidence, hoursPerWeek: 1_000, availableFrom: nil, availableTo: nil,
                                          shiftHours: shift, explain: false))
        }.max() ?? 100
    }

    private mutating func code(for uri: String) -> Int32 {
        if let code = skillCodes[uri] { return code }
        let code = Int32(skillCodes.count)
        skillCodes[uri] = code
        holders.append([])
        return code
    }

    private mutating func code(for zone: TimeZone) -> Int16 {
        if let code = timeZoneCodes[zone.identifier] { return code }
        let code = Int16(timeZones.count)
        timeZoneCodes[zone.identifier] = code
        timeZones.append(zone)
        return code
    }
}

/// The best `limit` scores seen so far; ties keep the candidate added first.
private struct Ranking {
    let limit: Int
    private var entries: [(candidate: Int32, score: Int)] = []

    init(limit: Int) { self.limit = limit }

    var count: Int { entries.count }
    var lowest: Int { entries.last?.score ?? 0 }
    var ranked: [Int32] { entries.map(\.candidate) }

    mutating func offer(_ candidate: Int32, _ score: Int) {
        if entries.count == limit, !(score > lowest || (score == lowest && candidate < entries[limit - 1].candidate)) { return }
        // The first place this one beats: a higher score, or the same score and added earlier.
        let at = entries.firstIndex { score > $0.score || (score == $0.score && candidate < $0.candidate) } ?? entries.count
        entries.insert((candidate, score), at: at)
        if entries.count > limit { entries.removeLast() }
    }
}
