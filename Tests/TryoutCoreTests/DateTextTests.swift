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
}
