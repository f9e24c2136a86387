import Foundation

/// The kinds of file a deliverable may be, each recognised by its first bytes as well as its name.
///
/// The list is closed on purpose: every kind here can be opened by a reviewer without running anything.
public enum UploadKind: String, Sendable, CaseIterable, Codable {
    case pdf, png, jpeg, gif, webp, zip, docx, xlsx, pptx, odt, ods, odp, text, csv, markdown, json

    /// The type to serve the file with; text kinds name UTF-8 because that is the only text encoding accepted.
    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .zip: "application/zip"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .ods: "application/vnd.oasis.opendocument.spreadsheet"
        case .odp: "application/vnd.oasis.opendocument.presentation"
        case .text: "text/plain; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .markdown: "text/markdown; charset=utf-8"
        case .json: "application/json"
        }
    }

    public static func forExtension(_ ext: String) -> UploadKind? {
        switch ext.lowercased() {
        case "pdf": .pdf
        case "png": .png
        case "jpg", "jpeg": .jpeg
        case "gif": .gif
        case "webp": .webp
        case "zip": .zip
        case "docx": .docx
        case "xlsx": .xlsx
        case "pptx": .pptx
        case "odt": .odt
        case "ods": .ods
        case "odp": .odp
        case "txt": .text
        case "csv": .csv
        case "md", "markdown": .markdown
        case "json": .json
        default: nil
        }
    }

    /// How the person uploading would name the kind, with its article, for refusal sentences.
    fileprivate var label: String {
        switch self {
        case .pdf: "a PDF document"
        case .png: "a PNG image"
        case .jpeg: "a JPEG image"
        case .gif: "a GIF image"
        case .webp: "a WebP image"
        case .zip: "a ZIP archive"
        case .docx: "a Word document"
        case .xlsx: "an Excel workbook"
        case .pptx: "a PowerPoint presentation"
        case .odt: "an OpenDocument text"
        case .ods: "an OpenDocument spreadsheet"
        case .odp: "an OpenDocument presentation"
        case .text: "a plain text file"
        case .csv: "a CSV file"
        case .markdown: "a Markdown file"
        case .json: "a JSON file"
        }
    }

    fileprivate var isZipBased: Bool {
        switch self {
        case .zip, .docx, .xlsx, .pptx, .odt, .ods, .odp: true
        default: false
        }
    }

    fileprivate var isText: Bool {
        switch self {
        case .text, .csv, .markdown, .json: true
        default: false
        }
    }
}

/// How much a candidate may store, so one engagement cannot fill the disk.
public struct UploadLimits: Sendable, Equatable {
    public var perFile: Int
    public var perEngagement: Int
    public var filesPerSubmission: Int

    public init(perFile: Int = 25 << 20, perEngagement: Int = 250 << 20, filesPerSubmission: Int = 10) {
        self.perFile = perFile
        self.perEngagement = perEngagement
        self.filesPerSubmission = filesPerSubmission
    }

    /// What one version's files may weigh together: a few files at the per-file limit, never more
    /// than an engagement may store. It bounds what one request makes the server hold.
    public var perVersion: Int {
        min(perFile * 4, perEngagement)
    }

    /// The largest upload request taken: a version's files plus room for the form around them.
    public var requestBytes: Int {
        perVersion + UploadPolicy.formAllowance
    }
}

/// Why a file is refused, worded for the person uploading it (CustomStringConvertible: a full sentence naming the file).
public enum UploadRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case empty(name: String)
    case tooLarge(name: String, limit: Int)
    case engagementFull(limit: Int)
    case tooManyFiles(limit: Int)
    /// The request as a whole is larger than a version may be.
    case requestTooLarge(limit: Int)
    /// The extension is not on the allow-list, or there is none.
    case typeNotAllowed(name: String)
    /// The bytes do not match what the extension claims (e.g. an ELF or PE executable named .pdf).
    case contentMismatch(name: String, kind: UploadKind)
    /// A zip-based file that would be dangerous or impossible to open: escaping paths, a zip bomb, encryption, damage.
    case unsafeArchive(name: String, reason: String)

    public var description: String {
        switch self {
        case .empty(let name):
            "“\(name)” is empty."
        case .tooLarge(let name, let limit):
            "“\(name)” is larger than the \(ByteCount.text(limit)) limit for a single file."
        case .engagementFull(let limit):
            "This file would take the engagement past its \(ByteCount.text(limit)) storage limit; share a link to it instead."
        case .tooManyFiles(let limit):
            "A submission can include at most \(limit) files."
        case .requestTooLarge(let limit):
            "A version's files can weigh at most \(ByteCount.text(limit)) together. Send fewer or smaller files, or share a link instead."
        case .typeNotAllowed(let name):
            "“\(name)” is not a type of file that can be uploaded; use PDF, an image, an Office or OpenDocument file, ZIP or plain text."
        case .contentMismatch(let name, let kind):
            "“\(name)” is not really \(kind.label): its contents do not match its name."
        case .unsafeArchive(let name, let reason):
            "“\(name)” was refused because \(reason)."
        }
    }
}

