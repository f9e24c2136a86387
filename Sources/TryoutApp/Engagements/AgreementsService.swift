import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// An engagement's agreements: reading, signing, and issuing a new version.
public enum AgreementsService {
    public static func agreement(_ id: AgreementID, in participant: EngagementParticipant, _ context: ActionContext) async throws -> AgreementRecord {
        guard let agreement = try await Agreements.find(id.uuid, engagementID: participant.id.uuid, on: context.db) else { throw ActionError.notFound }
        return agreement
    }

    /// Signs for the person's side, keeping the evidence of who signed from where.
    public static func sign(_ agreementID: AgreementID, _ input: SignatureInput, in participant: EngagementParticipant,
                            _ context: ActionContext) async throws {
        let side = participant.role.side
        try await participant.perform(.sign(side), context) { move in
            let tx = move.context
            try EngagementLifecycle.checkOpen(move.engagement.state)
            let agreement = try await agreement(agreementID, in: participant, tx)
            let evidence = SignatureEvidence(side: side, userID: participant.userID.uuid, name: input.fullName, ip: tx.client.address,
                                             userAgent: tx.client.userAgent)
            try await Agreements.sign(agreement, evidence, at: tx.now, on: tx.db)
            try await Webhooks.emit(try WebhookEvents.agreementSigned(agreement, side: side, in: move.engagement, tx), tx)
            if side == .employer && participant.team.isEmpty {
                // Whoever signs for the employer runs the engagement until the team says otherwise.
                _ = try await Engagements.addToTeam(participant.userID.uuid, engagementID: participant.id.uuid, at: tx.now, on: tx.db)
            }
            try await move.tell(.agreementSigned, "\(participant.user.displayName) signed “\(agreement.kind.label)”.",
                                at: .agreement(participant.id, agreementID))
        }
    }

    /// Issues a new version of an agreement from the organization's current template; both sides sign again.
    public static func reissue(_ agreementID: AgreementID, in participant: EngagementParticipant, _ context: ActionContext) async throws {
        try await participant.perform(.sign(.employer), context) { move in
            let tx = move.context
            try EngagementLifecycle.checkReissue(move.engagement.state)
            let agreement = try await agreement(agreementID, in: participant, tx)
            guard agreement.supersededAt == nil else { throw ActionError.notFound }
            let terms = try await Engagements.terms(of: move.engagement, issued: tx.now, on: tx.db)
            let fresh = try await Agreements.issue(agreement.kind, for: move.engagement, terms: terms, at: tx.now, on: tx.db)
            try await move.tell(.agreementReissued, "A new version of “\(fresh.kind.label)” needs signing.",
                                at: .agreement(participant.id, AgreementID(try fresh.requireID())), email: true)
        }
    }
}

/// An employer's own wording of its agreements; new agreements use it, issued ones keep theirs.
public enum AgreementTemplatesService {
    /// The organization's own wording, by kind; kinds without one use the standard wording.
    public static func templates(organizationID: OrganizationID, _ context: ActionContext) async throws -> [AgreementKind: AgreementTemplateRecord] {
        try await Agreements.templates(organizationID: organizationID.uuid, on: context.db)
    }

    public static func save(_ kind: AgreementKind, body: String, organizationID: OrganizationID, _ context: ActionContext) async throws {
        let template = try AgreementTemplate.validated(kind: kind, body: body)
        let user = try await context.actingUser()
        try await context.act(locking: .none) { tx in
            try await Agreements.saveTemplate(template, organizationID: organizationID.uuid, at: tx.now, on: tx.db)
            try await tx.audit(.templateChanged, by: user, organizationID: organizationID.uuid, detail: kind.label)
        }
    }

    /// Back to the standard wording.
    public static func reset(_ kind: AgreementKind, organizationID: OrganizationID, _ context: ActionContext) async throws {
        let user = try await context.actingUser()
        try await context.act(locking: .none) { tx in
            try await Agreements.resetTemplate(kind, organizationID: organizationID.uuid, on: tx.db)
            try await tx.audit(.templateChanged, by: user, organizationID: organizationID.uuid, detail: "\(kind.label): standard wording")
        }
    }
}
