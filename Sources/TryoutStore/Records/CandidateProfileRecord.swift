import FluentKit
import Foundation

public final class CandidateProfileRecord: Model, @unchecked Sendable {
    public static let schema = "candidate_profiles"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserRecord
    /// The public part of `/u/{slug}`.
    @Field(key: "slug") public var slug: String
    @Field(key: "headline") public var headline: String
    @Field(key: "hours_per_week") public var hoursPerWeek: Int
    @Field(key: "time_zone") public var timeZone: String
    @Field(key: "location") public var location: String
    @Field(key: "created_at") public var createdAt: Date
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
    }
}

public final class CandidateSkillRecord: Model, @unchecked Sendable {
    public static let schema = "candidate_skills"

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
