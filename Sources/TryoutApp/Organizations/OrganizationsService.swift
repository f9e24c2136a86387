import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// An organization as its members run it: finding it for an action, its people, inviting,
/// changing roles, removing and leaving, its settings and its audit log. Each change asks the
/// policy and the membership rules, and writes with its audit entry in one transaction.
public enum OrganizationsService {
    /// The organization at `slug` if the acting person may take `action` on it; not found otherwise,
    /// so that nobody learns what exists in organizations they are not part of.
    public static func organization(slug: String?, for action: (UUID) -> Action, _ ctx: ActionContext) async throws -> OrganizationRecord {
        guard let slug, Slug.isValid(slug), let org = try await Organizations.find(slug: slug, on: ctx.db) else { throw ActionError.notFound }
        try ctx.authorize(action(try org.requireID()))
        return org
    }

    /// What the public page shows, to whoever asks: the organization, its open projects and
    /// whether the person asking belongs to it.
    public static func profile(slug: String?, _ ctx: ActionContext) async throws -> OrganizationProfile {
        guard let slug, Slug.isValid(slug), let org = try await Organizations.find(slug: slug, on: ctx.db) else { throw ActionError.notFound }
        let orgID = try org.requireID()
        return OrganizationProfile(organization: org, openProjects: try await Projects.published(of: orgID, on: ctx.db),
                                   viewerIsMember: Policy.allows(ctx.principal, .viewOrganization(orgID)),
                                   rating: try await EvaluationsService.publicRating(organizationID: orgID, on: ctx.db))
    }

    public static func members(of org: OrganizationRecord, _ ctx: ActionContext) async throws -> [MemberRecord] {
        try await Organizations.members(of: try org.requireID(), on: ctx.db)
    }

    private static func rules(for org: OrganizationRecord, on db: any Database) async throws -> MembershipRules {
        MembershipRules(kind: org.kind, ownerCount: try await Organizations.ownerCount(of: try org.requireID(), on: db))
    }

    /// Mails `rawEmail` a link to join in `rawRole`. Bad input, a role the organization does not
    /// offer included, is a `ValidationFailure`; the membership rules' other refusals are thrown.
    public static func invite(email rawEmail: String?, role rawRole: String?, to org: OrganizationRecord,
                              links: any InvitationLinks, _ ctx: ActionContext) async throws -> InvitationRecord {
        var v = Validator()
        let email = EmailAddress(rawEmail ?? "")
        v.check(email != nil, "email", "Enter an e-mail address like name@example.com.")
        let role = MemberRole(rawValue: rawRole ?? "")
        v.check(role != nil, "role", "Choose a role.")
        guard let email, let role else { throw ValidationFailure(v.errors) }
        let orgID = try org.requireID()
        do {
            try await rules(for: org, on: ctx.db).checkInvitation(by: try ctx.actingPrincipal().role(in: orgID), role: role)
        } catch let error as MembershipError {
            throw error.asInputError
        }
        let inviter = try await ctx.actingUser()
        return try await ctx.act(locking: .none) { ctx in
            let (invitation, token) = try await Organizations.createInvitation(orgID: orgID, email: email, role: role,
                                                                              invitedBy: try inviter.requireID(), at: ctx.now, on: ctx.db)
            try await InvitationFlow<MemberInvitation>.mail(invitation, token: token, org: org, inviter: inviter, links: links, ctx)
            try await ctx.audit(.memberInvited, by: inviter, organizationID: orgID, detail: "\(email.value) as \(role.label)")
            return invitation
        }
    }

    /// Moves a member to `rawRole`; the member with their account.
    public static func changeRole(of memberID: MemberID?, to rawRole: String?, in org: OrganizationRecord,
                                  _ ctx: ActionContext) async throws -> MemberRecord {
        let orgID = try org.requireID()
        guard let memberID, let member = try await Organizations.member(id: memberID.uuid, in: orgID, on: ctx.db) else { throw ActionError.notFound }
        guard let role = MemberRole(rawValue: rawRole ?? "") else {
            throw ValidationFailure([FieldError("role", "Choose a role.")])
        }
        let principal = try ctx.actingPrincipal()
        let actor = try await ctx.actingUser()
        try await ctx.act(locking: .none) { ctx in
            // Counting owners inside the transaction keeps two demotions from leaving none.
            do {
                try await rules(for: org, on: ctx.db).checkRoleChange(by: principal.role(in: orgID), from: member.role, to: role)
            } catch let error as MembershipError {
                throw error.asInputError
            }
            let previous = member.role
            member.role = role
            try await member.save(on: ctx.db)
            try await ctx.audit(.roleChanged, by: actor, organizationID: orgID, detail: "\(member.user.email): \(previous.label) → \(role.label)")
        }
        return member
    }

