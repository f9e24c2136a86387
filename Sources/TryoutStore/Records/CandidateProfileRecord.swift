import FluentKit
import Foundation

public final class CandidateProfileRecord: Model, @unchecked Sendable {
    public static let schema = "candidate_profiles"
    public var properties: [any AnyProperty] {
        [
            $id, $user, $slug, $headline, $hoursPerWeek, $timeZone, $location, $createdAt, $portfolioURL, $githubURL,
            $linkedInURL, $availableFrom, $availableTo, $languages, $education, $accommodations, $discoverable, $updatedAt,
            $skills
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserRecord
    /// The public part of `/u/{slug}`.
    @Field(key: "slug") public var slug: String
    @Field(key: "headline") public var headline: String
    @Field(key: "hours_per_week") public var hoursPerWeek: Int
    @Field(key: "time_zone") public var timeZone: String
    @Field(key: "location") public var location: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "portfolio_url") public var portfolioURL: String
    @Field(key: "github_url") public var githubURL: String
    @Field(key: "linkedin_url") public var linkedInURL: String
    @OptionalField(key: "available_from") public var availableFrom: Date?
    @OptionalField(key: "available_to") public var availableTo: Date?
    /// One language a line.
    @Field(key: "languages") public var languages: String
    @Field(key: "education") public var education: String
    @Field(key: "accommodations") public var accommodations: String
    @Field(key: "discoverable") public var discoverable: Bool
    @OptionalField(key: "updated_at") public var updatedAt: Date?
    @Children(for: \.$profile) public var skills: [CandidateSkillRecord]

    public init() {}

    public init(userID: UUID, slug: String, headline: String = "", hoursPerWeek: Int = 10,
                timeZone: String = "UTC", location: String = "", createdAt: Date) {
        self.$user.id = userID
        self.slug = slug
        self.headline = headline
        self.hoursPerWeek = hoursPerWeek
        self.timeZone = timeZone
        self.location = location
        self.createdAt = createdAt
        portfolioURL = ""
        githubURL = ""
        linkedInURL = ""
        languages = ""
        education = ""
        accommodations = ""
        discoverable = false
    }
}

/// A candidate's voluntary answers for fairness reports; nil is "prefer not to say".
public final class DemographicsRecord: Model, @unchecked Sendable {
    public static let schema = "candidate_demographics"
    public var properties: [any AnyProperty] {
        [
            $id, $user, $gender, $raceEthnicity, $disability, $firstGeneration, $veteran, $updatedAt
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserRecord
    @OptionalField(key: "gender") public var gender: String?
    @OptionalField(key: "race_ethnicity") public var raceEthnicity: String?
    @OptionalField(key: "disability") public var disability: String?
    @OptionalField(key: "first_generation") public var firstGeneration: String?
    @OptionalField(key: "veteran") public var veteran: String?
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(userID: UUID, updatedAt: Date) {
        self.$user.id = userID
        self.updatedAt = updatedAt
    }
}

public final class CandidateSkillRecord: Model, @unchecked Sendable {
    public static let schema = "candidate_skills"
    public var properties: [any AnyProperty] { [$id, $profile, $skill, $level] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "profile_id") public var profile: CandidateProfileRecord
    @Parent(key: "skill_uri") public var skill: SkillRecord
    /// Self-rated level, 1 (basic) to 4 (expert).
    @Field(key: "level") public var level: Int

    public init() {}

    public init(profileID: UUID, skillURI: String, level: Int) {
        self.$profile.id = profileID
        self.$skill.id = skillURI
        self.level = level
    }
}
