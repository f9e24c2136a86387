import FluentKit
import Foundation
import SQLKit
import TryoutCore

public enum CandidateProfiles {
    /// Creates an empty profile with a free `/u/{slug}` address made from the name.
    @discardableResult
    public static func create(userID: UUID, name: String, at now: Date, on db: any Database) async throws -> CandidateProfileRecord {
        let base = Slug.make(from: name)
        var slug = base
        var counter = 2
        while try await CandidateProfileRecord.query(on: db).filter(\.$slug == slug).first() != nil {
            slug = "\(base.prefix(Slug.maximumLength - 4))-\(counter)"
            counter += 1
        }
        let profile = CandidateProfileRecord(userID: userID, slug: slug, createdAt: now)
        try await profile.create(on: db)
        return profile
    }

    public static func profile(userID: UUID, on db: any Database) async throws -> CandidateProfileRecord? {
        try await CandidateProfileRecord.query(on: db).filter(\.$user.$id == userID).first()
    }
}

extension CandidateProfiles {
    /// The profile as Core sees it, with the skills the candidate's completed work proved.
    public static func profile(_ record: CandidateProfileRecord, on db: any Database) async throws -> CandidateProfile {
        var profile = claims(record, skills: try await skillClaims(of: [record.requireID()], on: db)[record.requireID()] ?? [])
        profile.provenSkills = try await provenSkills(userIDs: [record.$user.id], on: db)[record.$user.id] ?? [:]
        return profile
    }

    /// Skills proven by completed engagements: every skill the project asked for, at the level it
    /// asked for (the highest when several projects asked). An engagement whose credential was
    /// revoked proves nothing. One statement for any number of candidates: an applicants page
    /// asks for fifty.
    public static func provenSkills(userIDs: [UUID], on db: any Database) async throws -> [UUID: [String: Int]] {
        guard !userIDs.isEmpty else { return [:] }
        struct Row: Decodable { var candidate_id: UUID; var skill_uri: String; var level: Int }
        let rows = try await JobQueue.sqlDatabase(db).raw("""
            SELECT e.candidate_id AS candidate_id, ps.skill_uri AS skill_uri, max(ps.level) AS level
            FROM engagements e JOIN project_skills ps ON ps.project_id = e.project_id
            WHERE e.candidate_id IN (\(binds: Array(Set(userIDs)))) AND e.state = 'completed'
              AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.engagement_id = e.id AND c.revoked_at IS NOT NULL)
            GROUP BY e.candidate_id, ps.skill_uri
            """).all(decoding: Row.self)
        var proven: [UUID: [String: Int]] = [:]
        for row in rows { proven[row.candidate_id, default: [:]][row.skill_uri] = row.level }
        return proven
    }

    /// The skills each profile claims, for many profiles in one statement.
    private static func skillClaims(of profileIDs: [UUID], on db: any Database) async throws -> [UUID: [CandidateProfile.SkillClaim]] {
        guard !profileIDs.isEmpty else { return [:] }
        let rows = try await CandidateSkillRecord.query(on: db).filter(\.$profile.$id ~~ Set(profileIDs)).all()
        return Dictionary(grouping: rows, by: \.$profile.id).mapValues { $0.map { CandidateProfile.SkillClaim(uri: $0.$skill.id, level: $0.level) } }
    }

    private static func claims(_ record: CandidateProfileRecord, skills: [CandidateProfile.SkillClaim]) -> CandidateProfile {
        var profile = CandidateProfile()
        profile.headline = record.headline
        profile.skills = skills
        profile.portfolioURL = record.portfolioURL
        profile.githubURL = record.githubURL
        profile.linkedInURL = record.linkedInURL
        profile.hoursPerWeek = record.hoursPerWeek
        profile.availableFrom = record.availableFrom
        profile.availableTo = record.availableTo
        profile.timeZone = record.timeZone
        profile.location = record.location
        profile.languages = record.languages.split(separator: "\n").map(String.init)
        profile.education = record.education
        profile.accommodations = record.accommodations
        profile.discoverable = record.discoverable
        return profile
    }

