import Foundation

/// A version of a deliverable as the candidate sends it: a note and links (files are checked by
/// `UploadPolicy`, and a version needs a file or a link).
public struct SubmissionInput: Sendable, Equatable {
    public static let maxLinks = 5
    public static let maxNoteLength = 4000

    public var note: String
    public var links: [String]

    public init(note: String, links: [String], fileCount: Int, maxFiles: Int = UploadLimits().filesPerSubmission) throws(ValidationFailure) {
        var v = Validator()
        v.check(fileCount <= maxFiles, "files", UploadRefusal.tooManyFiles(limit: maxFiles).description)
        self.note = TextInput.trimmed(note)
        v.check(TextInput.isStorable(self.note), "note", "The note contains control characters; remove them.")
        v.check(note.unicodeScalars.count <= Self.maxNoteLength, "note", "The note must be at most \(Self.maxNoteLength) characters.")
        v.check(links.count <= Self.maxLinks, "links", "Add at most \(Self.maxLinks) links.")
        var kept: [String] = []
        for (index, raw) in links.prefix(Self.maxLinks).enumerated() {
            let link = v.httpsLink(raw, "links.\(index)", label: "Link \(index + 1)", hosts: nil)
            if !link.isEmpty { kept.append(link) }
        }
        self.links = kept
        v.check(fileCount > 0 || !kept.isEmpty || !v.errors.isEmpty, "files", "Attach a file or add a link to your work.")
        try v.finish()
    }
}

/// The employer's answer to a version: accept it, or ask for changes and say which.
public struct FeedbackInput: Sendable, Equatable {
    public enum Decision: String, Sendable, CaseIterable, Codable {
        case accept
        case requestChanges = "request_changes"
    }

    public static let maxLength = 4000

    public var decision: Decision
    public var feedback: String

    public init(decision: String, feedback: String) throws(ValidationFailure) {
        var v = Validator()
        let chosen = Decision(rawValue: decision)
        v.check(chosen != nil, "decision", "Choose accept or request changes.")
        self.feedback = TextInput.trimmed(feedback)
        v.check(TextInput.isStorable(self.feedback), "feedback", "The feedback contains control characters; remove them.")
        v.check(feedback.unicodeScalars.count <= Self.maxLength, "feedback", "The feedback must be at most \(Self.maxLength) characters.")
        v.check(chosen != .requestChanges || !self.feedback.isEmpty, "feedback", "Say what should change.")
        try v.finish()
        self.decision = chosen ?? .accept
    }
}

/// A check-in as it is booked: when (UTC), for how long, and what to talk about.
public struct CheckInInput: Sendable, Equatable {
    public static let durations = 15...240

    public var startsAt: Date
    public var minutes: Int
    public var agenda: String

    public init(startsAt raw: String, minutes: Int?, agenda: String, now: Date) throws(ValidationFailure) {
        var v = Validator()
        let start = Self.parseTime(raw)
        v.check(start != nil, "startsAt", "Give the time like 2026-03-01T14:30 (UTC) or 2026-03-01T16:30:00+02:00.")
        if let start { v.check(start > now.addingTimeInterval(-86_400 * 30), "startsAt", "The check-in is too far in the past.") }
        v.check(minutes.map(Self.durations.contains) == true, "minutes", "A check-in lasts 15 to 240 minutes.")
        self.agenda = v.required(agenda, "agenda", label: "The agenda", maxLength: 2000)
        try v.finish()
        startsAt = start ?? now
        self.minutes = minutes ?? 30
    }

    /// `2026-03-01T14:30` as a browser's `datetime-local` sends it (seconds optional), read as UTC,
    /// or an RFC 3339 time with `Z` or an offset and optional fractional seconds
    /// (`2026-03-01T16:30:00.250+02:00`). Every part must exist: no 30 February, no 24:00.
    public static func parseTime(_ raw: String) -> Date? {
        let pattern = #/([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(\.[0-9]{1,9})?)?([Zz]|([+-])([0-9]{2}):([0-9]{2}))?/#
        guard let match = TextInput.trimmed(raw).wholeMatch(of: pattern) else { return nil }
        let part = match.output
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let wanted = DateComponents(year: Int(part.1), month: Int(part.2), day: Int(part.3), hour: Int(part.4), minute: Int(part.5),
                                    second: part.6.flatMap { Int($0) } ?? 0)
        guard let local = calendar.date(from: wanted),
              calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: local) == wanted
        else { return nil }
        var offset = 0
        if let sign = part.9, let hours = part.10.flatMap({ Int($0) }), let minutes = part.11.flatMap({ Int($0) }) {
            guard hours < 24, minutes < 60 else { return nil }
            offset = (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        let fraction = part.7.flatMap { Double("0" + $0) } ?? 0
        return local.addingTimeInterval(fraction - Double(offset))
    }
}

/// What was said in a check-in, and whether the candidate came.
public struct CheckInNotes: Sendable, Equatable {
    public var notes: String
    public var candidateAttended: Bool

