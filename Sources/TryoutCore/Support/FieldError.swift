import Foundation

/// One problem with one input field, worded for the person who filled it in.
public struct FieldError: Equatable, Sendable, Codable {
    public var field: String
    public var message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// Input that broke one or more rules; every broken rule is listed, not just the first.
public struct ValidationFailure: Error, Equatable, Sendable {
    public var errors: [FieldError]

    public init(_ errors: [FieldError]) {
        self.errors = errors
    }

    public func message(for field: String) -> String? {
        errors.first { $0.field == field }?.message
    }
}

/// Collects field errors while a form or payload is checked, then throws them all at once.
public struct Validator: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func check(_ condition: Bool, _ field: String, _ message: String) {
        if !condition { errors.append(FieldError(field, message)) }
    }

    public mutating func add(_ error: FieldError) {
        errors.append(error)
    }

    /// Returns the trimmed text, or records `message` when it is empty or longer than `maxLength`.
    public mutating func required(_ value: String?, _ field: String, label: String, maxLength: Int = 200) -> String {
        let text = TextInput.trimmed(value ?? "")
        if text.isEmpty {
            errors.append(FieldError(field, "\(label) is required."))
        } else if !TextInput.isStorable(text) {
            errors.append(FieldError(field, "\(label) contains control characters; remove them."))
        } else if text.unicodeScalars.count > maxLength {
            // Counted in code points, as JSON Schema's maxLength counts them.
            errors.append(FieldError(field, "\(label) must be at most \(maxLength) characters."))
        }
        return text
    }

    /// A `YYYY-MM-DD` day, nil when blank; anything else records an error.
    public mutating func day(_ raw: String, _ field: String, label: String) -> Date? {
        guard !raw.isEmpty else { return nil }
        guard let date = BriefInput.parseDay(raw) else {
            errors.append(FieldError(field, "\(label) must be a date like 2026-03-01."))
            return nil
        }
        return date
    }

    /// An https address, on one of `hosts` (or a subdomain) when given; blank is fine. Returns it trimmed.
    public mutating func httpsLink(_ raw: String, _ field: String, label: String, hosts: [String]?) -> String {
        let value = TextInput.trimmed(raw)
        guard !value.isEmpty else { return "" }
        let url = URL(string: value)
        let host = url?.host?.lowercased() ?? ""
        let onHost = hosts.map { $0.contains { host == $0 || host.hasSuffix("." + $0) } } ?? !host.isEmpty
        if url?.scheme?.lowercased() != "https" || !onHost || raw.unicodeScalars.count > 200 {
            errors.append(FieldError(field, "\(label) must be an https address\(hosts.map { " on \($0[0])" } ?? "")."))
        }
        return value
    }

    public func finish() throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}

import Foundation