    /// Saves the whole profile, skills included. Call inside a transaction.
    public static func update(_ record: CandidateProfileRecord, to profile: CandidateProfile, at now: Date, on db: any Database) async throws {
        record.headline = profile.headline
        record.portfolioURL = profile.portfolioURL
        record.githubURL = profile.githubURL
        record.linkedInURL = profile.linkedInURL
        record.hoursPerWeek = profile.hoursPerWeek
        record.availableFrom = profile.availableFrom
        record.availableTo = profile.availableTo
        record.timeZone = profile.timeZone
        record.location = profile.location
        record.languages = profile.languages.joined(separator: "\n")
        record.education = profile.education
        record.accommodations = profile.accommodations
        record.discoverable = profile.discoverable
        record.updatedAt = now
        try await record.save(on: db)
        let id = try record.requireID()
        try await CandidateSkillRecord.query(on: db).filter(\.$profile.$id == id).delete()
        for claim in profile.skills {
            try await CandidateSkillRecord(profileID: id, skillURI: claim.uri, level: claim.level).create(on: db)
        }
        try await MatchScores.forget(candidateID: record.$user.id, on: db)
    }

    /// The candidate's voluntary answers, by dimension; a missing one is "prefer not to say".
    public static func demographics(userID: UUID, on db: any Database) async throws -> [FairnessReport.Dimension: String] {
        guard let record = try await DemographicsRecord.query(on: db).filter(\.$user.$id == userID).first() else { return [:] }
        return answers(record)
    }

    private static func answers(_ record: DemographicsRecord) -> [FairnessReport.Dimension: String] {
        let values: [(FairnessReport.Dimension, String?)] = [
            (.gender, record.gender), (.raceEthnicity, record.raceEthnicity), (.disability, record.disability),
            (.firstGeneration, record.firstGeneration), (.veteran, record.veteran),
        ]
        return Dictionary(uniqueKeysWithValues: values.compactMap { dimension, value in value.map { (dimension, $0) } })
    }

    public static func setDemographics(userID: UUID, _ answers: [FairnessReport.Dimension: String], at now: Date,
                                       on db: any Database) async throws {
        let record = try await DemographicsRecord.query(on: db).filter(\.$user.$id == userID).first()
            ?? DemographicsRecord(userID: userID, updatedAt: now)
        record.gender = answers[.gender]
        record.raceEthnicity = answers[.raceEthnicity]
        record.disability = answers[.disability]
        record.firstGeneration = answers[.firstGeneration]
        record.veteran = answers[.veteran]
        record.updatedAt = now
        try await record.save(on: db)
    }
}

extension CandidateProfiles {
    /// How many candidates "people to invite" scores for one project: the newest who opted in.
    public static let discoverableConsidered = 2000

    /// Candidates who opted into discovery and claim at least one of `skillURIs`, newest first,
    /// each as matching sees them.
    public static func discoverable(withAnySkill skillURIs: [String], on db: any Database) async throws -> [(record: CandidateProfileRecord, profile: CandidateProfile)] {
        guard !skillURIs.isEmpty else { return [] }
        let holders = try await CandidateSkillRecord.query(on: db).filter(\.$skill.$id ~~ skillURIs).all(\.$profile.$id)
        let records = try await CandidateProfileRecord.query(on: db)
            .filter(\.$id ~~ Set(holders)).filter(\.$discoverable == true)
            .sort(\.$createdAt, .descending).limit(discoverableConsidered).all()
        return try await withProfiles(records, on: db)
    }

