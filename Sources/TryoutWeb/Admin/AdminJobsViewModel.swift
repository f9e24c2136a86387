import Foundation
import TryoutApp
import TryoutCore

/// The job queue as the administrators' page shows it.
struct JobsOverviewView: Sendable {
    struct Job: Sendable {
        var id: JobID
        var kind: String
        var state: JobState
        var attempts: Int
        var maxAttempts: Int
        var runAt: Date
        var finishedAt: Date?
        var lastError: String?
        var payload: String
    }

    /// One kind of job and how many of it are in each state.
    struct Row: Sendable {
        var kind: String
        var counts: [JobState: Int]
    }

    var rows: [Row]
    var jobs: [Job]
    var state: JobState?
    var kind: String?

    init(_ overview: JobsAdminService.Overview) {
        var byKind: [String: [JobState: Int]] = [:]
        for count in overview.counts { byKind[count.kind, default: [:]][count.state] = count.count }
        rows = byKind.keys.sorted().map { Row(kind: $0, counts: byKind[$0] ?? [:]) }
        jobs = overview.jobs.compactMap { job in
            guard let id = job.id else { return nil }
            return Job(id: JobID(id), kind: job.kind, state: job.state, attempts: job.attempts, maxAttempts: job.maxAttempts,
                       runAt: job.runAt, finishedAt: job.finishedAt, lastError: job.lastError, payload: job.payload)
        }
        state = overview.state
        kind = overview.kind
    }
}
