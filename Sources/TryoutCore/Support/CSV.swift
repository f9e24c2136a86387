/// Comma-separated values as RFC 4180 writes them: quoted fields may hold commas, doubled quotes
/// and line breaks (ESCO puts one alternative label a line inside a field).
public enum CSV {
    public struct Row: Equatable, Sendable {
        /// The line of the file the row starts on, counting from 1, for error messages.
        public var line: Int
        public var fields: [String]
    }

    public static func rows(_ text: String) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var line = 1
        var rowLine = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        if pending == "\u{FEFF}" { pending = scalars.next() }  // a byte-order mark from spreadsheet exports

        func endRow() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            // A blank line is not a row of one empty field.
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowLine, fields: fields)) }
            fields = []
        }

        while let scalar = pending {
            pending = scalars.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = scalars.next()
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                quoted = true
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
            case "\r" where pending == "\n":
                break
            case "\n", "\r":
                endRow()
                line += 1
                rowLine = line
            default:
                field.append(scalar)
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}

extension CSV {
    /// A file of `rows` under `header`, CRLF line ends as RFC 4180 asks. A text field that a
    /// spreadsheet would run as a formula (=, +, @, or - not starting a number) gets a leading
    /// apostrophe, so a memo typed by someone can never execute on the reader's machine.
    public static func document(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+@\t\r".contains(first) || (first == "-" && Double(text) == nil) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
