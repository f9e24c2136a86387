import Foundation

/// The engagement's terms that an agreement is rendered with.
public struct AgreementTerms: Sendable, Equatable {
    public var organization: String
    public var candidate: String
    public var candidateEmail: String
    public var project: String
    public var deliverables: [Deliverable]
    public var pay: Money
    public var hours: Int
    public var start: Date
    public var end: Date
    public var classification: WorkerClassification
    public var issued: Date

    public init(organization: String, candidate: String, candidateEmail: String, project: String, deliverables: [Deliverable],
                pay: Money, hours: Int, start: Date, end: Date, classification: WorkerClassification, issued: Date) {
        self.organization = organization
        self.candidate = candidate
        self.candidateEmail = candidateEmail
        self.project = project
        self.deliverables = deliverables
        self.pay = pay
        self.hours = hours
        self.start = start
        self.end = end
        self.classification = classification
        self.issued = issued
    }
}

/// A placeholder an agreement template may use, written `{{name}}`. Each has a type that decides
/// how its value is written, so a date or an amount reads the same in every agreement.
public enum AgreementField: String, Sendable, CaseIterable {
    case organization = "organization.name"
    case candidate = "candidate.name"
    case candidateEmail = "candidate.email"
    case project = "project.title"
    case deliverables = "project.deliverables"
    case pay = "project.pay"
    case hours = "project.hours"
    case start = "project.start"
    case end = "project.end"
    case classification = "engagement.classification"
    case issued = "agreement.date"

    public enum Kind: String, Sendable { case text, list, money, number, date }

    public var kind: Kind {
        switch self {
        case .organization, .candidate, .candidateEmail, .project, .classification: .text
        case .deliverables: .list
        case .pay: .money
        case .hours: .number
        case .start, .end, .issued: .date
        }
    }

    /// The value as it goes into the agreement's Markdown: whatever was typed into a name or a
    /// title is inserted as literal text, so it can never become a heading, a clause or a link.
    func value(_ terms: AgreementTerms) -> String {
        let literal = SafeMarkdown.literal
        return switch self {
        case .organization: literal(terms.organization)
        case .candidate: literal(terms.candidate)
        case .candidateEmail: literal(terms.candidateEmail)
        case .project: literal(terms.project)
        case .deliverables: terms.deliverables.map { "- \(literal($0.title)) (due \($0.dueOffsetDays) days after the start)" }.joined(separator: "\n")
        case .pay: terms.pay.formatted
        case .hours: String(terms.hours)
        case .start: AgreementTemplate.dayText(terms.start)
        case .end: AgreementTemplate.dayText(terms.end)
        case .classification: terms.classification.label
        case .issued: AgreementTemplate.dayText(terms.issued)
        }
    }
}

/// An agreement's Markdown with `{{placeholders}}`: an organization's own or a built-in default.
public struct AgreementTemplate: Sendable, Equatable {
    public static let maxLength = 20_000

    public var kind: AgreementKind
    public var body: String

    public init(kind: AgreementKind, body: String) {
        self.kind = kind
        self.body = body
    }

    /// A template as an organization saves it, or every problem with it: unknown placeholders are
    /// named, so a typo never reaches a signed agreement.
    public static func validated(kind: AgreementKind, body raw: String) throws(ValidationFailure) -> AgreementTemplate {
        var v = Validator()
        let body = v.required(raw.replacingOccurrences(of: "\r\n", with: "\n"), "body", label: "The agreement text", maxLength: maxLength)
        let unknown = placeholders(in: body).filter { AgreementField(rawValue: $0) == nil }
        v.check(unknown.isEmpty, "body", "Unknown placeholders: \(unknown.map { "{{\($0)}}" }.joined(separator: ", ")). Use only those listed.")
        try v.finish()
        return AgreementTemplate(kind: kind, body: body)
    }

    /// The agreement's final text, the one that is hashed and signed. Filled in one pass, read as
    /// `validated` reads placeholders: `{{ candidate.name }}` counts, and a value that looks like a
    /// placeholder (a name typed as "{{project.pay}}") stays as typed.
    public func render(_ terms: AgreementTerms) -> String {
        let text = Self.pieces(of: body).map { piece in
            switch piece {
            case .text(let text): String(text)
            case .placeholder(let name, let raw): AgreementField(rawValue: name)?.value(terms) ?? String(raw)
            }
        }.joined()
        let header = "Worker classification: \(terms.classification.label)\n\n"
        return header + text
    }

    static func placeholders(in body: String) -> [String] {
        var names: [String] = []
        for case .placeholder(let name, _) in pieces(of: body) where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    enum Piece: Equatable {
        case text(Substring)
        /// The name trimmed of spaces, and the placeholder as written.
        case placeholder(name: String, raw: Substring)
    }

    /// The body cut at its `{{…}}` placeholders.
    static func pieces(of body: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = body[...]
        while let open = rest.range(of: "{{"), let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) {
            pieces.append(.text(rest[..<open.lowerBound]))
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            pieces.append(.placeholder(name: name, raw: rest[open.lowerBound..<close.upperBound]))
            rest = rest[close.upperBound...]
        }
        pieces.append(.text(rest))
        return pieces
    }

    /// A day as agreements and their refusals write it: "March 2, 2026" (UTC).
    public static func dayText(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .long, time: .omitted, timeZone: TimeZone(identifier: "UTC")!).locale(Locale(identifier: "en_US_POSIX")))
    }

    /// The template used when the organization has not written its own.
    public static func standard(_ kind: AgreementKind) -> AgreementTemplate {
        AgreementTemplate(kind: kind, body: StandardAgreements.body(kind))
    }
}

/// A signature as typed: the full name and the consent box.
public struct SignatureInput: Sendable, Equatable {
    public var fullName: String

    public init(fullName: String, consent: Bool) throws(ValidationFailure) {
        var v = Validator()
        self.fullName = v.name(fullName, "fullName", label: "Your full name")
        v.check(consent, "consent", "Tick the box to confirm that you agree to this agreement.")
        try v.finish()
    }
}
