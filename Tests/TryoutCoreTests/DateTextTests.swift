import Foundation
import Testing
@testable import TryoutCore

@Suite("Dates as people read them")
struct DateTextTests {
    // 2026-12-03 21:21:00 UTC
    private let instant = Date(timeIntervalSince1970: 1_796_332_860)

    @Test("a time is shown in the reader's zone and names it once; UTC is called UTC")
    func short() throws {
        #expect(DateText.short(instant) == "3 Dec 2026 at 21:21 UTC")
        #expect(DateText.short(instant, in: try #require(TimeZone(identifier: "Asia/Tokyo"))) == "4 Dec 2026 at 6:21 Asia/Tokyo")
        #expect(DateText.short(instant, in: try #require(TimeZone(identifier: "GMT"))) == "3 Dec 2026 at 21:21 UTC")
        #expect(DateText.day(instant) == "3 Dec 2026")
    }

    @Test("UTC dates worked out from their seconds read as Foundation's British style writes them")
    func utcByArithmetic() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        let british = Locale(identifier: "en_GB")
        let full = Date.FormatStyle(date: .abbreviated, time: .shortened, timeZone: utc).locale(british)
        let day = Date.FormatStyle(date: .abbreviated, time: .omitted, timeZone: utc).locale(british)
        var generator = SystemRandomNumberGenerator()
        // Every month's edges and leap days, the epoch's, and a spread of instants from 1900 to 2400.
        let edges = [-2_208_988_800, -86_401, -1, 0, 951_782_400, 951_868_799, 4_107_542_399, 1_796_332_860].map(Double.init)
        let spread = (0..<3000).map { _ in Double.random(in: -2_208_988_800...13_569_465_600, using: &generator).rounded(.down) }
        for seconds in edges + spread {
            let date = Date(timeIntervalSince1970: seconds)
            let text = try #require(DateText.UTCText(date))
            #expect("\(text.day) at \(text.time)" == date.formatted(full), "\(seconds)")
            #expect(text.day == date.formatted(day), "\(seconds)")
        }
        #expect(DateText.UTCText(Date(timeIntervalSince1970: -70_000_000_000)) == nil, "year 0 and before go the long way")
        #expect(DateText.day(Date(timeIntervalSince1970: -70_000_000_000)) == Date(timeIntervalSince1970: -70_000_000_000).formatted(day))
    }

    @Test("a UTC instant's parts worked out from its seconds are the Gregorian calendar's, weekday included")
    func partsByArithmetic() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var generator = SystemRandomNumberGenerator()
        let edges = [-11_676_096_000, -2_208_988_800, -86_401, -1, 0, 951_782_400, 4_107_542_399, 253_402_300_799].map(Double.init)
        let spread = (0..<3000).map { _ in Double.random(in: -11_676_096_000...253_402_300_799, using: &generator) }
        for seconds in edges + spread {
            let date = Date(timeIntervalSince1970: seconds)
            let parts = try #require(UTCParts(date), "\(seconds)")
            let expected = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
            #expect([parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second, parts.weekday + 1]
                == [expected.year, expected.month, expected.day, expected.hour, expected.minute, expected.second, expected.weekday],
                    "\(seconds)")
        }
        #expect(UTCParts(Date(timeIntervalSince1970: -11_676_096_001)) == nil, "the year 1599")
        #expect(UTCParts(Date(timeIntervalSince1970: 253_402_300_800)) == nil, "the year 10000")
    }
}
