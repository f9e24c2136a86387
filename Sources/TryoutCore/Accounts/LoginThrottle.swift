import Foundation

/// Slows password guessing: a few failures lock one account for a while, many failures lock
/// one network address. Counting happens before the password is checked, so a locked account
/// cannot be probed at all.
public struct LoginThrottle: Sendable {
    public struct Limit: Sendable {
        public var failures: Int
        public var window: TimeInterval

        public init(failures: Int, window: TimeInterval) {
            self.failures = failures
            self.window = window
        }
    }

    public var perAccount: Limit
    public var perAddress: Limit

    public init(perAccount: Limit = .init(failures: 5, window: 15 * 60),
                perAddress: Limit = .init(failures: 100, window: 3600)) {
        self.perAccount = perAccount
        self.perAddress = perAddress
    }

    /// Seconds to wait before another attempt, or nil when an attempt may go ahead.
    /// The arrays hold the times of recent failed attempts, in any order.
    public func retryAfter(accountFailures: [Date], addressFailures: [Date], now: Date) -> Int? {
        let waits = [Self.wait(accountFailures, perAccount, now), Self.wait(addressFailures, perAddress, now)]
        return waits.compactMap { $0 }.max()
    }

    private static func wait(_ failures: [Date], _ limit: Limit, _ now: Date) -> Int? {
        let recent = failures.filter { now.timeIntervalSince($0) < limit.window }.sorted()
        guard recent.count >= limit.failures else { return nil }
        // Allowed again once only `failures - 1` remain inside the window.
        let unlock = recent[recent.count - limit.failures].addingTimeInterval(limit.window)
        return max(1, Int(unlock.timeIntervalSince(now).rounded(.up)))
    }
}
