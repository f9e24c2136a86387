import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// A credential as its public page shows it: verified now, with who may do what to it.
public struct CredentialView: Sendable {
    public var id: CredentialID
    public var url: String
    public var name: String
    public var organizationName: String
    public var issuedAt: Date
    public var revokedAt: Date?
    public var revocationReason: String?
    public var jwt: String
    public var verification: CredentialVerification
    public var endorsements: [Endorsement]
    /// The person it was issued to is looking: they get the LinkedIn link.
    public var isHolder: Bool
    public var mayRevoke: Bool
    public var mayEndorse: Bool
    public var linkedInURL: String?

    public struct Endorsement: Sendable, Equatable, Codable {
        public var author: String
        public var text: String
        public var date: Date
    }
}

/// One accepted deliverable the employer lets anyone see, reached from a credential's evidence.
public struct EvidenceView: Sendable {
    public var credentialName: String
    public var credentialURL: String
    public var title: String
    public var description: String
    public var note: String
    public var links: [String]
    public var files: [(name: String, size: Int64)]
}

/// Credentials after they are issued: their public pages, the holder's list, revocation,
/// endorsements, the status lists and the showcased work.
public enum CredentialsService {
    public static func view(_ id: CredentialID?, verifier: CredentialVerifier, _ ctx: ActionContext) async throws -> CredentialView {
        guard let id, let record = try await Credentials.find(id.uuid, on: ctx.db) else { throw ActionError.notFound }
        let verification = try await verifier.verify(record.jwt, at: ctx.now, on: ctx.db)
        let isHolder = ctx.principal?.userID == record.candidateID
        let url = verifier.settings.credentialURL(id)
        return CredentialView(
            id: id, url: url, name: record.name, organizationName: record.organizationName, issuedAt: record.issuedAt,
            revokedAt: record.revokedAt, revocationReason: record.revocationReason, jwt: record.jwt, verification: verification,
            endorsements: try await endorsements(of: [id.uuid], on: ctx.db)[id.uuid] ?? [],
            isHolder: isHolder, mayRevoke: record.revokedAt == nil && Policy.allows(ctx.principal, .revokeCredential(record.organizationID)),
            mayEndorse: record.revokedAt == nil && Policy.allows(ctx.principal, .endorse(record.organizationID)),
            linkedInURL: isHolder && record.revokedAt == nil
                ? LinkedInCertification.url(name: record.name, organization: record.organizationName, issued: record.issuedAt,
                                            credentialURL: url, credentialID: id.uuid.uuidString.lowercased()) : nil)
    }

    /// The longest credential anyone may paste: the API document's `maxLength`.
    public static let maxPastedLength = 65_536

    /// Checks a VC-JWT anyone pasted: at most `maxPastedLength` characters, and a limited number per client address.
    public static func verify(_ jwt: String?, verifier: CredentialVerifier, _ ctx: ActionContext) async throws -> CredentialVerification {
        // Counted as sent, before trimming, in characters: as the API document's `maxLength` counts.
        guard (jwt ?? "").unicodeScalars.count <= maxPastedLength else {
            throw ValidationFailure([FieldError("jwt", "A credential is at most \(maxPastedLength) characters.")])
        }
        let text = (jwt ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ValidationFailure([FieldError("jwt", "Paste the credential: a VC-JWT, three parts joined by dots.")]) }
        if let wait = try await AccountSecurity.retryAfter(.credentialCheck, key: ctx.client.address, limit: RequestLimits.credentialChecksPerClient,
                                                           at: ctx.now, on: ctx.db) {
            throw AccountRefusal.tooMany(retryAfter: wait)
        }
        try await AccountSecurity.record(.credentialCheck, key: ctx.client.address, at: ctx.now, on: ctx.db)
        return try await verifier.verify(text, at: ctx.now, on: ctx.db)
    }

    /// The signed-in person's credentials, revoked ones included, newest first.
    public static func mine(_ ctx: ActionContext) async throws -> [CredentialRecord] {
        try await Credentials.of(candidateID: try ctx.actingPrincipal().userID, includingRevoked: true, on: ctx.db)
    }