/// A size in words: "25 MB", "1.5 KB", "300 bytes".
public enum ByteCount {
    /// Integer arithmetic so the wording never depends on the server's locale or floating-point rounding;
    /// small limits (as in tests or tight deployments) fall back to KB and bytes rather than reading "0 MB".
    public static func text(_ bytes: Int) -> String {
        let bytes = max(bytes, 0)
        guard bytes >= 1 << 10 else { return "\(bytes) bytes" }
        let (unit, suffix) = bytes >= 1 << 20 ? (1 << 20, "MB") : (1 << 10, "KB")
        var whole = bytes / unit
        var tenths = ((bytes % unit) * 10 + unit / 2) / unit
        if tenths == 10 { whole += 1; tenths = 0 }
        return tenths == 0 ? "\(whole) \(suffix)" : "\(whole).\(tenths) \(suffix)"
    }
}

/// A file that passed every check, with the name it may be stored and served under.
public struct CheckedUpload: Sendable, Equatable {
    public var safeName: String
    public var kind: UploadKind
    public var size: Int
}

/// Decides whether a deliverable is accepted, before a single byte is written to storage.
///
/// Reviewers download and open these files, so the rules guard them as much as the server:
/// the name must not smuggle a path or header, the bytes must be what the name says,
/// and archives must be safe to extract.
public enum UploadPolicy {
    private static let maxNameLength = 120
    /// Longer "extensions" are just dots inside a long name, not worth keeping over the name itself.
    private static let maxKeptExtension = 16
    /// Quotes and separators break a Content-Disposition header; the rest are refused by Windows or mangled by browsers.
    private static let unsafeScalars: Set<Unicode.Scalar> = ["\"", "'", "`", ";", ",", "%", "*", "<", ">", "|", ":", "?"]

    /// The name to store and serve: the last path component only (both / and \ separators), no control characters, no leading dots, no quotes or characters unsafe in a Content-Disposition header (replace with "_"), collapsed whitespace, at most 120 characters keeping the extension; "file" when nothing is left.
    public static func safeName(_ raw: String) -> String {
        // Scalars, not Characters: "/" followed by a combining mark is one Character and would hide the separator.
        let scalars = Array(raw.unicodeScalars)
        let start = scalars.lastIndex { $0 == "/" || $0 == "\\" }.map { $0 + 1 } ?? 0
        var cleaned: [Unicode.Scalar] = []
        for scalar in scalars[start...] {
            let category = scalar.properties.generalCategory
            // Format characters include the right-to-left override (U+202E) that makes "cv<U+202E>fdp.exe" display as "cvexe.pdf".
            if category == .control || category == .format { continue }
            if unsafeScalars.contains(scalar) {
                cleaned.append("_")
            } else if scalar.properties.isWhitespace {
                if cleaned.last != " " { cleaned.append(" ") }
            } else {
                cleaned.append(scalar)
            }
        }
        // Leading dots hide files on Unix and make ".htaccess"-style names; trailing ones are dropped by Windows anyway.
        while let first = cleaned.first, first == "." || first == " " { cleaned.removeFirst() }
        trimEnd(&cleaned)
        if cleaned.count > maxNameLength {
            cleaned = shortened(cleaned)
        }
        return cleaned.isEmpty ? "file" : String(String.UnicodeScalarView(cleaned))
    }