    /// Removes a member, or lets the acting person leave; they leave the organization's
    /// engagement teams too.
    /// The member `memberID` of `org` whose removal the acting person is about to confirm, and
    /// whether it is they who leave. The rule `remove` applies decides first, so a confirmation
    /// never offers what would be refused; someone who may not change the members finds nobody.
    public static func removal(of memberID: MemberID?, from org: OrganizationRecord, _ ctx: ActionContext) async throws -> (member: MemberRecord, leaving: Bool) {
        let orgID = try org.requireID()
        guard let memberID, let member = try await Organizations.member(id: memberID.uuid, in: orgID, on: ctx.db) else { throw ActionError.notFound }
        let principal = try ctx.actingPrincipal()
        let leaving = member.$user.id == principal.userID
        let rules = try await rules(for: org, on: ctx.db)
        do {
            try rules.checkRemoval(by: principal.role(in: orgID), of: member.role, isSelf: leaving)
        } catch where error == .notAllowed {
            throw ActionError.notFound
        } catch {
            throw ActionError.conflict(error.description)
        }
        return (member, leaving)
    }

    public static func remove(_ memberID: MemberID?, from org: OrganizationRecord, _ ctx: ActionContext) async throws {
        let orgID = try org.requireID()
        guard let memberID, let member = try await Organizations.member(id: memberID.uuid, in: orgID, on: ctx.db) else { throw ActionError.notFound }
        let principal = try ctx.actingPrincipal()
        let actor = try await ctx.actingUser()
        try await ctx.act(locking: .none) { ctx in
            try await rules(for: org, on: ctx.db).checkRemoval(by: principal.role(in: orgID), of: member.role,
                                                              isSelf: member.$user.id == principal.userID)
            try await member.delete(on: ctx.db)
            try await Engagements.leaveTeams(member.$user.id, organizationID: orgID, on: ctx.db)
            try await ctx.audit(.memberRemoved, by: actor, organizationID: orgID, detail: member.user.email)
        }
    }

    /// Saves the public profile and the pay floor.
    public static func saveSettings(_ settings: OrganizationSettings, of org: OrganizationRecord, _ ctx: ActionContext) async throws {
        let actor = try await ctx.actingUser()
        let floor = (settings.payFloor.map { "pay floor \($0.formatted) an hour" } ?? "platform pay floor")
            + (settings.showReviewerScores ? "; candidates see each reviewer's levels" : "")
            + (settings.showcaseWork ? "; credentials show accepted work" : "")
        try await ctx.act(locking: .none) { ctx in
            try await Organizations.update(org, settings: settings, on: ctx.db)
            try await ctx.audit(.settingsChanged, by: actor, organizationID: org.id, detail: floor)
        }
    }

    /// The organization's audit log as the acting person may read it.
    public static func auditLog(of org: OrganizationRecord, _ ctx: ActionContext) async throws -> OrganizationAuditLog {
        let orgID = try org.requireID()
        return OrganizationAuditLog(events: try await AuditLog.recent(organizationID: orgID, on: ctx.db),
                                    memberIDs: Set(try await Organizations.members(of: orgID, on: ctx.db).map(\.$user.id)),
                                    readerIsPlatformAdmin: ctx.principal?.isPlatformAdmin == true)
    }
}

/// An organization's public page.
public struct OrganizationProfile: Sendable {
    public let organization: OrganizationRecord
    public let openProjects: [ProjectListing]
    public let viewerIsMember: Bool
    /// Past candidates' exit surveys, once enough answered.
    public let rating: SurveySummary?
}

/// An organization's audit log as the person reading it may see it: the entries in the
/// organization's context, with the addresses of anyone who is not one of its members
/// (candidates above all) left out unless a platform admin reads it.
public struct OrganizationAuditLog: Sendable {
    public let events: [AuditEventRecord]
    let memberIDs: Set<UUID>
    let readerIsPlatformAdmin: Bool

    /// The entry's address, or "" when the reader may not see it.
    public func address(_ event: AuditEventRecord) -> String {
        let member = event.actorUserID.map(memberIDs.contains) ?? false
        return AuditVisibility.showsAddress(actorIsMember: member, readerIsPlatformAdmin: readerIsPlatformAdmin) ? event.ip : ""
    }
}
