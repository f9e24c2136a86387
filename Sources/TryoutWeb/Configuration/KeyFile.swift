import Foundation

/// A secret kept in a file of the data directory (mode 600), made on first use. Files are
/// written aside and linked or renamed into place, so a reader never sees half a key and, of two
/// processes making one at once, one key wins and both read it.
enum KeyFile {
    /// The file's text, after writing `make()` to it if there was no file; `variable` names the
    /// setting that replaces the file, for the message when it cannot be written.
    static func text(_ name: String, in dataDirectory: String, variable: String, making make: () -> String) throws -> String? {
        let directory = URL(fileURLWithPath: dataDirectory)
        let file = directory.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: file.path) {
            let draft = try draft(make(), in: directory, name: name, variable: variable)
            try? FileManager.default.linkItem(at: draft, to: file)
            try? FileManager.default.removeItem(at: draft)
        }
        return try? String(contentsOf: file, encoding: .utf8)
    }

    /// Replaces the file's text at once.
    static func replace(_ name: String, in dataDirectory: String, with text: String, variable: String) throws {
        let directory = URL(fileURLWithPath: dataDirectory)
        let draft = try draft(text, in: directory, name: name, variable: variable)
        guard rename(draft.path, directory.appendingPathComponent(name).path) == 0 else {
            try? FileManager.default.removeItem(at: draft)
            throw SettingsProblem(message: "Cannot replace \(directory.appendingPathComponent(name).path); set \(variable) instead.")
        }
    }

    private static func draft(_ text: String, in directory: URL, name: String, variable: String) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let draft = directory.appendingPathComponent("\(name).\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: draft.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw SettingsProblem(message: "Cannot write \(directory.appendingPathComponent(name).path); set \(variable) or make the data directory writable.")
        }
        return draft
    }
}
