import FluentKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

extension MembershipError: AbortError {
    public var status: HTTPResponseStatus {
        switch self {
        case .notAllowed: .notFound
        case .roleNotOffered: .unprocessableEntity
        case .onlyOwnersManageOwners: .forbidden
        case .lastOwner: .conflict
        }
    }

    public var reason: String { description }
}

/// Membership changes shared by the organization pages and the API: each one asks the
/// policy and the membership rules, writes in one transaction and leaves an audit entry.
enum Memberships {
    /// The organization at `slug` if the signed-in person may take `action` on it; 404 otherwise.
    static func organization(_ req: Request, slug: String?, for action: (UUID) -> Action) async throws -> OrganizationRecord {
        guard let slug, Slug.isValid(slug), let org = try await Organizations.find(slug: slug, on: req.db) else { throw Abort(.notFound) }
        try await req.authorize(action(try org.requireID()))
        return org
    }

    static func rules(for org: OrganizationRecord, on db: any Database) async throws -> MembershipRules {
        MembershipRules(kind: org.kind, ownerCount: try await Organizations.ownerCount(of: try org.requireID(), on: db))
    }

    static func invite(_ req: Request, org: OrganizationRecord, email rawEmail: String?, role rawRole: String?) async throws -> InvitationRecord {
        var v = Validator()
        let email = EmailAddress(rawEmail ?? "")
        v.check(email != nil, "email", "Enter an e-mail address like name@example.com.")
        let role = MemberRole(rawValue: rawRole ?? "")
        v.check(role != nil, "role", "Choose a role.")
        try v.finish()
        let orgID = try org.requireID()
        let principal = try await req.requirePrincipal()
        do {
            try await rules(for: org, on: req.db).checkInvitation(by: principal.role(in: orgID), role: role!)
        } catch let error as MembershipError {
            throw error.asInputError
        }
        let now = req.now
        let base = req.tryout.publicURL
        let inviter = try req.requireUser()
        return try await req.db.transaction { tx in
            let (invitation, token) = try await Organizations.createInvitation(orgID: orgID, email: email!, role: role!,
                                                                              invitedBy: principal.userID, at: now, on: tx)
            try await req.mailer.send(to: email!.value, subject: "Join \(org.name) on Tryout", body: """
                \(inviter.displayName) invited you to join \(org.name) on Tryout as \(role!.label.lowercased()).

                Accept within 7 days: \(SiteURL.invitation(token: token.value).absolute(base: base))
                """, at: now, on: tx)
            try await AuditLog.record(req.auditEntry(.memberInvited, organizationID: orgID, detail: "\(email!.value) as \(role!.label)"), at: now, on: tx)
            return invitation
        }
    }

    static func revokeInvitation(_ req: Request, org: OrganizationRecord, id: UUID?) async throws {
        let orgID = try org.requireID()
        guard let id, let invitation = try await Organizations.invitation(id: id, in: orgID, on: req.db),
              invitation.isPending(at: req.now)
        else { throw Abort(.notFound) }
        let now = req.now
        try await req.db.transaction { tx in
            invitation.revokedAt = now
            try await invitation.save(on: tx)
            try await AuditLog.record(req.auditEntry(.invitationRevoked, organizationID: orgID, detail: invitation.email), at: now, on: tx)
        }
    }

    static func changeRole(_ req: Request, org: OrganizationRecord, memberID: UUID?, role rawRole: String?) async throws -> MemberRecord {
        let orgID = try org.requireID()
        guard let memberID, let member = try await Organizations.member(id: memberID, in: orgID, on: req.db) else { throw Abort(.notFound) }
        guard let role = MemberRole(rawValue: rawRole ?? "") else {
            throw ValidationFailure([FieldError("role", "Choose a role.")])
        }
        let principal = try await req.requirePrincipal()
        let now = req.now
        try await req.db.transaction { tx in
            // Counting owners inside the transaction keeps two demotions from leaving none.
            do {
                try await rules(for: org, on: tx).checkRoleChange(by: principal.role(in: orgID), from: member.role, to: role)
            } catch let error as MembershipError {
                throw error.asInputError
            }
            let previous = member.role
            member.role = role
            try await member.save(on: tx)
            try await AuditLog.record(req.auditEntry(.roleChanged, organizationID: orgID,
                                                     detail: "\(member.user.email): \(previous.label) → \(role.label)"), at: now, on: tx)
        }
        return member
    }

    static func remove(_ req: Request, org: OrganizationRecord, memberID: UUID?) async throws {
        let orgID = try org.requireID()
        guard let memberID, let member = try await Organizations.member(id: memberID, in: orgID, on: req.db) else { throw Abort(.notFound) }
        let principal = try await req.requirePrincipal()
        let now = req.now
        try await req.db.transaction { tx in
            try await rules(for: org, on: tx).checkRemoval(by: principal.role(in: orgID), of: member.role,
                                                           isSelf: member.$user.id == principal.userID)
            try await member.delete(on: tx)
            try await Engagements.leaveTeams(member.$user.id, organizationID: orgID, on: tx)
            try await AuditLog.record(req.auditEntry(.memberRemoved, organizationID: orgID, detail: member.user.email), at: now, on: tx)
        }
        req.authState.principal = nil
    }

    static func setStatus(_ req: Request, organizationID: UUID?, status rawStatus: String?) async throws -> OrganizationRecord {
        try await req.authorize(.moderatePlatform)
        guard let organizationID, let org = try await OrganizationRecord.find(organizationID, on: req.db) else { throw Abort(.notFound) }
        guard let status = OrganizationStatus(rawValue: rawStatus ?? "") else {
            throw ValidationFailure([FieldError("status", "Choose verified, unverified or suspended.")])
        }
        let action: AuditAction = switch status {
        case .verified: .organizationVerified
        case .suspended: .organizationSuspended
        case .unverified: .organizationReinstated
        }
        let now = req.now
        try await req.db.transaction { tx in
            org.status = status
            try await org.save(on: tx)
            try await AuditLog.record(req.auditEntry(action, organizationID: organizationID, detail: org.name), at: now, on: tx)
        }
        return org
    }
}
