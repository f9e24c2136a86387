import Foundation
import TryoutApp
import TryoutCore
import Vapor

/// A version as a `multipart/form-data` form or request sends it: `note`, `links.0`…, `files[]`.
/// The body is streamed: each file goes to its own staging file as it arrives, so the server
/// never holds a whole upload in memory, and `discard()` removes whatever was not stored.
extension VersionUpload {
    /// The longest text field taken (a note, a link); longer ones are not a version form.
    static let maxFieldBytes = 64 << 10

    /// Reads the streamed body of `req`, refusing it (413) as soon as it passes `limit` bytes.
    static func receive(_ req: Request, limit: Int, storage: any FileStorage) async throws -> VersionUpload {
        guard let type = req.headers.contentType, type.type == "multipart", type.subType == "form-data",
              let boundary = type.parameters["boundary"], !boundary.isEmpty else {
            throw Abort(.unsupportedMediaType, reason: "Send the version as multipart/form-data.")
        }
        let parser = MultipartParser(boundary: boundary)
        let reader = PartReader(storage: storage)
        parser.onHeader = { name, value in reader.header(name, value) }
        parser.onBody = { buffer in reader.body(&buffer) }
        parser.onPartComplete = { reader.complete() }
        var received = 0
        do {
            for try await chunk in req.body {
                received += chunk.readableBytes
                guard received <= limit else { throw Abort(.payloadTooLarge, reason: UploadRefusal.requestTooLarge(limit: req.tryout.uploadLimits.perVersion).description) }
                try parser.execute(chunk)
                if let failure = reader.failure { throw failure }
            }
            return try reader.form()
        } catch {
            reader.discard()
            if error is any AbortError { throw error }
            throw Abort(.badRequest, reason: "The upload could not be read as multipart/form-data. Try again.")
        }
    }
}

/// Collects the parts the parser reports, one at a time: text fields in memory (bounded), files
/// into staging files. The parser calls back synchronously from one task, never concurrently.
private final class PartReader: @unchecked Sendable {
    private let storage: any FileStorage
    private var headers: [String: String] = [:]
    private var text: [UInt8] = []
    private var file: (handle: FileHandle, file: UploadedFile)?
    private var fields: [String: String] = [:]
    private var files: [UploadedFile] = []
    private(set) var failure: (any Error)?

    init(storage: any FileStorage) {
        self.storage = storage
    }

    func header(_ name: String, _ value: String) {
        headers[name.lowercased()] = value
    }

    func body(_ buffer: inout ByteBuffer) {
        guard failure == nil else { return }
        do {
            if let disposition = Disposition(headers["content-disposition"]), let filename = disposition.filename {
                if file == nil {
                    let url = try storage.stagingFile()
                    file = (try FileHandle(forWritingTo: url), UploadedFile(name: filename, staged: url, size: 0))
                }
                try file?.handle.write(contentsOf: buffer.readableBytesView)
                file?.file.size += buffer.readableBytes
            } else {
                text.append(contentsOf: buffer.readableBytesView)
                guard text.count <= VersionUpload.maxFieldBytes else {
                    throw Abort(.payloadTooLarge, reason: "A note or link can be at most \(VersionUpload.maxFieldBytes >> 10) KB.")
                }
            }
        } catch {
            failure = error
        }
    }

    func complete() {
        defer { headers = [:]; text = []; file = nil }
        guard failure == nil, let disposition = Disposition(headers["content-disposition"]) else { return }
        if let filename = disposition.filename {
            if let (handle, received) = file {
                try? handle.close()
                files.append(received)
            } else if !filename.isEmpty {
                // A named but empty file: kept, so that the checks can say it is empty.
                do { files.append(UploadedFile(name: filename, staged: try storage.stagingFile(), size: 0)) } catch { failure = error }
            }
        } else {
            fields[disposition.name] = String(decoding: text, as: UTF8.self)
        }
    }

    func form() throws -> VersionUpload {
        if let failure { throw failure }
        // A part still open when the body ends: the upload was cut off.
        guard file == nil, headers.isEmpty, text.isEmpty else {
            throw Abort(.badRequest, reason: "The upload ended before its last part did. Try again.")
        }
        return VersionUpload(note: fields["note"] ?? "",
                           links: (0..<SubmissionInput.maxLinks).map { fields["links.\($0)"] ?? "" },
                           files: files)
    }

    func discard() {
        try? file?.handle.close()
        for url in files.map(\.staged) + [file?.file.staged].compactMap({ $0 }) { try? FileManager.default.removeItem(at: url) }
    }
}

/// The `name` and `filename` of a part's `Content-Disposition: form-data; name="…"; filename="…"`.
private struct Disposition {
    var name: String
    var filename: String?

    init?(_ header: String?) {
        guard let header else { return nil }
        var values: [String: String] = [:]
        for piece in Self.parameters(header).dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            values[pair[0].lowercased()] = Self.unquoted(pair[1])
        }
        guard let name = values["name"] else { return nil }
        self.name = name
        filename = values["filename"]
    }

    /// The header split at each `;` outside a quoted string: a file may be called `a;b.pdf`.
    private static func parameters(_ header: String) -> [String] {
        var pieces = [""], quoted = false, escaped = false
        for character in header {
            if escaped { escaped = false } else if quoted && character == "\\" { escaped = true } else if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted { pieces.append("") } else { pieces[pieces.count - 1].append(character) }
        }
        return pieces
    }

    /// A quoted-string's text without its quotes and backslash escapes.
    private static func unquoted(_ value: String) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
        var text = "", escaped = false
        for character in value.dropFirst().dropLast() {
            if !escaped && character == "\\" { escaped = true; continue }
            escaped = false
            text.append(character)
        }
        return text
    }
}