    /// Checks one file's name and bytes; `usedBytes` is what the engagement already stores.
    public static func check(name: String, bytes: [UInt8], usedBytes: Int, limits: UploadLimits) throws(UploadRefusal) -> CheckedUpload {
        let safe = safeName(name)
        let size = bytes.count
        guard size > 0 else { throw .empty(name: safe) }
        guard size <= limits.perFile else { throw .tooLarge(name: safe, limit: limits.perFile) }
        try checkRoom(adding: size, usedBytes: usedBytes, limits: limits)
        guard let ext = fileExtension(safe), let kind = UploadKind.forExtension(ext) else { throw .typeNotAllowed(name: safe) }
        guard !FileSignature.isExecutable(bytes), FileSignature.matches(bytes, kind) else {
            throw .contentMismatch(name: safe, kind: kind)
        }
        if kind.isZipBased {
            let names: Set<ArraySlice<UInt8>>
            do throws(ArchiveFault) {
                names = try ZipDirectory.entryNames(bytes)
            } catch {
                throw .unsafeArchive(name: safe, reason: error.reason)
            }
            // Checked after the safety walk because only a readable directory can say what is inside.
            if let marker = ZipDirectory.requiredEntry(for: kind), !names.contains(ArraySlice(marker.utf8)) {
                throw .contentMismatch(name: safe, kind: kind)
            }
        }
        return CheckedUpload(safeName: safe, kind: kind, size: size)
    }

    /// Whether `size` more bytes fit beside what the engagement stores. Asked per file while
    /// checking, and again for the whole version under the engagement's lock, where two uploads
    /// at once cannot both count the same free room.
    public static func checkRoom(adding size: Int, usedBytes: Int, limits: UploadLimits) throws(UploadRefusal) {
        let (total, overflow) = max(usedBytes, 0).addingReportingOverflow(max(size, 0))
        guard !overflow, total <= limits.perEngagement else { throw .engagementFull(limit: limits.perEngagement) }
    }

    /// Decides on an upload request by the size it declares, before any of its body is read:
    /// more than a request may carry, or more files than the engagement has room for (the form
    /// around the files is allowed `formAllowance` bytes), is refused at once.
    public static func checkDeclared(requestBytes: Int, usedBytes: Int, limits: UploadLimits) throws(UploadRefusal) {
        guard requestBytes <= limits.requestBytes else { throw .requestTooLarge(limit: limits.perVersion) }
        try checkRoom(adding: requestBytes - formAllowance, usedBytes: usedBytes, limits: limits)
    }

    /// Room for the note, the links and the part headers around a version's files.
    public static let formAllowance = 1 << 20

    private static func fileExtension(_ name: String) -> String? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let ext = name[name.index(after: dot)...]
        return ext.isEmpty ? nil : String(ext)
    }

    private static func trimEnd(_ scalars: inout [Unicode.Scalar]) {
        while let last = scalars.last, last == "." || last == " " { scalars.removeLast() }
    }

    private static func shortened(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        if let dot = scalars.lastIndex(of: "."), dot > 0, scalars.count - dot <= maxKeptExtension {
            var stem = Array(scalars[..<dot].prefix(maxNameLength - (scalars.count - dot)))
            trimEnd(&stem)
            return stem + scalars[dot...]
        }
        var cut = Array(scalars.prefix(maxNameLength))
        trimEnd(&cut)
        return cut
    }
}

/// First-bytes recognition, because an extension is only a claim the uploader makes.
private enum FileSignature {
    private static let executables: [[UInt8]] = [
        [0x7F, 0x45, 0x4C, 0x46],                                  // ELF
        [0x4D, 0x5A],                                              // PE / DOS "MZ"
        [0xFE, 0xED, 0xFA, 0xCE], [0xFE, 0xED, 0xFA, 0xCF],        // Mach-O big-endian
        [0xCE, 0xFA, 0xED, 0xFE], [0xCF, 0xFA, 0xED, 0xFE],        // Mach-O little-endian
        [0xCA, 0xFE, 0xBA, 0xBE],                                  // Mach-O universal (also Java class)
        [0x23, 0x21],                                              // "#!" script
    ]
    private static let zipLocal: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    private static let zipEmpty: [UInt8] = [0x50, 0x4B, 0x05, 0x06]

    static func isExecutable(_ bytes: [UInt8]) -> Bool {
        executables.contains { bytes.starts(with: $0) }
    }

