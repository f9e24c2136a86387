import Foundation

/// At most `count` events per `window` seconds: sign-in failures, reset e-mails, sign-ups from
/// one address. The times come from the database, so every server process counts the same.
public struct RateLimit: Sendable, Equatable {
    public var count: Int
    public var window: TimeInterval

    public init(count: Int, window: TimeInterval) {
        self.count = count
        self.window = window
    }

    /// Seconds to wait before the next event, or nil when it may happen now.
    /// `times` holds the recent events, in any order.
    public func retryAfter(_ times: [Date], now: Date) -> Int? {
        let recent = times.filter { now.timeIntervalSince($0) < window }.sorted()
        guard recent.count >= count else { return nil }
        // Allowed again once only `count - 1` remain inside the window.
        let unlock = recent[recent.count - count].addingTimeInterval(window)
        return max(1, Int(unlock.timeIntervalSince(now).rounded(.up)))
    }
}

/// The limits on what anyone can make Tryout send or try, besides sign-in.
public enum RequestLimits {
    /// Password reset e-mails to one address.
    public static let resetPerAccount = RateLimit(count: 3, window: 3600)
    /// Password reset requests from one client address. Generous, as a whole campus may share one.
    public static let resetPerClient = RateLimit(count: 50, window: 3600)
    /// Sign-ups from one client address, as generous for the same reason.
    public static let signUpPerClient = RateLimit(count: 100, window: 3600)
    /// E-mails about one address sent by the sign-up form (a confirmation link, or a note to an
    /// existing owner): nobody can flood an inbox through it.
    public static let signUpMailPerAccount = RateLimit(count: 3, window: 3600)
    /// Confirmation links asked for again by a signed-in person.
    public static let verificationResend = RateLimit(count: 3, window: 3600)
    /// Credentials checked from one client address: each may make this server fetch another
    /// issuer's documents, so nobody turns it into a crawler.
    public static let credentialChecksPerClient = RateLimit(count: 120, window: 3600)

    /// The longest window, for cleaning up old events.
    public static let longestWindow: TimeInterval = 3600
}
