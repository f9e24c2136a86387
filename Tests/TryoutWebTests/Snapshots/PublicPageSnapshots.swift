import Foundation
import Testing
import TryoutTestSupport

/// Pages anyone may open: home (and each role's own home), the marketplace, a project, an organization, the error pages.
@Suite("Public PageSnapshots")
struct PublicPageSnapshots {
    @Test func home() async throws {
        try await withTestApp { t in
            let world = try await SnapshotWorld.make(t)
            try await world.camera.snap("/", as: nil, named: "anonymous")
            // Signed in, each role's own home: Ada's application waits, as does the manager's applicant.
            try await world.camera.snap("/", as: SnapshotWorld.ada, named: "candidate")
            try await world.camera.snap("/", as: SnapshotWorld.owner, named: "owner")
            try await world.camera.snap("/", as: SnapshotWorld.reviewer, named: "reviewer")
            try await world.camera.snap("/", as: SnapshotWorld.staff, named: "partner-staff")
            try await world.camera.snap("/", as: SnapshotWorld.platformAdmin, named: "platform-admin")
            try await world.decide("shortlisted")
            try await world.decide("offered")
            try await world.camera.snap("/", as: SnapshotWorld.ada, named: "candidate-offered")
        }
    }

    @Test func marketplace() async throws {
        try await withTestApp { t in
            let camera = try await SnapshotWorld.make(t).camera
            try await camera.snap("/projects", as: nil, named: "results")
            try await camera.snap("/projects?q=astronomy", as: nil, named: "no-results")
            try await camera.snap("/projects?minHours=lots&mode=moon&sort=random", as: nil, named: "filter-error", status: .unprocessableEntity)
            try await camera.snap("/projects?q=data&mode=remote", as: SnapshotWorld.bo, named: "filtered-candidate")
        }
    }

    @Test func project() async throws {
        try await withTestApp { t in
            let world = try await SnapshotWorld.make(t)
            let camera = world.camera
            try await camera.snap(world.projectPath, as: nil, named: "anonymous")
            try await camera.snap(world.projectPath, as: SnapshotWorld.bo, named: "candidate")
            try await camera.snap(world.projectPath, as: SnapshotWorld.ada, named: "applied-candidate")
            try await camera.snap(world.projectPath, as: SnapshotWorld.cy, named: "unconfirmed-candidate")
            try await camera.snap(world.projectPath, as: SnapshotWorld.manager, named: "member")
            try await camera.snap("/orgs/acme", as: nil, named: "organization-anonymous")
            try await camera.snap("/orgs/acme", as: SnapshotWorld.owner, named: "organization-member")
        }
    }

    @Test func errors() async throws {
        try await withTestApp { t in
            let world = try await SnapshotWorld.make(t)
            let camera = world.camera
            try await camera.snap("/no/such/page", as: nil, named: "not-found", status: .notFound)
            try await camera.snap("/projects/\(UUID())", as: SnapshotWorld.bo, named: "unknown-project", status: .notFound)
            // An employer cannot apply; a form without its CSRF token has expired.
            let apply = try await camera.post("\(world.projectPath)/apply", ["answers.0": "Me"], as: SnapshotWorld.manager, from: world.projectPath)
            camera.record(apply, named: "forbidden-apply", status: .forbidden)
            try await camera.become(SnapshotWorld.bo)
            camera.record(try await t.post("/settings/profile", ["name": "Bo"], csrf: ""), named: "expired-form", status: .forbidden)
        }
    }
}
