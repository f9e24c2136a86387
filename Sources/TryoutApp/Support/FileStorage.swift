import Foundation

/// Where the bytes of submitted files live, named by their SHA-256. An upload is first received
/// into a staging file and only moved into place once every check has passed. A protocol so
/// that a test can make storage fail half-way through a submission.
public protocol FileStorage: Sendable {
    /// A new, empty file to receive an upload into.
    func stagingFile() throws -> URL
    /// Moves a staged file into place under its hash; storing the same bytes twice keeps one copy.
    func store(staged: URL, sha256: String) throws
    func read(sha256: String) throws -> Data
    /// Removes stored files whose hash is not in `referenced`, and staging files, last changed
    /// before `cutoff`; returns how many went.
    func sweep(referenced: Set<String>, olderThan cutoff: Date) throws -> Int
}

/// Files under a directory, `ab/cd/abcd…`, with uploads received under `.staging/` and renamed
/// into place, so a crash never leaves a half-written file under a real name.
public struct DiskFileStorage: FileStorage {
    public let root: String
    private var staging: URL { URL(fileURLWithPath: root).appendingPathComponent(".staging") }

    public init(root: String) {
        self.root = root
    }

    public func stagingFile() throws -> URL {
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let url = staging.appendingPathComponent("upload-\(UUID().uuidString.lowercased())")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        return url
    }

    public func store(staged: URL, sha256: String) throws {
        let target = try path(sha256)
        let manager = FileManager.default
        if manager.fileExists(atPath: target.path) {
            // Kept bytes count as new again, so a sweep running now cannot take them away
            // from the version about to refer to them.
            try manager.setAttributes([.modificationDate: Date()], ofItemAtPath: target.path)
            try? manager.removeItem(at: staged)
            return
        }
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            try manager.moveItem(at: staged, to: target)
        } catch {
            // Another request stored the same bytes first.
            if !manager.fileExists(atPath: target.path) { throw error }
            try? manager.removeItem(at: staged)
        }
    }

    public func read(sha256: String) throws -> Data {
        try Data(contentsOf: try path(sha256))
    }

    public func sweep(referenced: Set<String>, olderThan cutoff: Date) throws -> Int {
        let manager = FileManager.default
        guard let walk = manager.enumerator(at: URL(fileURLWithPath: root), includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey]) else {
            return 0
        }
        var removed = 0
        for case let url as URL in walk {
            let values = try url.resourceValues(forKeys: [.contentModificationDateKey, .isRegularFileKey])
            guard values.isRegularFile == true, let changed = values.contentModificationDate, changed < cutoff else { continue }
            let isStaged = url.deletingLastPathComponent().lastPathComponent == ".staging"
            guard isStaged || !referenced.contains(url.lastPathComponent) else { continue }
            try manager.removeItem(at: url)
            removed += 1
        }
        return removed
    }

    /// Only a hex digest names a file, so no stored value can point outside the root.
    private func path(_ sha256: String) throws -> URL {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else { throw CocoaError(.fileReadInvalidFileName) }
        let name = sha256.lowercased()
        return URL(fileURLWithPath: root).appendingPathComponent(String(name.prefix(2)))
            .appendingPathComponent(String(name.dropFirst(2).prefix(2))).appendingPathComponent(name)
    }
}