    static func matches(_ bytes: [UInt8], _ kind: UploadKind) -> Bool {
        switch kind {
        case .pdf: bytes.starts(with: Array("%PDF-".utf8))
        case .png: bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case .jpeg: bytes.starts(with: [0xFF, 0xD8, 0xFF])
        case .gif: bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8))
        case .webp: bytes.starts(with: Array("RIFF".utf8)) && bytes.dropFirst(8).starts(with: Array("WEBP".utf8))
        // Only a plain zip may be empty; an Office or OpenDocument file always has parts.
        case .zip: bytes.starts(with: zipLocal) || bytes.starts(with: zipEmpty)
        case .docx, .xlsx, .pptx, .odt, .ods, .odp: bytes.starts(with: zipLocal)
        case .text, .csv, .markdown: isCleanText(bytes)
        case .json: isCleanText(bytes) && isJSON(bytes)
        }
    }

    /// Strict UTF-8 (no overlongs or surrogates) without the control characters that hide content or break tools.
    private static func isCleanText(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                // Tab, LF, form feed and CR are ordinary in text; every other C0 control, NUL included, is not.
                if scalar.value < 0x20, ![0x09, 0x0A, 0x0C, 0x0D].contains(scalar.value) { return false }
            case .emptyInput:
                return true
            case .error:
                return false
            }
        }
    }

    private static func isJSON(_ bytes: [UInt8]) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
    }
}

/// Why an archive is unsafe, in words that finish "… was refused because …".
private struct ArchiveFault: Error {
    let reason: String

    static let damaged = ArchiveFault(reason: "the archive is damaged")
    static let zip64 = ArchiveFault(reason: "ZIP64 archives are not accepted")
    static let tooManyEntries = ArchiveFault(reason: "it holds more than 10,000 files")
    static let absolutePath = ArchiveFault(reason: "a file inside it has an absolute path")
    static let parentPath = ArchiveFault(reason: "a file inside it would be extracted outside its folder (“..”)")
    static let nulInName = ArchiveFault(reason: "a file name inside it contains a NUL byte")
    static let encrypted = ArchiveFault(reason: "it is encrypted, so its contents cannot be checked")
    static let tooBig = ArchiveFault(reason: "it would expand to more than 1 GB")
    static let ratio = ArchiveFault(reason: "it would expand to more than 100 times its size")
    static let inconsistent = ArchiveFault(reason: "its list of files does not match the files it holds")
}

/// Reads a zip's central directory without inflating anything: the directory alone says whether
/// extracting the archive later could escape its folder or exhaust the disk.
private enum ZipDirectory {
    private static let endSignature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    private static let entrySignature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
    private static let localSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    private static let zip64LocatorSignature: [UInt8] = [0x50, 0x4B, 0x06, 0x07]
    private static let endRecordSize = 22
    private static let entryHeaderSize = 46
    private static let localHeaderSize = 30
    /// The end record plus the longest comment it can carry.
    private static let endSearchWindow = 22 + 0xFFFF
    private static let maxEntries = 10_000
    private static let maxExpanded = 1 << 30
    /// Below this, a high ratio is just a well-compressed text file, not a bomb.
    private static let ratioFloor = 10 << 20
    private static let maxRatio = 100

    static func requiredEntry(for kind: UploadKind) -> String? {
        switch kind {
        case .docx, .xlsx, .pptx: "[Content_Types].xml"
        case .odt, .ods, .odp: "mimetype"
        default: nil
        }
    }

