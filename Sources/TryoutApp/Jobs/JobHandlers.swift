import Foundation
import TryoutCore

/// Every kind of job this process can run, each with the function that runs it. Workers claim
/// only these kinds, so a server of an older release never takes (and fails) a newer kind.
public struct JobHandlers: Sendable {
    struct Handler: Sendable {
        let backoff: Backoff
        let run: @Sendable (String, ActionContext) async throws -> Void
    }

    private(set) var handlers: [String: Handler] = [:]

    public init() {}

    public mutating func register<J: Job>(_ type: J.Type, _ run: @escaping @Sendable (J, ActionContext) async throws -> Void) {
        handlers[J.kind] = Handler(backoff: J.backoff) { payload, context in
            let job: J
            do {
                job = try JobCoding.decoder.decode(J.self, from: Data(payload.utf8))
            } catch {
                throw PermanentJobFailure("The job's payload cannot be read: \(error)")
            }
            try await run(job, context)
        }
    }

    public var kinds: [String] { handlers.keys.sorted() }

    subscript(kind: String) -> Handler? { handlers[kind] }
}

/// Recurring work declared in code. Each slot of the recurrence enqueues the job once, with the
/// slot as its unique key, so several servers watching the clock still fire it once.
public struct Schedule: Sendable {
    public let name: String
    public let recurrence: Recurrence
    private let enqueue: @Sendable (ActionContext) async throws -> Bool

    public init<J: Job>(_ name: String, _ recurrence: Recurrence, _ job: J) {
        self.name = name
        self.recurrence = recurrence
        enqueue = { context in try await context.enqueue(job, uniqueKey: recurrence.slotKey(name, at: context.now)) }
    }

    /// Enqueues the current slot's job unless it is there already; true when this call added it.
    @discardableResult
    public func fire(_ context: ActionContext) async throws -> Bool {
        try await enqueue(context)
    }
}
