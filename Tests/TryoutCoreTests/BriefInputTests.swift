import Foundation
import Testing
@testable import TryoutCore

@Suite("Brief input")
struct BriefInputTests {
    private func fields(_ changes: [String: String] = [:]) -> BriefInput {
        var input = BriefInput(brief: publishableBrief(), skillLabels: [:], partnerSlugs: [], invitedEmails: [])
        input.fields.merge(changes) { $1 }
        return input
    }

    private func failingFields(_ input: BriefInput, for state: ProjectState) -> [String] {
        do {
            _ = try input.parse(for: state)
            return []
        } catch {
            return error.errors.map(\.field)
        }
    }

    @Test("a draft may leave the classification open; a published brief keeps one; a value that is none is refused")
    func classification() throws {
        let open = fields(["classification": ""])
        #expect(try open.parse(for: .draft).brief.classification == nil)
        #expect(failingFields(open, for: .published) == ["classification"])
        #expect(failingFields(fields(["classification": "volunteer"]), for: .draft) == ["classification"])
        #expect(try fields().parse(for: .published).brief.classification == .contractor)
    }

    @Test("currency codes are read in any case and kept in capitals")
    func currencyCase() throws {
        #expect(try fields(["currency": "eur"]).parse(for: .draft).brief.pay == Money(amountMinor: 60_000, currency: "EUR"))
        #expect(failingFields(fields(["currency": "euro"]), for: .draft) == ["currency"])
    }

    @Test("estimated hours run from 1 to 500, as the API document says")
    func estimatedHours() throws {
        #expect(try fields(["estimatedHours": "500"]).parse(for: .draft).brief.estimatedHours == 500)
        for hours in ["0", "501", "1000"] {
            #expect(failingFields(fields(["estimatedHours": hours]), for: .draft) == ["estimatedHours"])
        }
    }

    @Test("the team's time zone is an IANA name or empty, and survives the round trip through the form")
    func timeZone() throws {
        #expect(try fields().parse(for: .draft).brief.timeZone == nil)
        #expect(try fields(["timeZone": "  "]).parse(for: .draft).brief.timeZone == nil)
        let berlin = try fields(["timeZone": " Europe/Berlin "]).parse(for: .draft).brief
        #expect(berlin.timeZone == "Europe/Berlin")
        #expect(BriefInput(brief: berlin, skillLabels: [:], partnerSlugs: [], invitedEmails: [])["timeZone"] == "Europe/Berlin")
        #expect(try fields(["timeZone": "UTC"]).parse(for: .draft).brief.timeZone == "UTC")
        for unknown in ["Nowhere/Atlantis", "europe/berlin", "EST", "GMT+8", "Europe/Berlin/", "Berlin"] {
            #expect(failingFields(fields(["timeZone": unknown]), for: .draft) == ["timeZone"], "\(unknown)")
        }
    }
}

@Suite("Check-in times")
struct CheckInTimeTests {
    private let utc = CheckInInput.parseTime("2026-12-03T08:00:00Z")

    @Test("RFC 3339 with Z or an offset, fractional seconds allowed; without an offset the time is UTC",
          arguments: ["2026-12-03T10:00:00+02:00", "2026-12-03T08:00:00z", "2026-12-03T03:30:00-04:30", "2026-12-03T08:00",
                      "2026-12-03t08:00:00Z"])
    func readsOffsets(text: String) {
        #expect(utc != nil && CheckInInput.parseTime(text) == utc)
    }

    @Test("fractional seconds are kept")
    func fractions() throws {
        let time = try #require(CheckInInput.parseTime("2026-12-03T10:00:00.250+02:00"))
        #expect(time.timeIntervalSince(try #require(utc)) == 0.25)
    }

    @Test("times that do not exist, or are not times, are refused",
          arguments: ["2026-02-30T10:00:00Z", "2026-12-03T24:00:00Z", "2026-12-03T10:60Z", "2026-12-03T10:00:00+24:00",
                      "2026-12-03T10:00:00+02:60", "2026-12-03 10:00", "2026-12-03T10:00:00+0200", "tomorrow", "", "２０２６-12-03T10:00Z"])
    func refuses(text: String) {
        #expect(CheckInInput.parseTime(text) == nil)
    }
}
