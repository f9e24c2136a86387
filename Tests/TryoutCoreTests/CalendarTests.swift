import Foundation
import Testing
@testable import TryoutCore

/// 2024-03-05T14:07:09Z
private let stamp = Date(timeIntervalSince1970: 1_709_647_629)

private func feed(_ events: CalendarEvent...) -> String {
    ICalendar.document(name: "Tryout", events: events, stamp: stamp)
}

/// The physical lines as raw bytes, split on CRLF, so that a fold landing inside a UTF-8
/// sequence would show up (a Swift String could never hold the broken half).
private func physicalLines(_ document: String) -> [[UInt8]] {
    var lines: [[UInt8]] = [[]]
    var bytes = Array(document.utf8)[...]
    while let byte = bytes.popFirst() {
        if byte == 0x0D, bytes.first == 0x0A {
            bytes.removeFirst()
            lines.append([])
        } else {
            lines[lines.count - 1].append(byte)
        }
    }
    return lines
}

/// Content lines after RFC 5545 unfolding: a CRLF followed by one space is removed.
private func unfolded(_ document: String) -> [String] {
    var lines: [[UInt8]] = []
    for line in physicalLines(document) where !line.isEmpty {
        if line.first == 0x20, !lines.isEmpty { lines[lines.count - 1] += line.dropFirst() } else { lines.append(line) }
    }
    return lines.map { String(decoding: $0, as: UTF8.self) }
}

/// The physical lines one property was folded into.
private func pieces(_ name: String, in document: String) -> [[UInt8]] {
    let physical = physicalLines(document)
    guard let first = physical.firstIndex(where: { $0.starts(with: Array((name + ":").utf8)) }) else { return [] }
    return [physical[first]] + physical[(first + 1)...].prefix { $0.first == 0x20 }
}

/// The unfolded lines of one property, e.g. "SUMMARY" matches "SUMMARY:..." and "DTEND;VALUE=DATE:...".
private func lines(_ name: String, in document: String) -> [String] {
    unfolded(document).filter { $0.hasPrefix(name + ":") || $0.hasPrefix(name + ";") }
}

