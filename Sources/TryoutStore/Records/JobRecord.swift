import FluentKit
import Foundation
import TryoutCore

/// A unit of background work, written in the same transaction as the change that causes it.
/// A worker holds a lease on it while it runs; a lease that runs out means the worker died,
/// and another claims the job again.
public final class JobRecord: Model, @unchecked Sendable {
    public static let schema = "jobs"
    public var properties: [any AnyProperty] {
        [
            $id, $kind, $payload, $state, $runAt, $attempts, $maxAttempts, $leaseOwner, $leaseUntil, $lastError,
            $uniqueKey, $createdAt, $finishedAt
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    /// The job's input as JSON.
    @Field(key: "payload") public var payload: String
    @Enum(key: "state") public var state: JobState
    @Field(key: "run_at") public var runAt: Date
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "max_attempts") public var maxAttempts: Int
    @OptionalField(key: "lease_owner") public var leaseOwner: String?
    @OptionalField(key: "lease_until") public var leaseUntil: Date?
    @OptionalField(key: "last_error") public var lastError: String?
    /// Makes a second enqueue of the same work (a schedule's slot, a reminder) do nothing.
    @OptionalField(key: "unique_key") public var uniqueKey: String?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "finished_at") public var finishedAt: Date?

    public init() {}
}
