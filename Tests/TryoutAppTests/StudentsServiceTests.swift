import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

@Suite("Students service")
struct StudentsServiceTests {
    @Test("a partner's staff invite students; a student joins by the link and leaves; another school's student is not found")
    func inviteJoinLeave() async throws {
        try await withTestApp { t in
            let lakeside = try await Factory(t).organization("Lakeside", kind: .partner, roles: [.owner, .staff])
            try await Factory(t).organization("Acme")
            let staff = try await t.context(as: "staff@lakeside.test")
            await #expect(throws: ActionError.notFound) { try await StudentsService.partner(slug: "acme", try await t.context(as: "owner@acme.test")) }
            let partner = try await StudentsService.partner(slug: "lakeside", staff)
            try await StudentsService.invite([EmailAddress("ada@x.io")!, EmailAddress("bo@x.io")!], to: partner, links: InvitationTestLinks(), staff)
            #expect(try await InvitationFlow<StudentInvitation>.pending(in: partner, staff).count == 2)
            let invited = try await AuditLog.recent(organizationID: lakeside.requireID(), on: t.db).filter { $0.action == .studentsInvited }
            #expect(invited.map(\.detail) == ["2 addresses"])

            try await Factory(t).user("ada@x.io")
            let token = try await t.invitationToken(mailedTo: "ada@x.io")
            _ = try await InvitationFlow<StudentInvitation>.accept(token: token, try await t.context(as: "ada@x.io"))
            let students = try await StudentsService.students(of: partner, staff)
            #expect(students.map(\.user.email) == ["ada@x.io"])
            let studentID = StudentID(try students[0].requireID())

            await #expect(throws: ActionError.notFound) { try await StudentsService.leave(studentID, try await t.context(as: "owner@acme.test")) }
            let left = try await StudentsService.leave(studentID, try await t.context(as: "ada@x.io"))
            #expect(left.organization.name == "Lakeside")
            #expect(try await StudentsService.students(of: partner, staff).isEmpty)
        }
    }

    @Test("removing a student and revoking a student invitation; unknown ones are not found")
    func removeAndRevoke() async throws {
        try await withTestApp { t in
            try await Factory(t).organization("Lakeside", kind: .partner, roles: [.owner, .staff])
            let staff = try await t.context(as: "staff@lakeside.test")
            let partner = try await StudentsService.partner(slug: "lakeside", staff)
            try await StudentsService.invite([EmailAddress("ada@x.io")!], to: partner, links: InvitationTestLinks(), staff)
            try await Factory(t).user("ada@x.io")
            _ = try await InvitationFlow<StudentInvitation>.accept(token: try await t.invitationToken(mailedTo: "ada@x.io"),
                                                                   try await t.context(as: "ada@x.io"))
            let student = try #require(try await StudentsService.students(of: partner, staff).first)
            #expect(try await StudentsService.remove(StudentID(try student.requireID()), from: partner, staff).user.email == "ada@x.io")
            await #expect(throws: ActionError.notFound) { try await StudentsService.remove(StudentID(try student.requireID()), from: partner, staff) }

            try await StudentsService.invite([EmailAddress("bo@x.io")!], to: partner, links: InvitationTestLinks(), staff)
            let pending = try #require(try await InvitationFlow<StudentInvitation>.pending(in: partner, staff).first)
            _ = try await InvitationFlow<StudentInvitation>.revoke(StudentInvitationID(try pending.requireID()), in: partner, staff)
            #expect(try await InvitationFlow<StudentInvitation>.pending(in: partner, staff).isEmpty)
            await #expect(throws: InvitationRefusal.self) {
                try await InvitationFlow<StudentInvitation>.open(token: try await t.invitationToken(mailedTo: "bo@x.io"), t.context())
            }
        }
    }
}
