import Foundation
import TryoutCore
import TryoutStore

/// Why a profile action did not happen, for the page or the API to say.
public enum ProfileRefusal: Error, Equatable, Sendable {
    /// Only candidates have a profile; an organization's people do not.
    case notACandidate
}

/// The signed-in candidate whose own profile an action reads or changes. Finding it is the
/// permission check every profile action makes first, before its input is even read.
public struct ProfileOwner: Sendable {
    let userID: UserID
    let record: CandidateProfileRecord
}

/// A profile as its owner edits it: the skills' labels are those the form shows.
public struct OwnProfile: Sendable {
    public var profile: CandidateProfile
    /// Each claimed skill's preferred label, by URI; a skill gone from the taxonomy has none.
    public var skillLabels: [String: String]
}

/// The best matches for a candidate's skills, and whether there were skills to match.
public struct Recommended: Sendable {
    public var projects: [(project: ProjectRecord, score: MatchScore)]
    public var hasSkills: Bool
}

/// A candidate's own profile (what employers see, in stages), their voluntary demographic
/// answers (kept apart, only ever counted), and the projects that match their skills.
public enum ProfilesService {
    /// The signed-in person's profile; anyone who is not a candidate is refused.
    public static func owner(_ ctx: ActionContext) async throws -> ProfileOwner {
        guard let userID = ctx.principal?.userID else { throw ActionError.forbidden("Sign in first.") }
        guard let record = try await CandidateProfiles.profile(userID: userID, on: ctx.db) else { throw ProfileRefusal.notACandidate }
        return ProfileOwner(userID: UserID(userID), record: record)
    }

    public static func profile(of owner: ProfileOwner, _ ctx: ActionContext) async throws -> OwnProfile {
        let profile = try await CandidateProfiles.profile(owner.record, on: ctx.db)
        var labels: [String: String] = [:]
        for claim in profile.skills { labels[claim.uri] = try await Taxonomy.skill(uri: claim.uri, on: ctx.db)?.label }
        return OwnProfile(profile: profile, skillLabels: labels)
    }

    /// Replaces the profile whole. The input names skills by label (the form) or by URI (the
    /// API); every field error, an unknown skill's nearest names included, comes at once and
    /// nothing is saved.
    @discardableResult
    public static func save(_ input: CandidateProfileInput, for owner: ProfileOwner, _ ctx: ActionContext) async throws -> OwnProfile {
        let profile = try await resolve(input, ctx)
        let record = owner.record
        try await ctx.act(locking: .none) { ctx in try await CandidateProfiles.update(record, to: profile, at: ctx.now, on: ctx.db) }
        return try await self.profile(of: owner, ctx)
    }

    /// Parses the input and finds each skill, reporting parse and skill errors together.
    private static func resolve(_ input: CandidateProfileInput, _ ctx: ActionContext) async throws -> CandidateProfile {
        var errors: [FieldError] = []
        var profile: CandidateProfile?
        do {
            profile = try input.parse().profile
        } catch {
            errors = error.errors
        }
        let entries = input.skillEntries
        let skills = try await Taxonomy.resolve(entries.map { ($0.row, $0.label) }, on: ctx.db)
        errors += skills.errors
        guard var profile, errors.isEmpty else { throw ValidationFailure(errors) }
        profile.skills = zip(entries, skills.uris).map { .init(uri: $1, level: $0.level) }
        return profile
    }

    public static func demographics(of owner: ProfileOwner, _ ctx: ActionContext) async throws -> [FairnessReport.Dimension: String] {
        try await CandidateProfiles.demographics(userID: owner.userID.uuid, on: ctx.db)
    }

    /// Replaces the voluntary answers with those in `form`; a blank answer takes one back.
    public static func saveDemographics(_ form: [String: String], for owner: ProfileOwner, _ ctx: ActionContext) async throws {
        let answers = try FairnessReport.answers(form)
        let userID = owner.userID.uuid
        try await ctx.act(locking: .none) { ctx in try await CandidateProfiles.setDemographics(userID: userID, answers, at: ctx.now, on: ctx.db) }
    }

    /// The best `limit` projects for the candidate's skills among those they may see.
    public static func recommendations(for owner: ProfileOwner, limit: Int, _ ctx: ActionContext) async throws -> Recommended {
        let profile = try await CandidateProfiles.profile(owner.record, on: ctx.db)
        let found = try await Recommendations.projects(for: profile, of: owner.userID.uuid, viewer: SearchViewer(ctx.principal), limit: limit, on: ctx.db)
        return Recommended(projects: found, hasSkills: !profile.skills.isEmpty)
    }
}