    /// Revokes a credential, for a reason the page and the candidate are told. Only the issuing
    /// organization's owner and platform admins may; anyone else is told it does not exist.
    @discardableResult
    public static func revoke(_ id: CredentialID?, reason raw: String?, _ ctx: ActionContext) async throws -> CredentialRecord {
        guard let id, let found = try await Credentials.find(id.uuid, on: ctx.db) else { throw ActionError.notFound }
        try ctx.authorize(.revokeCredential(found.organizationID))
        let reason = try RevocationReason.validated(raw)
        let actor = try await ctx.actingUser()
        return try await ctx.act(locking: .none) { ctx in
            guard let record = try await Credentials.find(id.uuid, on: ctx.db) else { throw ActionError.notFound }
            guard record.revokedAt == nil else { throw ActionError.conflict("This credential is revoked already.") }
            try await Credentials.revoke(record, by: try actor.requireID(), reason: reason, at: ctx.now, on: ctx.db)
            let path = "/credentials/\(id.uuid.uuidString.lowercased())"
            let by = ctx.principal?.role(in: record.organizationID) == .owner ? record.organizationName : "Tryout's administrators"
            let text = "Your credential for “\(record.name)” was revoked by \(by): \(reason)"
            try await Notifications.add(userID: record.candidateID, message: text, link: path, at: ctx.now, on: ctx.db)
            if let candidate = try await UserRecord.find(record.candidateID, on: ctx.db) {
                try await ctx.mail.send(MailMessage(to: candidate.email, subject: "Your credential for “\(record.name)” was revoked",
                                                    text: "\(text)\n\n\(ctx.mail.links.base + path)\n", category: .decisions,
                                                    recipientUserID: record.candidateID), at: ctx.now, on: ctx.db)
            }
            try await ctx.audit(.credentialRevoked, by: actor, organizationID: record.organizationID, detail: "\(record.name): \(reason)")
            return record
        }
    }

    /// A manager's short endorsement of the candidate's work on their organization's project.
    public static func endorse(_ id: CredentialID?, text raw: String?, _ ctx: ActionContext) async throws {
        guard let id, let record = try await Credentials.find(id.uuid, on: ctx.db) else { throw ActionError.notFound }
        try ctx.authorize(.endorse(record.organizationID))
        guard record.revokedAt == nil else { throw ActionError.conflict("A revoked credential cannot be endorsed.") }
        let text = try EndorsementText.validated(raw)
        let actor = try await ctx.actingUser()
        try await ctx.act(locking: .none) { ctx in
            try await Portfolios.endorse(id.uuid, by: try actor.requireID(), name: actor.displayName, text: text, at: ctx.now, on: ctx.db)
            try await Notifications.add(userID: record.candidateID, message: "\(actor.displayName) endorsed your work on “\(record.name)”.",
                                        link: "/credentials/\(id.uuid.uuidString.lowercased())", at: ctx.now, on: ctx.db)
            try await ctx.audit(.credentialEndorsed, by: actor, organizationID: record.organizationID, detail: record.name)
        }
    }

    /// The credential a VC-JWT carries, unverified: for showing what this server signed itself.
    static func decoded(_ jwt: String) -> OpenBadgeCredential? {
        guard let payload = VCJWT.decode(jwt)?.payload, let data = try? JSONSerialization.data(withJSONObject: payload) else { return nil }
        return try? JSONDecoder().decode(OpenBadgeCredential.self, from: data)
    }

    static func endorsements(of ids: [UUID], on db: any Database) async throws -> [UUID: [CredentialView.Endorsement]] {
        Dictionary(grouping: try await Portfolios.endorsements(of: ids, on: db), by: \.$credential.id)
            .mapValues { $0.map { CredentialView.Endorsement(author: $0.authorName, text: $0.text, date: $0.createdAt) } }
    }

    /// Status list `list` as a signed `BitstringStatusListCredential`; nil for a list that holds no credential.
    public static func statusListJWT(_ list: Int, _ settings: CredentialSettings, at now: Date, on db: any Database) async throws -> String? {
        guard list > 0, try await Credentials.listExists(list, on: db) else { return nil }
        var bits = BitstringStatusList()
        for index in try await Credentials.revokedIndices(in: list, on: db) { bits.set(index) }
        let url = settings.statusListURL(list)
        let credential = BitstringStatusListCredential(id: url, issuer: settings.did.did, validFrom: now, gzippedList: try Gzip.compress(bits.bytes))
        return try VCJWT.sign(credential, issuer: settings.did.did, id: url, with: settings.signer.key, kid: settings.kid, notBefore: now)
    }

    /// An accepted deliverable named in the credential's evidence, while the credential stands.
    public static func evidence(_ id: CredentialID?, deliverable number: Int?, settings: CredentialSettings,
                                _ ctx: ActionContext) async throws -> EvidenceView {
        guard let id, let number, let record = try await Credentials.find(id.uuid, on: ctx.db), record.revokedAt == nil,
              let credential = decoded(record.jwt),
              (credential.evidence ?? []).contains(where: { $0.id == settings.evidenceURL(id, deliverable: number) }),
              let milestone = try await Engagements.milestones(of: record.engagementID, on: ctx.db).first(where: { $0.position == number - 1 }),
              let accepted = try await Submissions.latest(of: milestone.requireID(), on: ctx.db), accepted.state == .accepted
        else { throw ActionError.notFound }
        let files = try await accepted.$files.get(on: ctx.db)
        return EvidenceView(credentialName: record.name, credentialURL: settings.credentialURL(id), title: milestone.title,
                            description: milestone.description, note: accepted.note, links: accepted.links,
                            files: files.map { ($0.name, $0.size) })
    }
}
