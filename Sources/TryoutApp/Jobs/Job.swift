import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// A unit of background work. The value is its own payload: it is stored as JSON in the `jobs`
/// table and decoded again by whichever worker claims it, so it holds ids, not records.
public protocol Job: Codable, Sendable {
    /// The stable name stored with the job; renaming it strands the jobs already queued.
    static var kind: String { get }
    static var maxAttempts: Int { get }
    static var backoff: Backoff { get }
}

extension Job {
    public static var maxAttempts: Int { 8 }
    public static var backoff: Backoff { .standard }
}

/// Thrown by a handler for a failure that retrying cannot fix (the thing it was about is gone,
/// a mail server refused the address for good): the job goes straight to `dead`.
public struct PermanentJobFailure: Error, CustomStringConvertible {
    public var description: String

    public init(_ reason: String) { description = reason }
}

extension ActionContext {
    /// Enqueues `job` on this context's database. Inside `act { }` that is the action's own
    /// transaction, so the job exists if and only if the change that caused it committed.
    /// With `uniqueKey`, a job whose key is taken already is not added, and false says so.
    @discardableResult
    public func enqueue<J: Job>(_ job: J, at runAt: Date? = nil, uniqueKey: String? = nil) async throws -> Bool {
        try await JobQueue.enqueue(job, runAt: runAt ?? now, uniqueKey: uniqueKey, at: now, on: db) != nil
    }
}

extension JobQueue {
    /// Enqueues a typed job where there is a database but no action (the mailer); returns its id,
    /// or nil when its unique key was taken.
    @discardableResult
    public static func enqueue<J: Job>(_ job: J, runAt: Date, uniqueKey: String? = nil, at now: Date, on db: any Database) async throws -> UUID? {
        let payload = String(decoding: try JobCoding.encoder.encode(job), as: UTF8.self)
        return try await enqueue(kind: J.kind, payload: payload, runAt: runAt, maxAttempts: J.maxAttempts, uniqueKey: uniqueKey,
                                 at: now, on: db)
    }
}

/// One JSON form for payloads, readable on the administrators' page.
enum JobCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
