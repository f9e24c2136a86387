import Foundation

/// Every quarter of an hour: sends the daily digests now due (it is 08:00 somewhere).
public struct SendDigests: Job {
    public static let kind = "notifications.digests"

    public init() {}

    /// Idempotent: one digest per person and local day, recorded with its mail (`DigestService`).
    @Sendable public static func run(_ job: SendDigests, _ ctx: ActionContext) async throws {
        try await DigestService.sendDue(ctx)
    }
}

/// Every five minutes: sends the reminders now due, closes applications whose apply-by day is over
/// and accepts versions nobody decided on in time.
public struct SendReminders: Job {
    public static let kind = "notifications.reminders"

    public init() {}

    /// Idempotent: each reminder's key is recorded with its mail (`RemindersService`).
    @Sendable public static func run(_ job: SendReminders, _ ctx: ActionContext) async throws {
        try await RemindersService.sendDue(ctx)
    }
}