@Suite("iCalendar feed")
struct CalendarTests {
    @Test("a document is the fixed header, one VEVENT per event and CRLF after every line")
    func structure() {
        let event = CalendarEvent(uid: "deadline-1@tryout", summary: "Memo due", description: "One page.",
                                  start: stamp, url: "https://tryout.test/projects/1")
        let document = ICalendar.document(name: "Ana's deadlines", events: [event], stamp: stamp)
        #expect(document == [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Tryout//Tryout//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Ana's deadlines",
            "BEGIN:VEVENT",
            "UID:deadline-1@tryout",
            "DTSTAMP:20240305T140709Z",
            "DTSTART:20240305T140709Z",
            "DTEND:20240305T150709Z",
            "SUMMARY:Memo due",
            "DESCRIPTION:One page.",
            "URL:https://tryout.test/projects/1",
            "END:VEVENT",
            "END:VCALENDAR",
        ].joined(separator: "\r\n") + "\r\n")

        let bytes = Array(feed(event, event).utf8)
        let lineFeeds = bytes.indices.filter { bytes[$0] == 0x0A }
        #expect(!lineFeeds.isEmpty && lineFeeds.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D })
        #expect(bytes.filter { $0 == 0x0D }.count == lineFeeds.count)
        #expect(lines("BEGIN", in: feed(event, event)) == ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "BEGIN:VEVENT"])
        #expect(lines("BEGIN", in: feed()) == ["BEGIN:VCALENDAR"])
        #expect(feed().hasSuffix("METHOD:PUBLISH\r\nX-WR-CALNAME:Tryout\r\nEND:VCALENDAR\r\n"))
    }

    @Test("TEXT values escape backslash, semicolon, comma and line breaks; URLs are left as URIs")
    func escaping() {
        let event = CalendarEvent(uid: "u,1;x@tryout", summary: "Report; draft, v2\\final\nnext",
                                  description: "Windows\r\nbreak and old Mac\rbreak", start: stamp,
                                  url: "https://tryout.test/search?q=a,b;c")
        let document = ICalendar.document(name: "Deadlines, mine; all", events: [event], stamp: stamp)
        #expect(lines("SUMMARY", in: document) == [#"SUMMARY:Report\; draft\, v2\\final\nnext"#])
        #expect(lines("DESCRIPTION", in: document) == [#"DESCRIPTION:Windows\nbreak and old Macbreak"#])
        #expect(lines("UID", in: document) == [#"UID:u\,1\;x@tryout"#])
        #expect(lines("X-WR-CALNAME", in: document) == [#"X-WR-CALNAME:Deadlines\, mine\; all"#])
        #expect(lines("URL", in: document) == ["URL:https://tryout.test/search?q=a,b;c"])
    }

    @Test("long lines fold at 75 octets and unfolding restores them")
    func folding() {
        let summary = (1...40).map { "word\($0)" }.joined(separator: " ")
        let document = feed(CalendarEvent(uid: "long@tryout", summary: summary, start: stamp))
        let physical = physicalLines(document)
        #expect(physical.allSatisfy { $0.count <= 75 })
        let summaryLines = pieces("SUMMARY", in: document)
        #expect(summaryLines.count == 4)
        // Folding fills each line before breaking it, so only the last piece is short.
        #expect(summaryLines.dropLast().allSatisfy { $0.count == 75 })
        #expect(lines("SUMMARY", in: document) == ["SUMMARY:" + summary])
    }

    @Test("folding never splits a multi-byte character", arguments: [
        String(repeating: "é", count: 100),
        String(repeating: "🎉", count: 40),
        String(repeating: "a€🎉é", count: 25),
        String(repeating: "👩‍👩‍👧‍👦", count: 12),
    ])
    func foldingMultiByte(summary: String) {
        let document = feed(CalendarEvent(uid: "utf8@tryout", summary: summary, start: stamp))
        let physical = physicalLines(document)
        #expect(pieces("SUMMARY", in: document).count >= 3)
        for line in physical {
            #expect(line.count <= 75)
            // Decoding repairs broken sequences with U+FFFD, so a split character changes the bytes.
            #expect(Array(String(decoding: line, as: UTF8.self).utf8) == line)
        }
        #expect(lines("SUMMARY", in: document) == ["SUMMARY:" + summary])
    }

    @Test("all-day events are UTC dates with an exclusive end day")
    func allDay() {
        let lateEvening = Date(timeIntervalSince1970: 1_709_681_400)  // 2024-03-05T23:30:00Z
        let threeDaysLater = Date(timeIntervalSince1970: 1_709_892_000)  // 2024-03-08T10:00:00Z
        let oneDay = feed(CalendarEvent(uid: "a@tryout", summary: "Due", start: lateEvening, allDay: true))
        #expect(lines("DTSTART", in: oneDay) == ["DTSTART;VALUE=DATE:20240305"])
        #expect(lines("DTEND", in: oneDay) == ["DTEND;VALUE=DATE:20240306"])

        let span = feed(CalendarEvent(uid: "b@tryout", summary: "Sprint", start: lateEvening, end: threeDaysLater, allDay: true))
        #expect(lines("DTSTART", in: span) == ["DTSTART;VALUE=DATE:20240305"])
        #expect(lines("DTEND", in: span) == ["DTEND;VALUE=DATE:20240308"])

        let sameDay = feed(CalendarEvent(uid: "c@tryout", summary: "Due", start: stamp, end: lateEvening, allDay: true))
        #expect(lines("DTEND", in: sameDay) == ["DTEND;VALUE=DATE:20240306"], "an empty range would be invalid")
    }

    @Test("timed events are UTC date-times, one hour long unless an end is given")
    func timed() {
        let oneHour = feed(CalendarEvent(uid: "a@tryout", summary: "Review", start: stamp.addingTimeInterval(0.9)))
        #expect(lines("DTSTART", in: oneHour) == ["DTSTART:20240305T140709Z"])
        #expect(lines("DTEND", in: oneHour) == ["DTEND:20240305T150709Z"])

        let lateEvening = Date(timeIntervalSince1970: 1_709_681_400)
        let given = feed(CalendarEvent(uid: "b@tryout", summary: "Review", start: stamp, end: lateEvening))
        #expect(lines("DTEND", in: given) == ["DTEND:20240305T233000Z"])

        let backwards = feed(CalendarEvent(uid: "c@tryout", summary: "Review", start: lateEvening, end: stamp))
        #expect(lines("DTSTART", in: backwards) == ["DTSTART:20240305T233000Z"])
        #expect(lines("DTEND", in: backwards) == ["DTEND:20240306T003000Z"])
    }

    @Test("DESCRIPTION and URL are omitted when there is nothing to say")
    func optionalProperties() {
        let bare = feed(CalendarEvent(uid: "a@tryout", summary: "Due", start: stamp))
        #expect(lines("DESCRIPTION", in: bare).isEmpty)
        #expect(lines("URL", in: bare).isEmpty)
        #expect(!bare.contains("DESCRIPTION"))

        let full = feed(CalendarEvent(uid: "a@tryout", summary: "Due", description: "x", start: stamp, url: ""))
        #expect(lines("DESCRIPTION", in: full) == ["DESCRIPTION:x"])
        #expect(lines("URL", in: full) == ["URL:"])
    }

    @Test("control characters are removed from text and URLs")
    func controlCharacters() {
        let event = CalendarEvent(uid: "ctl\u{0}@tryout", summary: "a\u{0}b\u{7}c\u{1B}d\u{7F}e\u{85}f\tg",
                                  description: "line\u{0B}one\u{0C}", start: stamp,
                                  url: "https://tryout.test/a\r\nb\u{0}\t")
        let document = feed(event)
        #expect(lines("UID", in: document) == ["UID:ctl@tryout"])
        #expect(lines("SUMMARY", in: document) == ["SUMMARY:abcdef\tg"], "a tab is legal TEXT")
        #expect(lines("DESCRIPTION", in: document) == ["DESCRIPTION:lineone"])
        #expect(lines("URL", in: document) == ["URL:https://tryout.test/ab"])
        let controls = document.unicodeScalars.filter { $0.properties.generalCategory == .control && !"\r\n\t".unicodeScalars.contains($0) }
        #expect(controls.isEmpty)
    }
}
