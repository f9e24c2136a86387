import Foundation
import Testing
import TryoutCore

@Suite("Job timing")
struct JobTimingTests {
    @Test("a failed job waits 30 s, then twice as long after each attempt, never more than 6 hours")
    func backoffDoubles() {
        let plain = (1...12).map { Backoff.standard.delay(afterAttempt: $0, random: 0.5) }
        #expect(plain.prefix(5) == [30, 60, 120, 240, 480])
        #expect(plain.last == 21_600.0)
        #expect(Backoff.standard.delay(afterAttempt: 1000, random: 0.5) == 21_600.0)
    }

    @Test("jitter moves a delay by at most a fifth either way, so failed jobs do not all return together")
    func backoffJitter() {
        let backoff = Backoff.standard
        #expect(backoff.delay(afterAttempt: 3, random: 0) == 96)
        #expect(abs(backoff.delay(afterAttempt: 3, random: 0.999_999) - 144) < 0.001)
        let spread = Set((0..<50).map { _ in backoff.delay(afterAttempt: 3, random: Double.random(in: 0..<1)) })
        #expect(spread.count > 1 && spread.allSatisfy { (96...144).contains($0) })
    }

    @Test("the longest span adds every wait before the last attempt at its latest")
    func longestSpan() {
        let backoff = Backoff(base: 10, ceiling: 1000, jitter: 0)
        #expect(backoff.longestSpan(attempts: 1) == 0)
        #expect(backoff.longestSpan(attempts: 4) == 10 + 20 + 40)
    }

    @Test("every N minutes: a slot starts on a multiple of N minutes and keeps its key until the next")
    func everyMinutes() {
        let recurrence = Recurrence.every(minutes: 15)
        let start = Date(timeIntervalSince1970: 1_800_000_000 - 1_800_000_000.truncatingRemainder(dividingBy: 900))
        #expect(recurrence.slot(containing: start) == start)
        #expect(recurrence.slot(containing: start.addingTimeInterval(899)) == start)
        #expect(recurrence.slot(containing: start.addingTimeInterval(900)) == start.addingTimeInterval(900))
        #expect(recurrence.slotKey("digest", at: start) == recurrence.slotKey("digest", at: start.addingTimeInterval(600)))
        #expect(recurrence.slotKey("digest", at: start) != recurrence.slotKey("reminders", at: start))
        #expect(recurrence.slotKey("digest", at: start) != recurrence.slotKey("digest", at: start.addingTimeInterval(900)))
    }

    @Test("daily at a time: before that time the slot is yesterday's, from it on today's")
    func daily() throws {
        let recurrence = Recurrence.daily(hour: 3, minute: 30)
        let midnight = Date(timeIntervalSince1970: 20_000 * 86_400)
        #expect(recurrence.slot(containing: midnight.addingTimeInterval(3 * 3600)) == midnight.addingTimeInterval(3.5 * 3600 - 86_400))
        #expect(recurrence.slot(containing: midnight.addingTimeInterval(3.5 * 3600)) == midnight.addingTimeInterval(3.5 * 3600))
        #expect(recurrence.slot(containing: midnight.addingTimeInterval(23 * 3600)) == midnight.addingTimeInterval(3.5 * 3600))
    }
}
