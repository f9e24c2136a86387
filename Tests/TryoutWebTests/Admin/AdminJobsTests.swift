import FluentKit
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

@Suite("Jobs page")
struct AdminJobsTests {
    /// A ping job whose input cannot be read: it dies on its first attempt, with that error.
    private func deadJob(_ t: TestApp) async throws -> UUID {
        let id = try #require(try await JobQueue.enqueue(kind: PingJob.kind, payload: "<script>alert(1)</script>", runAt: t.clock.now,
                                                         maxAttempts: 3, at: t.clock.now, on: t.db))
        try await t.runJobs()
        #expect(try await JobAdministration.find(id, on: t.db)?.state == .dead)
        return id
    }

    @Test("admins see jobs by kind and state with their errors, escaped, and can filter them")
    func overview() async throws {
        try await withTestApp { t in
            let id = try await deadJob(t)
            try await JobQueue.enqueue(kind: PingJob.kind, payload: #"{"hold":0}"#, runAt: t.clock.now.addingTimeInterval(3600),
                                       maxAttempts: 3, at: t.clock.now, on: t.db)
            try await Factory(t).user("root@tryout.test", admin: true)
            try await t.signIn("root@tryout.test")
            let page = try await t.get("/admin/jobs").body.string
            #expect(page.contains("jobs.ping") && page.contains("payload cannot be read"))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert(1)"))
            #expect(page.contains("/admin/jobs/\(id.uuidString.lowercased())/retry"))
            let dead = try await t.get("/admin/jobs?state=dead&kind=jobs.ping").body.string
            #expect(dead.contains("/admin/jobs/\(id.uuidString.lowercased())/retry") && !dead.contains("Queued</td>"))
            let queued = try await t.get("/admin/jobs?state=queued").body.string
            #expect(!queued.contains("/retry") && queued.contains("Queued</td>"))
        }
    }

    @Test("a dead job can be retried from the first attempt, or discarded; both are in the audit log")
    func retryAndDiscard() async throws {
        try await withTestApp { t in
            let id = try await deadJob(t)
            try await Factory(t).user("root@tryout.test", admin: true)
            try await t.signIn("root@tryout.test")
            try await t.get("/admin/jobs")
            let retried = try await t.post("/admin/jobs/\(id)/retry")
            #expect(retried.status == .seeOther)
            var job = try #require(try await JobAdministration.find(id, on: t.db))
            #expect(job.state == .queued && job.attempts == 0)
            #expect(try await t.post("/admin/jobs/\(id)/retry").status == .conflict)

            try await t.runJobs()
            try await t.get("/admin/jobs")
            try await t.post("/admin/jobs/\(id)/discard")
            job = try #require(try await JobAdministration.find(id, on: t.db))
            #expect(job.state == .done && job.lastError?.hasPrefix("Discarded by root@tryout.test.") == true)
            let audit = try await t.get("/admin/audit").body.string
            #expect(audit.contains("Retried a dead job") && audit.contains("Discarded a dead job"))
        }
    }

    @Test("nobody but a platform admin sees the queue or touches a job")
    func onlyAdmins() async throws {
        try await withTestApp { t in
            let id = try await deadJob(t)
            try await Factory(t).organization("Acme", roles: [.owner])
            try await t.signIn("owner@acme.test")
            #expect(try await t.get("/admin/jobs").status == .notFound)
            try await t.get("/settings")
            #expect(try await t.post("/admin/jobs/\(id)/retry").status == .notFound)
            #expect(try await t.post("/admin/jobs/\(id)/discard").status == .notFound)
            #expect(try await JobAdministration.find(id, on: t.db)?.state == .dead)
        }
    }
}
