import Foundation

/// How long a failed job waits before its next attempt: the delay doubles with every attempt up
/// to a ceiling, and a random share of it is added or taken away so that jobs which failed
/// together (a mail server that was down) do not all come back at the same second.
public struct Backoff: Sendable, Equatable {
    public var base: TimeInterval
    public var ceiling: TimeInterval
    /// The share of the delay that is random: 0.2 means anywhere from 80% to 120% of it.
    public var jitter: Double

    public init(base: TimeInterval, ceiling: TimeInterval, jitter: Double = 0.2) {
        self.base = base
        self.ceiling = ceiling
        self.jitter = jitter
    }

    /// 30 s, 1 min, 2 min, 4 min … capped at 6 hours.
    public static let standard = Backoff(base: 30, ceiling: 6 * 3600)

    /// The delay after `attempt` (1 for the first) failed; `random` is in 0..<1.
    public func delay(afterAttempt attempt: Int, random: Double) -> TimeInterval {
        let exponent = Double(max(0, min(attempt - 1, 40)))
        let plain = min(ceiling, base * pow(2, exponent))
        return plain * (1 + jitter * (2 * random - 1))
    }

    /// The longest a job with `attempts` attempts can keep retrying, jitter included: what a
    /// handler promises when it says "retries for about a day".
    public func longestSpan(attempts: Int) -> TimeInterval {
        (1..<max(1, attempts)).reduce(0) { $0 + delay(afterAttempt: $1, random: 1) }
    }
}
