import FluentKit
import Foundation
import SQLKit
import TryoutCore

extension CandidateProfiles {
    /// What matching reads of each candidate with a profile, by user: availability, time zone,
    /// and the evidence for `skills` only (a project's), which is all a score against that
    /// project looks at. Two statements for any number of candidates, as the applicants list reads
    /// fifty on every view (Benchmarks/README.md, fourteenth round).
    public static func matchCandidates(userIDs: [UUID], skills: [String], on db: any Database) async throws -> [UUID: MatchCandidate] {
        guard !userIDs.isEmpty else { return [:] }
        let claimed: SQLQueryString = skills.isEmpty ? "0 = 1" : "s.skill_uri IN (\(binds: Array(Set(skills))))"
        let rows = try await JobQueue.sqlDatabase(db).raw("""
            SELECT p.user_id, p.hours_per_week, p.available_from, p.available_to, p.time_zone, s.skill_uri, s.level
            FROM candidate_profiles AS p LEFT JOIN candidate_skills AS s ON s.profile_id = p.id AND \(claimed)
            WHERE p.user_id IN (\(binds: Array(Set(userIDs))))
            """).all(decoding: Row.self)
        var candidates: [UUID: MatchCandidate] = [:]
        for row in rows {
            if candidates[row.userID] == nil {
                candidates[row.userID] = MatchCandidate(skills: [:], hoursPerWeek: row.hoursPerWeek, availableFrom: row.availableFrom,
                                                        availableTo: row.availableTo, timeZone: TimeZone(identifier: row.timeZone))
            }
            if let uri = row.skillURI, let level = row.level {
                candidates[row.userID]?.skills[uri, default: .init()].selfRated = level
            }
        }
        guard !skills.isEmpty else { return candidates }
        let wanted = Set(skills)
        for (userID, proven) in try await provenSkills(userIDs: Array(candidates.keys), on: db) where candidates[userID] != nil {
            for (uri, level) in proven where wanted.contains(uri) {
                candidates[userID]?.skills[uri, default: .init()].verified = level
            }
        }
        return candidates
    }

    private struct Row: Decodable {
        var userID: UUID
        var hoursPerWeek: Int
        var availableFrom: Date?
        var availableTo: Date?
        var timeZone: String
        var skillURI: String?
        var level: Int?

        enum CodingKeys: String, CodingKey {
            case level
            case userID = "user_id"
            case hoursPerWeek = "hours_per_week"
            case availableFrom = "available_from"
            case availableTo = "available_to"
            case timeZone = "time_zone"
            case skillURI = "skill_uri"
        }
    }
}
