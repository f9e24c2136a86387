import Foundation
import Testing
import TryoutApp
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb

/// What platform administrators see of the job queue: every job, the dead ones with their error
/// and the buttons to retry or discard, one state at a time, and nothing for anyone else.
@Suite("Admin PageSnapshots")
struct AdminPageSnapshots {
    @Test func jobs() async throws {
        try await withTestApp { t in
            let world = try await SnapshotWorld.make(t)
            let now = t.clock.now
            // Each at its own time: the page lists the latest first.
            try await JobQueue.enqueue(kind: PingJob.kind, payload: "not json", runAt: now, maxAttempts: 1, at: now, on: t.db)
            try await JobQueue.enqueue(kind: PingJob.kind, payload: #"{"hold":0}"#, runAt: now.addingTimeInterval(-60), maxAttempts: 3, at: now, on: t.db)
            try await t.runJobs()
            try await JobQueue.enqueue(kind: PingJob.kind, payload: #"{"hold":0}"#, runAt: now.addingTimeInterval(3600), maxAttempts: 3, at: now, on: t.db)
            let camera = world.camera
            try await camera.snap("/admin/jobs", as: SnapshotWorld.platformAdmin, named: "all")
            try await camera.snap("/admin/jobs?state=dead", as: SnapshotWorld.platformAdmin, named: "dead")
            try await camera.snap("/admin/jobs", as: SnapshotWorld.owner, named: "owner", status: .notFound)
        }
    }
}
