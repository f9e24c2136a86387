import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// A partner organization's students: its staff invite them by e-mail and remove them; students
/// join by the link (see `StudentInvitation`) and may leave. Students see the projects employers
/// share with the partner.
public enum StudentsService {
    /// The partner at `slug`, if the acting person is on its staff; not found otherwise.
    public static func partner(slug: String?, _ ctx: ActionContext) async throws -> OrganizationRecord {
        let org = try await OrganizationsService.organization(slug: slug, for: Action.manageStudents, ctx)
        guard org.kind == .partner else { throw ActionError.notFound }
        return org
    }

    public static func students(of partner: OrganizationRecord, _ ctx: ActionContext) async throws -> [PartnerStudentRecord] {
        try await PartnerStudents.students(of: try partner.requireID(), on: ctx.db)
    }

    /// What each student (by user) has done on the platform: applications, engagements running
    /// and completed, credentials. The partner's home adds them up.
    public static func outcomes(of partner: OrganizationRecord, _ ctx: ActionContext) async throws -> [UUID: HomeFacts.StudentOutcomes] {
        try await HomeFacts.studentOutcomes(of: try partner.requireID(), on: ctx.db)
    }

    /// Mails each address a link to join, with one audit entry for them all.
    public static func invite(_ addresses: [EmailAddress], to partner: OrganizationRecord, links: any InvitationLinks,
                              _ ctx: ActionContext) async throws {
        let orgID = try partner.requireID()
        let inviter = try await ctx.actingUser()
        try await ctx.act(locking: .none) { ctx in
            for (invitation, token) in try await PartnerStudents.invite(addresses, to: orgID, invitedBy: try inviter.requireID(),
                                                                         at: ctx.now, on: ctx.db) {
                try await InvitationFlow<StudentInvitation>.mail(invitation, token: token, org: partner, inviter: inviter, links: links, ctx)
            }
            let detail = addresses.count == 1 ? addresses[0].value : "\(addresses.count) addresses"
            try await ctx.audit(.studentsInvited, by: inviter, organizationID: orgID, detail: detail)
        }
    }

    /// One of the partner's students, with their account; not found in another school.
    public static func student(_ id: StudentID?, of partner: OrganizationRecord, _ ctx: ActionContext) async throws -> PartnerStudentRecord {
        guard let id, let student = try await PartnerStudents.student(id: id.uuid, in: try partner.requireID(), on: ctx.db) else {
            throw ActionError.notFound
        }
        return student
    }

    /// Removes one of the partner's students; the student with their account.
    public static func remove(_ id: StudentID?, from partner: OrganizationRecord, _ ctx: ActionContext) async throws -> PartnerStudentRecord {
        let student = try await student(id, of: partner, ctx)
        try await end(student, organizationID: try partner.requireID(), detail: student.user.email, by: try await ctx.actingUser(), ctx)
        return student
    }

    /// One of the acting person's own places at a school, with its organization.
    public static func school(_ id: StudentID?, _ ctx: ActionContext) async throws -> PartnerStudentRecord {
        let user = try await ctx.actingUser()
        guard let id, let student = try await PartnerStudents.schools(of: try user.requireID(), on: ctx.db).first(where: { $0.id == id.uuid })
        else { throw ActionError.notFound }
        return student
    }

    /// The acting person leaves a school; the place with its organization.
    public static func leave(_ id: StudentID?, _ ctx: ActionContext) async throws -> PartnerStudentRecord {
        let student = try await school(id, ctx)
        let user = try await ctx.actingUser()
        try await end(student, organizationID: student.$organization.id, detail: "\(user.email) left", by: user, ctx)
        return student
    }

    private static func end(_ student: PartnerStudentRecord, organizationID: UUID, detail: String, by actor: UserRecord,
                            _ ctx: ActionContext) async throws {
        try await ctx.act(locking: .none) { ctx in
            try await student.delete(on: ctx.db)
            try await ctx.audit(.studentRemoved, by: actor, organizationID: organizationID, detail: detail)
        }
    }
}
