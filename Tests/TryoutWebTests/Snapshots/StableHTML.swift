import Foundation

/// A page's HTML with what differs from run to run replaced by fixed text, so a snapshot
/// only changes when the markup does. Identifiers and secrets are numbered by first
/// appearance: the same thing keeps one placeholder within a page, two things stay two.
enum StableHTML {
    /// The scrubbed page with each tag on a line of its own, so a review shows the changed
    /// element rather than one changed line per page. A newline of the page itself is kept
    /// and marked `⏎`, which tells it apart from the added ones: no two pages look alike.
    static func snapshot(of html: String) -> String {
        scrub(html).replacingOccurrences(of: "\n", with: "⏎\n").replacingOccurrences(of: "<", with: "\n<")
    }

    static func scrub(_ html: String) -> String {
        var text = html
        // CSRF tokens go first: they would otherwise be numbered like the other secrets.
        text = replace(#"(name="_csrf" value=")[^"]*"#, in: text) { _, match in match[1] + "CSRF" }
        text = replace(#"([?&](?:amp;)?_csrf=)[A-Za-z0-9_%-]+"#, in: text) { _, match in match[1] + "CSRF" }
        // So are idempotency keys: a new one each time a form is shown.
        text = replace(#"(name="_idempotency" value=")[^"]*"#, in: text) { _, match in match[1] + "KEY" }
        text = numbered(#"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#, in: text) {
            String(format: "00000000-0000-0000-0000-%012d", $0)
        }
        // Secret tokens (e-mailed links, the calendar address): 32 random bytes in base64url,
        // standing alone or escaped inside a query (`%2F` before, `_` and `-` as `%5F`, `%2D`).
        let unit = "(?:[A-Za-z0-9_-]|%5F|%2D)"
        text = numbered("(?:(?<=%2F)|(?<![A-Za-z0-9_%-]))\(unit){43}(?!\(unit))", in: text) { "TOKEN-\($0)" }
        // Blind handles of applicants and of people to invite are made from random ids.
        text = numbered(#"(?<=Applicant |Candidate )[2-9A-HJ-NP-Z]{4}\b"#, in: text) { "CODE\($0)" }
        // Webhook secrets and message ids are random; a delivery's duration depends on the machine.
        text = numbered(#"whsec_[A-Za-z0-9+/=]+"#, in: text) { "whsec_SECRET-\($0)" }
        text = numbered(#"msg_[0-9a-f]{32}"#, in: text) { "msg_MESSAGE-\($0)" }
        text = replace(#"\b[0-9]+ ms\b"#, in: text) { _, _ in "N ms" }
        // Marketplace cursors carry a project's id in base64.
        text = numbered(#"(?<=[?&]cursor=|&amp;cursor=)[A-Za-z0-9+/=%_-]+"#, in: text) { "CURSOR-\($0)" }
        return text
    }

    /// Replaces each distinct match (compared case-insensitively) by `placeholder(n)`, n counting from 1.
    private static func numbered(_ pattern: String, in text: String, placeholder: (Int) -> String) -> String {
        var seen: [String: String] = [:]
        return replace(pattern, in: text) { whole, _ in
            let key = whole.lowercased()
            if let known = seen[key] { return known }
            let fresh = placeholder(seen.count + 1)
            seen[key] = fresh
            return fresh
        }
    }

    /// Rewrites every match of `pattern` with `rewrite(whole match, capture groups)`.
    private static func replace(_ pattern: String, in text: String, rewrite: (String, [String]) -> String) -> String {
        let regex = try! NSRegularExpression(pattern: pattern)
        let source = text as NSString
        var result = ""
        var last = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            result += source.substring(with: NSRange(location: last, length: match.range.location - last))
            let groups = (0..<match.numberOfRanges).map { index -> String in
                let range = match.range(at: index)
                return range.location == NSNotFound ? "" : source.substring(with: range)
            }
            result += rewrite(groups[0], groups)
            last = match.range.location + match.range.length
        }
        return result + source.substring(from: last)
    }
}
