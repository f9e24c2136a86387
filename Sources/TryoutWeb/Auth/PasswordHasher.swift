import Foundation
import NIOConcurrencyHelpers
import TryoutApp
import Vapor

/// bcrypt, run on the thread pool so that hashing never blocks an event loop.
struct PasswordHasher: PasswordHashing {
    let application: Application

    func hash(_ password: String) async throws -> String {
        let cost = application.tryout.bcryptCost
        return try await application.threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    /// Checks `password` against `hash`; with no hash it still spends the time of a check,
    /// so response times do not reveal which e-mail addresses have accounts.
    func verify(_ password: String, against hash: String?) async throws -> Bool {
        let cost = application.tryout.bcryptCost
        let target: String
        if let hash {
            target = hash
        } else {
            target = try await application.threadPool.runIfActive { try Self.decoyHash(cost: cost) }
        }
        let matches = try await application.threadPool.runIfActive { try Bcrypt.verify(password, created: target) }
        return hash != nil && matches
    }

    private static let decoys = NIOLockedValueBox<[Int: String]>([:])

    private static func decoyHash(cost: Int) throws -> String {
        if let hash = decoys.withLockedValue({ $0[cost] }) { return hash }
        let hash = try Bcrypt.hash("decoy password for unknown accounts", cost: cost)
        decoys.withLockedValue { $0[cost] = hash }
        return hash
    }
}

extension Request {
    var passwords: PasswordHasher { PasswordHasher(application: application) }
}
