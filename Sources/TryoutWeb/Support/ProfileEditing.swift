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
        let entries = input.skillEntries
        let skills = try await Taxonomy.resolve(entries.map { ($0.row, $0.label) }, on: req.db)
        errors += skills.errors
        guard var profile, errors.isEmpty else { throw ValidationFailure(errors) }
        profile.skills = zip(entries, skills.uris).map { .init(uri: $1, level: $0.level) }
        return profile
    }

    /// Saves it in one transaction.
    static func save(_ req: Request, _ record: CandidateProfileRecord, _ profile: CandidateProfile) async throws {
        let now = req.now
        try await req.db.transaction { tx in try await CandidateProfiles.update(record, to: profile, at: now, on: tx) }
    }
}
