import Foundation

/// A job that only waits: `tryout jobs ping` uses it to show that workers are running and how
/// long the queue takes to reach a new job.
public struct PingJob: Job {
    public static let kind = "jobs.ping"
    public static let maxAttempts = 3
    /// How long the job takes, in seconds (at most a minute).
    public var hold: Double

    public init(hold: Double) { self.hold = min(60, max(0, hold)) }

    /// Idempotent: it changes nothing.
    @Sendable public static func run(_ job: PingJob, _ ctx: ActionContext) async throws {
        if job.hold > 0 { try await Task.sleep(for: .milliseconds(Int(job.hold * 1000))) }
    }
}
