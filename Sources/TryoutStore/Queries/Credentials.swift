import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// Issued credentials, their status list slots, and the issuer's public keys.
public enum Credentials {
    public static func find(_ id: UUID, on db: any Database) async throws -> CredentialRecord? {
        try await CredentialRecord.find(id, on: db)
    }

    public static func of(engagementID: UUID, on db: any Database) async throws -> CredentialRecord? {
        try await CredentialRecord.query(on: db).filter(\.$engagementID == engagementID).first()
    }

    /// A candidate's credentials, newest first; revoked ones only when asked for.
    public static func of(candidateID: UUID, includingRevoked: Bool, on db: any Database) async throws -> [CredentialRecord] {
        let query = CredentialRecord.query(on: db).filter(\.$candidateID == candidateID)
        if !includingRevoked { query.filter(\.$revokedAt == nil) }
        return try await query.sort(\.$issuedAt, .descending).all()
    }

    /// Completed engagements that have no credential yet: those that completed before credentials
    /// were issued, or whose job is still to run.
    public static func completedWithout(on db: any Database) async throws -> [UUID] {
        let issued = Set(try await CredentialRecord.query(on: db).all(\.$engagementID))
        return try await EngagementRecord.query(on: db).filter(\.$state == .completed).all(\.$id).filter { !issued.contains($0) }
    }

    /// The list new credentials go to and the slots taken in it: the first list that is not full.
    public static func openList(size: Int, on db: any Database) async throws -> (list: Int, taken: Set<Int>) {
        var list = 1
        while true {
            let taken = Set(try await CredentialRecord.query(on: db).filter(\.$statusList == list).all(\.$statusIndex))
            if taken.count < size { return (list, taken) }
            list += 1
        }
    }

    /// The revoked slots of status list `list`.
    public static func revokedIndices(in list: Int, on db: any Database) async throws -> [Int] {
        try await CredentialRecord.query(on: db).filter(\.$statusList == list).filter(\.$revokedAt != nil).all(\.$statusIndex)
    }

    public static func listExists(_ list: Int, on db: any Database) async throws -> Bool {
        try await CredentialRecord.query(on: db).filter(\.$statusList == list).count() > 0
    }

    public static func revoke(_ credential: CredentialRecord, by userID: UUID, reason: String, at now: Date, on db: any Database) async throws {
        credential.revokedAt = now
        credential.revokedBy = userID
        credential.revocationReason = reason
        try await credential.save(on: db)
        // A revoked credential no longer proves the engagement's skills.
        try await MatchScores.forget(candidateID: credential.candidateID, on: db)
    }

    // MARK: Keys

    /// Every public key, oldest first.
    public static func signingKeys(on db: any Database) async throws -> [SigningKeyRecord] {
        try await SigningKeyRecord.query(on: db).sort(\.$createdAt).sort(\.$id).all()
    }

    /// Publishes a public key; a key published already stays as it was.
    public static func publish(keyID: String, jwk: String, at now: Date, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        try await sql.insert(into: SigningKeyRecord.schema).columns("id", "public_jwk", "created_at")
            .values(SQLBind(keyID), SQLBind(jwk), SQLBind(now))
            .ignoringConflicts(with: ["id"])
            .run()
    }
}

/// Portfolios and the endorsements shown on them.
public enum Portfolios {
    public static func of(userID: UUID, on db: any Database) async throws -> PortfolioRecord? {
        try await PortfolioRecord.query(on: db).filter(\.$user.$id == userID).first()
    }

    /// A published portfolio at `slug`, with its owner.
    public static func published(slug: String, on db: any Database) async throws -> PortfolioRecord? {
        try await PortfolioRecord.query(on: db).filter(\.$slug == slug.lowercased()).filter(\.$published == true).with(\.$user).first()
    }

    /// Saves the settings; false when another person has the slug.
    public static func save(_ settings: PortfolioSettings, of userID: UUID, at now: Date, on db: any Database) async throws -> Bool {
        if !settings.slug.isEmpty, try await PortfolioRecord.query(on: db).filter(\.$slug == settings.slug).filter(\.$user.$id != userID).count() > 0 {
            return false
        }
        let record = try await of(userID: userID, on: db) ?? PortfolioRecord()
        record.$user.id = userID
        record.slug = settings.slug.isEmpty ? nil : settings.slug
        record.headline = settings.headline
        record.published = settings.published
        record.updatedAt = now
        try await record.save(on: db)
        return true
    }

    public static func endorsements(of credentialIDs: [UUID], on db: any Database) async throws -> [EndorsementRecord] {
        guard !credentialIDs.isEmpty else { return [] }
        return try await EndorsementRecord.query(on: db).filter(\.$credential.$id ~~ credentialIDs).sort(\.$createdAt).all()
    }

    /// Writes `author`'s endorsement of the credential, replacing the one they wrote before.
    public static func endorse(_ credentialID: UUID, by authorID: UUID, name: String, text: String, at now: Date, on db: any Database) async throws {
        let record = try await EndorsementRecord.query(on: db).filter(\.$credential.$id == credentialID).filter(\.$authorID == authorID).first()
            ?? EndorsementRecord()
        record.$credential.id = credentialID
        record.authorID = authorID
        record.authorName = name
        record.text = text
        record.createdAt = now
        try await record.save(on: db)
    }
}