    private static func withProfiles(_ records: [CandidateProfileRecord], on db: any Database) async throws -> [(record: CandidateProfileRecord, profile: CandidateProfile)] {
        // Claimed and proven skills for all at once: one query each for many profiles, not one each.
        let proven = try await provenSkills(userIDs: records.map(\.$user.id), on: db)
        let claimed = try await skillClaims(of: records.map { try $0.requireID() }, on: db)
        return try records.map { record in
            var profile = claims(record, skills: claimed[try record.requireID()] ?? [])
            profile.provenSkills = proven[record.$user.id] ?? [:]
            return (record, profile)
        }
    }

    /// The profiles of these users as Core sees them, by user id. An applicants list reads
    /// hundreds at once, so the rows are read as they are, without building a model for each.
    public static func profiles(userIDs: [UUID], on db: any Database) async throws -> [UUID: CandidateProfile] {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        guard !userIDs.isEmpty else { return [:] }
        let rows = try await sql.select()
            .columns("id", "user_id", "headline", "hours_per_week", "time_zone", "location", "portfolio_url", "github_url", "linkedin_url",
                     "available_from", "available_to", "languages", "education", "accommodations", "discoverable")
            .from(CandidateProfileRecord.schema).where("user_id", .in, Array(Set(userIDs))).all()
        let profileIDs = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        var claimed: [UUID: [CandidateProfile.SkillClaim]] = [:]
        if !profileIDs.isEmpty {
            for row in try await sql.select().columns("profile_id", "skill_uri", "level").from(CandidateSkillRecord.schema)
                .where("profile_id", .in, profileIDs).all() {
                claimed[try row.decode(column: "profile_id", as: UUID.self), default: []]
                    .append(.init(uri: try row.decode(column: "skill_uri", as: String.self), level: try row.decode(column: "level", as: Int.self)))
            }
        }
        let proven = try await provenSkills(userIDs: userIDs, on: db)
        var profiles: [UUID: CandidateProfile] = [:]
        for (row, id) in zip(rows, profileIDs) {
            let userID = try row.decode(column: "user_id", as: UUID.self)
            var profile = CandidateProfile()
            profile.headline = try row.decode(column: "headline", as: String.self)
            profile.skills = claimed[id] ?? []
            profile.portfolioURL = try row.decode(column: "portfolio_url", as: String.self)
            profile.githubURL = try row.decode(column: "github_url", as: String.self)
            profile.linkedInURL = try row.decode(column: "linkedin_url", as: String.self)
            profile.hoursPerWeek = try row.decode(column: "hours_per_week", as: Int.self)
            profile.availableFrom = try row.decode(column: "available_from", as: Date?.self)
            profile.availableTo = try row.decode(column: "available_to", as: Date?.self)
            profile.timeZone = try row.decode(column: "time_zone", as: String.self)
            profile.location = try row.decode(column: "location", as: String.self)
            profile.languages = try row.decode(column: "languages", as: String.self).split(separator: "\n").map(String.init)
            profile.education = try row.decode(column: "education", as: String.self)
            profile.accommodations = try row.decode(column: "accommodations", as: String.self)
            profile.discoverable = try row.decode(column: "discoverable", as: Bool.self)
            profile.provenSkills = proven[userID] ?? [:]
            profiles[userID] = profile
        }
        return profiles
    }

    /// The voluntary answers of these users, for aggregate reports only.
    public static func demographics(userIDs: [UUID], on db: any Database) async throws -> [UUID: [FairnessReport.Dimension: String]] {
        let records = try await DemographicsRecord.query(on: db).filter(\.$user.$id ~~ Set(userIDs)).all()
        return Dictionary(records.map { ($0.$user.id, answers($0)) }, uniquingKeysWith: { first, _ in first })
    }
}

extension CandidateProfiles {
    /// A profile that opted into discovery, with its user, for an invitation to apply.
    public static func discoverable(profileID: UUID, on db: any Database) async throws -> CandidateProfileRecord? {
        try await CandidateProfileRecord.query(on: db).filter(\.$id == profileID).filter(\.$discoverable == true).with(\.$user).first()
    }
}
