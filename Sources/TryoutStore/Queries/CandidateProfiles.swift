import FluentKit
import Foundation
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
