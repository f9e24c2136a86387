import Foundation

/// Slows password guessing: a few failures lock one account for a while, many failures lock
/// one network address. Counting happens before the password is checked, so a locked account
/// cannot be probed at all.
public struct LoginThrottle: Sendable {
    public var perAccount: RateLimit
    public var perAddress: RateLimit

    public init(perAccount: RateLimit = .init(count: 5, window: 15 * 60),
                perAddress: RateLimit = .init(count: 100, window: 3600)) {
        self.perAccount = perAccount
        self.perAddress = perAddress
    }

    /// Seconds to wait before another attempt, or nil when an attempt may go ahead.
    /// The arrays hold the times of recent failed attempts, in any order.
    public func retryAfter(accountFailures: [Date], addressFailures: [Date], now: Date) -> Int? {
        [perAccount.retryAfter(accountFailures, now: now), perAddress.retryAfter(addressFailures, now: now)].compactMap { $0 }.max()
    }

    /// What failures are counted under for a typed address: the address that finds the account,
    /// so `me@x.io`, ` ME@x.io\n` and `me@x.io\u{FEFF}` share one count. Text that is no address
    /// at all is kept as typed, less what cannot be stored.
    public static func accountKey(_ typed: String) -> String {
        EmailAddress(typed)?.value ?? TextInput.storable(String(TextInput.trimmed(typed).lowercased().prefix(254)))
    }
}
