import FluentKit
import Foundation
import TryoutCore

/// Who signs, and from where: what a signature records beside the typed name.
public struct SignatureEvidence: Sendable {
    public var side: EngagementSide
    public var userID: UUID
    public var name: String
    public var ip: String
    public var userAgent: String

    public init(side: EngagementSide, userID: UUID, name: String, ip: String, userAgent: String) {
        self.side = side
        self.userID = userID
        self.name = name
        self.ip = ip
        self.userAgent = userAgent
    }
}

/// Agreement templates and the agreements rendered from them. An agreement's text and hash are
/// written once, when it is issued; signing only fills in a side's signature.
public enum Agreements {
    /// The organization's template for the kind, or the standard one.
    public static func template(_ kind: AgreementKind, organizationID: UUID, on db: any Database) async throws -> AgreementTemplate {
        let own = try await AgreementTemplateRecord.query(on: db).filter(\.$organization.$id == organizationID).filter(\.$kind == kind).first()
        return own.map { AgreementTemplate(kind: kind, body: $0.body) } ?? .standard(kind)
    }

    /// The organization's own templates, by kind.
    public static func templates(organizationID: UUID, on db: any Database) async throws -> [AgreementKind: AgreementTemplateRecord] {
        let records = try await AgreementTemplateRecord.query(on: db).filter(\.$organization.$id == organizationID).all()
        return Dictionary(records.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Saves the organization's wording; agreements already issued keep theirs.
    public static func saveTemplate(_ template: AgreementTemplate, organizationID: UUID, at now: Date, on db: any Database) async throws {
        try await Upsert.row(into: AgreementTemplateRecord.schema,
                             [("organization_id", organizationID), ("kind", template.kind.rawValue), ("body", template.body), ("updated_at", now)],
                             keys: ["organization_id", "kind"], on: db)
    }

    /// Goes back to the standard wording.
    public static func resetTemplate(_ kind: AgreementKind, organizationID: UUID, on db: any Database) async throws {
        try await AgreementTemplateRecord.query(on: db).filter(\.$organization.$id == organizationID).filter(\.$kind == kind).delete()
    }

    /// Renders and stores a new version of an agreement, superseding the current one.
    @discardableResult
    public static func issue(_ kind: AgreementKind, for engagement: EngagementRecord, terms: AgreementTerms, at now: Date,
                             on db: any Database) async throws -> AgreementRecord {
        let engagementID = try engagement.requireID()
        let previous = try await AgreementRecord.query(on: db).filter(\.$engagement.$id == engagementID).filter(\.$kind == kind)
            .sort(\.$version, .descending).first()
        if let previous, previous.supersededAt == nil {
            previous.supersededAt = now
            try await previous.save(on: db)
        }
        let text = try await template(kind, organizationID: engagement.$organization.id, on: db).render(terms)
        let agreement = AgreementRecord()
        agreement.$engagement.id = engagementID
        agreement.kind = kind
        agreement.version = (previous?.version ?? 0) + 1
        agreement.text = text
        agreement.sha256 = Fingerprint.sha256(text)
        agreement.createdAt = now
        try await agreement.create(on: db)
        return agreement
    }

    /// The agreements in force: the newest version of each kind.
    public static func current(of engagementID: UUID, on db: any Database) async throws -> [AgreementRecord] {
        try await Current(id: engagementID).records(on: db)
    }

    /// Kept prepared, as every engagement page reads them.
    struct Current: KeptRecordsRead {
        typealias Record = AgreementRecord
        static let condition = "engagement_id = $1 AND superseded_at IS NULL ORDER BY kind"
        var id: UUID
    }

    /// Every version, the superseded ones too, newest first within a kind.
    public static func all(of engagementID: UUID, on db: any Database) async throws -> [AgreementRecord] {
        try await AgreementRecord.query(on: db).filter(\.$engagement.$id == engagementID)
            .sort(\.$kind).sort(\.$version, .descending).all()
    }

    public static func find(_ id: UUID, engagementID: UUID, on db: any Database) async throws -> AgreementRecord? {
        try await AgreementRecord.query(on: db).filter(\.$id == id).filter(\.$engagement.$id == engagementID).first()
    }

    /// Records one side's signature on the agreement in force. Call under the engagement's lock.
    public static func sign(_ agreement: AgreementRecord, _ evidence: SignatureEvidence, at now: Date, on db: any Database) async throws {
        guard agreement.supersededAt == nil else { throw EngagementError.superseded }
        guard agreement.signedAt(evidence.side) == nil else { throw EngagementError.alreadySigned }
        guard agreement.isIntact else { throw EngagementError.tampered }
        switch evidence.side {
        case .candidate:
            agreement.candidateName = evidence.name
            agreement.candidateSignedAt = now
            agreement.candidateIP = evidence.ip
            agreement.candidateAgent = evidence.userAgent
        case .employer:
            agreement.employerUserID = evidence.userID
            agreement.employerName = evidence.name
            agreement.employerSignedAt = now
            agreement.employerIP = evidence.ip
            agreement.employerAgent = evidence.userAgent
        }
        try await agreement.save(on: db)
    }
}