    public init(notes: String, candidateAttended: Bool) throws(ValidationFailure) {
        var v = Validator()
        self.notes = v.required(notes, "notes", label: "The notes", maxLength: 4000)
        self.candidateAttended = candidateAttended
        try v.finish()
    }
}

/// Hours the candidate worked on a day, optionally against one deliverable.
public struct TimeEntryInput: Sendable, Equatable {
    public var day: Date
    public var minutes: Int
    public var note: String

    /// `hours` is a decimal like "1.5", in quarter hours from 0.25 to 24.
    public init(day raw: String, hours: String, note: String, now: Date) throws(ValidationFailure) {
        var v = Validator()
        let day = v.day(TextInput.trimmed(raw), "day", label: "The day")
        v.check(!TextInput.trimmed(raw).isEmpty, "day", "The day is required.")
        if let day { v.check(day <= now, "day", "The day cannot be in the future.") }
        let quarters = Double(TextInput.trimmed(hours)).map { $0 * 4 }
        let valid = quarters.map { $0 == $0.rounded() && $0 >= 1 && $0 <= 96 } ?? false
        v.check(valid, "hours", "Hours must be between 0.25 and 24, in quarter hours.")
        self.note = TextInput.trimmed(note)
        v.check(TextInput.isStorable(self.note) && note.unicodeScalars.count <= 500, "note", "The note must be at most 500 characters, without control characters.")
        try v.finish()
        self.day = day ?? now
        minutes = Int(quarters ?? 0) * 15
    }
}

/// Why an engagement ends early: either side must say.
public struct TerminationInput: Sendable, Equatable {
    public var reason: String

    public init(reason: String) throws(ValidationFailure) {
        var v = Validator()
        self.reason = v.required(reason, "reason", label: "The reason", maxLength: 2000)
        try v.finish()
    }
}

/// A message in an engagement's thread: plain text, whose web addresses become links on output.
public enum MessageText {
    public static let maxLength = 4000

    public enum Segment: Sendable, Equatable {
        case text(String)
        case link(String)
    }

    public static func validated(_ raw: String) throws(ValidationFailure) -> String {
        var v = Validator()
        let text = v.required(raw, "body", label: "The message", maxLength: maxLength)
        try v.finish()
        return text
    }

    /// The text cut into plain runs and `http(s)://` addresses; trailing punctuation stays text.
    public static func segments(_ text: String) -> [Segment] {
        var segments: [Segment] = []
        var plain = ""
        var rest = text[...]
        while let address = firstAddress(in: rest) {
            plain += rest[..<address.lowerBound]
            var end = rest[address.lowerBound...].firstIndex { $0.isWhitespace || "<>\"".contains($0) } ?? rest.endIndex
            while end > address.upperBound, let last = rest[..<end].last, ".,;:!?)]'".contains(last) {
                end = rest.index(before: end)
            }
            if end > address.upperBound {
                if !plain.isEmpty { segments.append(.text(plain)); plain = "" }
                segments.append(.link(String(rest[address.lowerBound..<end])))
            } else {
                plain += rest[address.lowerBound..<end]
            }
            rest = rest[end...]
        }
        plain += rest
        if !plain.isEmpty { segments.append(.text(plain)) }
        return segments
    }

    /// The first `http://` or `https://` in `text`, found byte by byte from each "h": Foundation's
    /// `range(of:)` took a twentieth of a thread's page, and the standard library's
    /// `firstRange(of:)` more.
    private static func firstAddress(in text: Substring) -> Range<String.Index>? {
        let bytes = text.utf8
        var from = bytes.startIndex
        while let start = bytes[from...].firstIndex(of: UInt8(ascii: "h")) {
            if bytes[start...].starts(with: "http".utf8) {
                var at = bytes.index(start, offsetBy: 4)
                if at < bytes.endIndex, bytes[at] == UInt8(ascii: "s") { at = bytes.index(after: at) }
                if bytes[at...].starts(with: "://".utf8) { return start..<bytes.index(at, offsetBy: 3) }
            }
            from = bytes.index(after: start)
        }
        return nil
    }
}
