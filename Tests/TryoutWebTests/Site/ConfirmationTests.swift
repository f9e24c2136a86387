import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
import VaporTesting
@testable import TryoutWeb

/// Removing people, leaving and revoking ask first, on a page of their own at the action's
/// address: opening it changes nothing, its button does, and only those who may act get it.
@Suite("Confirmation pages")
struct ConfirmationTests {
    /// The page asks `question` and its only form posts back to `path`.
    private func expectConfirmation(_ response: TestingHTTPResponse, at path: String, asking question: String,
                                    sourceLocation: SourceLocation = #_sourceLocation) {
        let page = response.body.string
        #expect(response.status == .ok, sourceLocation: sourceLocation)
        #expect(page.contains("<h1>\(question)</h1>"), sourceLocation: sourceLocation)
        #expect(page.contains(#"<form action="\#(path)" method="post">"#), sourceLocation: sourceLocation)
    }

    @Test("removing a member or leaving an organization asks first; only the member or those who manage members get the page")
    func members() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme", roles: [.owner, .reviewer])
            try await Factory(t).organization("Globex")
            let reviewer = try await Factory(t).member("reviewer@acme.test", of: org)
            let removal = "/orgs/acme/members/\(try reviewer.requireID().uuidString.lowercased())/remove"

            try await t.signIn("owner@acme.test")
            let members = try await t.get("/orgs/acme/members").body.string
            #expect(members.contains(#"<a href="\#(removal)" class="button danger">Remove"#) && !members.contains(#"action="\#(removal)""#))
            expectConfirmation(try await t.get(removal), at: removal, asking: "Remove reviewer@acme.test (reviewer@acme.test) from Acme?")
            #expect(try await MemberRecord.find(try reviewer.requireID(), on: t.db) != nil, "opening the page removes nobody")
            // The rule the removal applies decides first: the only owner is told why they cannot leave, and offered no button.
            let soleOwner = try #require(try await MemberRecord.query(on: t.db).filter(\.$organization.$id == org.requireID()).filter(\.$role == .owner).first())
            let refused = try await t.get("/orgs/acme/members/\(try soleOwner.requireID())/remove")
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("An organization needs at least one owner") && !refused.body.string.contains("Leave Acme</button>"))

            try await t.signIn("reviewer@acme.test")
            expectConfirmation(try await t.get(removal), at: removal, asking: "Leave Acme?")
            let owner = try await Factory(t).member("owner@acme.test", of: org)
            #expect(try await t.get("/orgs/acme/members/\(try owner.requireID())/remove").status == .notFound, "a reviewer removes nobody else")

            try await t.signIn("owner@globex.test")
            #expect(try await t.get(removal).status == .notFound)

            try await t.signIn("owner@acme.test")
            try await t.get(removal)
            #expect(try await t.post(removal).status == .seeOther)
            #expect(try await MemberRecord.find(try reviewer.requireID(), on: t.db) == nil)
        }
    }

    @Test("removing a student and leaving a school ask first, each only of those it concerns")
    func students() async throws {
        try await withTestApp { t in
            let lakeside = try await Factory(t).organization("Lakeside", kind: .partner, roles: [.owner, .staff])
            try await Factory(t).organization("Hillside", kind: .partner, roles: [.owner, .staff])
            let bo = try await Factory(t).user("bo@uni.test", name: "Bo Lind")
            let student = PartnerStudentRecord(organizationID: try lakeside.requireID(), userID: try bo.requireID(), createdAt: t.clock.now)
            try await student.create(on: t.db)
            let removal = "/orgs/lakeside/students/\(try student.requireID().uuidString.lowercased())/remove"
            let leaving = "/settings/schools/\(try student.requireID().uuidString.lowercased())/leave"

            try await t.signIn("staff@lakeside.test")
            #expect(try await t.get("/orgs/lakeside/students").body.string.contains(#"<a href="\#(removal)" class="button danger">Remove"#))
            expectConfirmation(try await t.get(removal), at: removal, asking: "Remove Bo Lind (bo@uni.test) from Lakeside?")
            #expect(try await t.get(leaving).status == .notFound, "staff do not leave for a student")
            try await t.signIn("staff@hillside.test")
            #expect(try await t.get(removal).status == .notFound)

            try await t.signIn("bo@uni.test")
            #expect(try await t.get("/settings").body.string.contains(#"<a href="\#(leaving)" class="button secondary">Leave"#))
            expectConfirmation(try await t.get(leaving), at: leaving, asking: "Leave Lakeside?")
            #expect(try await PartnerStudentRecord.find(try student.requireID(), on: t.db) != nil)
            #expect(try await t.post(leaving).status == .seeOther)
            #expect(try await PartnerStudentRecord.find(try student.requireID(), on: t.db) == nil)
        }
    }

    @Test("revoking an API token asks first; someone else's token is not found")
    func tokens() async throws {
        try await withTestApp { t in
            try await Factory(t).user("ada@uni.test")
            try await Factory(t).user("bo@uni.test")
            try await t.signIn("ada@uni.test")
            try await t.get("/settings")
            try await t.post("/settings/tokens", ["tokenName": "Laptop script"])
            let token = try #require(try await APITokenRecord.query(on: t.db).first())
            let revoking = "/settings/tokens/\(try token.requireID())/revoke"
            expectConfirmation(try await t.get(revoking), at: revoking, asking: "Revoke the token “Laptop script”?")
            #expect(try await APITokenRecord.find(try token.requireID(), on: t.db)?.revokedAt == nil)
            try await t.signIn("bo@uni.test")
            #expect(try await t.get(revoking).status == .notFound)
            try await t.get("/settings")
            #expect(try await t.post(revoking).status == .notFound)
            #expect(try await APITokenRecord.find(try token.requireID(), on: t.db)?.revokedAt == nil, "someone else's button revokes nothing")
            try await t.signIn("ada@uni.test")
            try await t.get(revoking)
            #expect(try await t.post(revoking).status == .seeOther)
            #expect(try await APITokenRecord.find(try token.requireID(), on: t.db)?.revokedAt != nil)
        }
    }
}
