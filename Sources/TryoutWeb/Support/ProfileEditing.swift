import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// Turns the profile form, or the API's same fields, into a profile with resolved skills.
enum ProfileEditing {
    /// The profile `/profile` and `PUT /api/v1/me/profile` edit: the signed-in person's own.
    static func ownProfile(_ req: Request) async throws -> CandidateProfileRecord {
        guard let record = try await CandidateProfiles.profile(userID: try req.requireUser().requireID(), on: req.db) else {
            throw Abort(.notFound, reason: "Only candidates have a profile.")
        }
        return record
    }

    /// Parses the input and finds each skill: the form names skills by label, the API by URI.
    static func resolve(_ req: Request, _ input: CandidateProfileInput) async throws -> CandidateProfile {
        var errors: [FieldError] = []
        var profile: CandidateProfile?
        do {
            profile = try input.parse().profile
        } catch {
            errors = error.errors
        }
        var claims: [CandidateProfile.SkillClaim] = []
        for entry in input.skillEntries {
            let field = "skill.\(entry.row).label"
            var skill = try await SkillRecord.find(entry.label, on: req.db)
            if skill == nil { skill = try await Taxonomy.skill(label: entry.label, on: req.db) }
            if let uri = skill?.id {
                if claims.contains(where: { $0.uri == uri }) {
                    errors.append(FieldError(field, "\"\(entry.label)\" is listed twice; keep one."))
                } else {
                    claims.append(.init(uri: uri, level: entry.level))
                }
            } else {
                errors.append(FieldError(field, try await Taxonomy.unknownSkillMessage(entry.label, on: req.db)))
            }
        }
        guard var profile, errors.isEmpty else { throw ValidationFailure(errors) }
        profile.skills = claims
        return profile
    }

    /// Saves it in one transaction.
    static func save(_ req: Request, _ record: CandidateProfileRecord, _ profile: CandidateProfile) async throws {
        let now = req.now
        try await req.db.transaction { tx in try await CandidateProfiles.update(record, to: profile, at: now, on: tx) }
    }
}