    static func entryNames(_ bytes: [UInt8]) throws(ArchiveFault) -> Set<ArraySlice<UInt8>> {
        let reader = LittleEndianReader(bytes: bytes)
        guard let end = findEndRecord(reader) else { throw .damaged }
        guard let disk = reader.u16(end + 4), let directoryDisk = reader.u16(end + 6),
              let entriesOnDisk = reader.u16(end + 8), let entryCount = reader.u16(end + 10),
              let directorySize = reader.u32(end + 12), let directoryStart = reader.u32(end + 16)
        else { throw .damaged }
        if entriesOnDisk == 0xFFFF || entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryStart == 0xFFFF_FFFF
            || reader.has(zip64LocatorSignature, at: end - 20) {
            throw .zip64
        }
        // Split archives cannot be opened from one upload.
        guard disk == 0, directoryDisk == 0, entriesOnDisk == entryCount else { throw .damaged }
        guard entryCount <= maxEntries else { throw .tooManyEntries }
        // Offsets are at most 32 bits, so these sums cannot overflow a 64-bit Int.
        let directoryEnd = directoryStart + directorySize
        guard directoryEnd <= end else { throw .damaged }

        var names = Set<ArraySlice<UInt8>>()
        var expanded = 0
        var position = directoryStart
        for _ in 0..<entryCount {
            guard reader.has(entrySignature, at: position), position + entryHeaderSize <= directoryEnd,
                  let flags = reader.u16(position + 8),
                  let compressed = reader.u32(position + 20), let uncompressed = reader.u32(position + 24),
                  let nameLength = reader.u16(position + 28), let extraLength = reader.u16(position + 30),
                  let commentLength = reader.u16(position + 32), let localStart = reader.u32(position + 42)
            else { throw .damaged }
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || localStart == 0xFFFF_FFFF { throw .zip64 }
            let nameStart = position + entryHeaderSize
            let next = nameStart + nameLength + extraLength + commentLength
            guard next <= directoryEnd else { throw .damaged }
            // Bit 0 is classic encryption, bit 6 strong encryption; either way the contents cannot be checked.
            if flags & 0x41 != 0 { throw .encrypted }
            let name = bytes[nameStart..<(nameStart + nameLength)]
            try checkName(name)
            // Every entry must point at a real local header before the directory, or extractors will disagree.
            guard localStart + localHeaderSize <= directoryStart, reader.has(localSignature, at: localStart) else { throw .damaged }
            try checkLocalHeader(reader, at: localStart, name: name, uncompressed: uncompressed, before: directoryStart)
            expanded += uncompressed
            if expanded > maxExpanded { throw .tooBig }
            names.insert(name)
            position = next
        }
        let (ratioLimit, overflow) = bytes.count.multipliedReportingOverflow(by: maxRatio)
        if expanded > ratioFloor, !overflow, expanded > ratioLimit { throw .ratio }
        return names
    }

    /// Searches backwards so a comment that happens to contain the signature cannot win,
    /// and insists the comment length reaches exactly the end so two readers cannot see two directories.
    private static func findEndRecord(_ reader: LittleEndianReader) -> Int? {
        let count = reader.bytes.count
        guard count >= endRecordSize else { return nil }
        let lowest = max(0, count - endSearchWindow)
        for offset in stride(from: count - endRecordSize, through: lowest, by: -1)
        where reader.has(endSignature, at: offset) {
            if let commentLength = reader.u16(offset + 20), offset + endRecordSize + commentLength == count {
                return offset
            }
        }
        return nil
    }

    /// Extractors that stream an archive read the local headers instead of the directory: they
    /// must name the same file, be as unencrypted, and (unless the sizes follow the data, bit 3)
    /// declare the same size, or a bomb or a "../" name could hide there.
    private static func checkLocalHeader(_ reader: LittleEndianReader, at start: Int, name: ArraySlice<UInt8>, uncompressed: Int,
                                         before directoryStart: Int) throws(ArchiveFault) {
        guard let flags = reader.u16(start + 6), let size = reader.u32(start + 22), let nameLength = reader.u16(start + 26) else {
            throw .damaged
        }
        let nameStart = start + localHeaderSize
        guard nameStart + nameLength <= directoryStart, reader.bytes[nameStart..<(nameStart + nameLength)] == name else {
            throw .inconsistent
        }
        if flags & 0x41 != 0 { throw .encrypted }
        if flags & 0x08 == 0, size != uncompressed { throw .inconsistent }
    }

    private static func checkName(_ name: ArraySlice<UInt8>) throws(ArchiveFault) {
        let slash: UInt8 = 0x2F, backslash: UInt8 = 0x5C, colon: UInt8 = 0x3A
        if name.contains(0) { throw .nulInName }
        if let first = name.first {
            if first == slash || first == backslash { throw .absolutePath }
            let isLetter = (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first)
            if isLetter, name.dropFirst().first == colon { throw .absolutePath }
        }
        let segments = name.split(omittingEmptySubsequences: false) { $0 == slash || $0 == backslash }
        if segments.contains(where: { $0.elementsEqual([0x2E, 0x2E]) }) { throw .parentPath }
    }
}

/// Bounds-checked reads, because every offset in an archive comes from the uploader.
private struct LittleEndianReader {
    let bytes: [UInt8]

    func u16(_ offset: Int) -> Int? {
        guard offset >= 0, offset <= bytes.count - 2 else { return nil }
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    func u32(_ offset: Int) -> Int? {
        guard offset >= 0, offset <= bytes.count - 4 else { return nil }
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
    }

    func has(_ signature: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset <= bytes.count - signature.count else { return false }
        return bytes[offset..<(offset + signature.count)].elementsEqual(signature)
    }
}
