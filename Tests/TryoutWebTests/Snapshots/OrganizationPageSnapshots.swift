import Foundation
import Testing
import TryoutTestSupport

/// Running an organization: members and invitations, settings, the audit log, agreement
/// templates; a partner's students; the platform administrator's pages.
@Suite("Organization PageSnapshots")
struct OrganizationPageSnapshots {
    @Test func members() async throws {
        try await withTestApp { t in
            let camera = try await SnapshotWorld.make(t).camera
            try await camera.snap("/orgs/acme/members", as: SnapshotWorld.owner, named: "owner")
            try await camera.snap("/orgs/acme/members", as: SnapshotWorld.reviewer, named: "reviewer")
            let refused = try await camera.post("/orgs/acme/invitations", ["email": "not an address", "role": "reviewer"],
                                                as: SnapshotWorld.owner, from: "/orgs/acme/members")
            camera.record(refused, named: "invite-error", status: .unprocessableEntity)
            try await camera.post("/orgs/acme/invitations", ["email": "new@acme.test", "role": "reviewer"], as: SnapshotWorld.owner, from: "/orgs/acme/members")
            try await camera.snap("/orgs/acme/members", as: SnapshotWorld.owner, named: "pending-invitation")
            let invitation = try await mailedLink("/invitations/", to: "new@acme.test", t)
            try await camera.snap(invitation, as: nil, named: "invitation-anonymous")
            try await camera.snap(invitation, as: SnapshotWorld.bo, named: "invitation-other-address")
        }
    }

    @Test func administration() async throws {
        try await withTestApp { t in
            let camera = try await SnapshotWorld.make(t).camera
            try await camera.snap("/orgs/acme/settings", as: SnapshotWorld.owner, named: "settings")
            try await camera.snap("/orgs/acme/settings", as: SnapshotWorld.reviewer, named: "settings-reviewer", status: .notFound)
            try await camera.snap("/orgs/acme/audit", as: SnapshotWorld.owner, named: "audit-log")
            try await camera.snap("/orgs/acme/agreements", as: SnapshotWorld.owner, named: "agreement-templates")
            try await camera.snap("/orgs/acme/agreements/contractor_agreement", as: SnapshotWorld.owner, named: "agreement-template")
            try await camera.snap("/admin/organizations", as: SnapshotWorld.platformAdmin, named: "admin-organizations")
            try await camera.snap("/admin/audit", as: SnapshotWorld.platformAdmin, named: "admin-audit")
        }
    }

    @Test func students() async throws {
        try await withTestApp { t in
            let camera = try await SnapshotWorld.make(t).camera
            try await camera.snap("/orgs/lakeside/students", as: SnapshotWorld.staff, named: "none")
            try await camera.post("/orgs/lakeside/students/invitations", ["emails": SnapshotWorld.bo], as: SnapshotWorld.staff,
                                  from: "/orgs/lakeside/students")
            try await camera.snap("/orgs/lakeside/students", as: SnapshotWorld.staff, named: "invited")
            let join = try await mailedLink("/students/join/", to: SnapshotWorld.bo, t)
            try await camera.snap(join, as: nil, named: "student-invitation-anonymous")
            try await camera.snap(join, as: SnapshotWorld.bo, named: "student-invitation")
        }
    }
}
