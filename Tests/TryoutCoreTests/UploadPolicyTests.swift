import Foundation
import Testing
@testable import TryoutCore

/// One stored entry for `makeZip`; `declaredSize` lets a test lie about the uncompressed size the way a zip bomb does.
private struct ZipEntry {
    var name: String
    var data: [UInt8] = Array("hello".utf8)
    var declaredSize: UInt32? = nil
    var flags: UInt16 = 0
    /// What the local header says, when a test makes it disagree with the directory.
    var localName: String? = nil
    var localSize: UInt32? = nil
    var localFlags: UInt16? = nil
}

private extension Array where Element == UInt8 {
    mutating func le16(_ value: UInt16) { append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8)]) }
    mutating func le32(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) } }
}

/// A real zip with stored entries: local headers, central directory, end record. CRCs are 0 because only the directory is read.
private func makeZip(_ entries: [ZipEntry], comment: String = "") -> [UInt8] {
    var out: [UInt8] = []
    var directory: [UInt8] = []
    for entry in entries {
        let name = Array(entry.name.utf8)
        let offset = UInt32(out.count)
        let size = UInt32(entry.data.count)
        out += [0x50, 0x4B, 0x03, 0x04]
        let localName = entry.localName.map { Array($0.utf8) } ?? name
        out.le16(20); out.le16(entry.localFlags ?? entry.flags); out.le16(0); out.le16(0); out.le16(0)
        out.le32(0); out.le32(size); out.le32(entry.localSize ?? entry.declaredSize ?? size)
        out.le16(UInt16(localName.count)); out.le16(0)
        out += localName + entry.data
        directory += [0x50, 0x4B, 0x01, 0x02]
        directory.le16(20); directory.le16(20); directory.le16(entry.flags); directory.le16(0); directory.le16(0); directory.le16(0)
        directory.le32(0); directory.le32(size); directory.le32(entry.declaredSize ?? size)
        directory.le16(UInt16(name.count)); directory.le16(0); directory.le16(0); directory.le16(0); directory.le16(0)
        directory.le32(0); directory.le32(offset)
        directory += name
    }
    let directoryStart = UInt32(out.count)
    out += directory
    let commentBytes = Array(comment.utf8)
    out += [0x50, 0x4B, 0x05, 0x06]
    out.le16(0); out.le16(0); out.le16(UInt16(entries.count)); out.le16(UInt16(entries.count))
    out.le32(UInt32(directory.count)); out.le32(directoryStart); out.le16(UInt16(commentBytes.count))
    return out + commentBytes
}

private let docxParts = [ZipEntry(name: "[Content_Types].xml", data: Array("<Types/>".utf8)), ZipEntry(name: "word/document.xml")]
private let odtParts = [ZipEntry(name: "mimetype", data: Array("application/vnd.oasis.opendocument.text".utf8)), ZipEntry(name: "content.xml")]
private let pdfBytes = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".utf8)
private let pngBytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
private let elfBytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + Array(repeating: 0, count: 8) + [0x02, 0x00, 0x3E, 0x00]
private let damaged = "the archive is damaged"

private func outcome(_ name: String, _ bytes: [UInt8], used: Int = 0, limits: UploadLimits = UploadLimits()) -> Result<CheckedUpload, UploadRefusal> {
    Result { () throws(UploadRefusal) in try UploadPolicy.check(name: name, bytes: bytes, usedBytes: used, limits: limits) }
}

private func accepted(_ name: String, _ kind: UploadKind, _ bytes: [UInt8]) -> Result<CheckedUpload, UploadRefusal> {
    .success(CheckedUpload(safeName: name, kind: kind, size: bytes.count))
}

private func refusalReason(_ result: Result<CheckedUpload, UploadRefusal>) -> String? {
    if case .failure(.unsafeArchive(_, let reason)) = result { return reason }
    return nil
}

/// Deterministic so a fuzz failure can be reproduced from the seed.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Upload checks")
struct UploadPolicyTests {
    @Test("a request is refused on its declared size: over what a version may carry, or past the engagement's room")
    func declaredSize() throws {
        let limits = UploadLimits(perFile: 10 << 20, perEngagement: 30 << 20)
        #expect(throws: UploadRefusal.requestTooLarge(limit: 30 << 20)) {
            try UploadPolicy.checkDeclared(requestBytes: limits.requestBytes + 1, usedBytes: 0, limits: limits)
        }
        #expect(throws: UploadRefusal.engagementFull(limit: 30 << 20)) {
            try UploadPolicy.checkDeclared(requestBytes: (20 << 20) + UploadPolicy.formAllowance, usedBytes: 11 << 20, limits: limits)
        }
        try UploadPolicy.checkDeclared(requestBytes: (19 << 20) + UploadPolicy.formAllowance, usedBytes: 11 << 20, limits: limits)
        try UploadPolicy.checkDeclared(requestBytes: 300, usedBytes: 0, limits: limits)
    }

    // MARK: Kinds

    @Test("extensions map to kinds case-insensitively and unknown ones to nothing")
    func extensions() {
        #expect(UploadKind.forExtension("PDF") == .pdf)
        #expect(UploadKind.forExtension("JpG") == .jpeg)
        #expect(UploadKind.forExtension("jpeg") == .jpeg)
        #expect(UploadKind.forExtension("Markdown") == .markdown)
        #expect(UploadKind.forExtension("md") == .markdown)
        #expect(UploadKind.forExtension("txt") == .text)
        for ext in ["exe", "html", "svg", "js", "docm", ""] { #expect(UploadKind.forExtension(ext) == nil) }
        #expect(UploadKind.docx.contentType == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        #expect(UploadKind.csv.contentType == "text/csv; charset=utf-8")
        #expect(UploadKind.allCases.allSatisfy { !$0.contentType.isEmpty })
    }

    // MARK: Magic bytes

    @Test("real files of each binary kind are accepted", arguments: [
        ("brief.pdf", UploadKind.pdf, pdfBytes),
        ("chart.png", .png, pngBytes),
        ("photo.JPG", .jpeg, [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46]),
        ("anim.gif", .gif, Array("GIF89a\u{01}\u{00}\u{01}\u{00}".utf8)),
        ("old.gif", .gif, Array("GIF87a\u{01}\u{00}".utf8)),
        ("shot.webp", .webp, Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8)),
    ])
    func binaryKinds(name: String, kind: UploadKind, bytes: [UInt8]) {
        #expect(outcome(name, bytes) == accepted(name, kind, bytes))
    }

    @Test("bytes that do not start with the claimed kind's signature are refused", arguments: [
        ("chart.png", UploadKind.png, pdfBytes),
        ("brief.pdf", .pdf, pngBytes),
        ("photo.jpg", .jpeg, [0xFF, 0xD8]),
        ("anim.gif", .gif, Array("GIF88a....".utf8)),
        ("shot.webp", .webp, Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVE".utf8)),
        ("archive.zip", .zip, Array("PK not really".utf8)),
    ])
    func wrongSignature(name: String, kind: UploadKind, bytes: [UInt8]) {
        #expect(outcome(name, bytes) == .failure(.contentMismatch(name: name, kind: kind)))
    }

    @Test("an ELF executable named report.pdf is refused")
    func elfAsPDF() {
        #expect(outcome("report.pdf", elfBytes) == .failure(.contentMismatch(name: "report.pdf", kind: .pdf)))
    }

    @Test("a Windows executable named notes.docx is refused")
    func peAsDocx() {
        let pe: [UInt8] = Array("MZ".utf8) + [0x90, 0x00, 0x03] + Array(repeating: 0, count: 59)
        #expect(outcome("notes.docx", pe) == .failure(.contentMismatch(name: "notes.docx", kind: .docx)))
    }

    @Test("executables that would otherwise pass as text are still refused", arguments: [
        Array("#!/bin/sh\nrm -rf ~\n".utf8),
        Array("MZ is how the report begins\n".utf8),
        Array("\u{7F}ELF looks like text\n".utf8),
    ])
    func executableText(bytes: [UInt8]) {
        #expect(outcome("readme.txt", bytes) == .failure(.contentMismatch(name: "readme.txt", kind: .text)))
        // Without the first two bytes the same content is ordinary text, so the signature is what refused it.
        let tail = Array(bytes.dropFirst(2))
        #expect(outcome("readme.txt", tail) == accepted("readme.txt", .text, tail))
    }

    @Test("Mach-O and universal binaries are refused whatever they are called", arguments: [
        [0xFE, 0xED, 0xFA, 0xCE], [0xFE, 0xED, 0xFA, 0xCF], [0xCE, 0xFA, 0xED, 0xFE], [0xCF, 0xFA, 0xED, 0xFE], [0xCA, 0xFE, 0xBA, 0xBE] as [UInt8],
    ])
    func machO(signature: [UInt8]) {
        let bytes = signature + Array(repeating: 0, count: 28)
        #expect(outcome("app.zip", bytes) == .failure(.contentMismatch(name: "app.zip", kind: .zip)))
        #expect(outcome("app.md", bytes) == .failure(.contentMismatch(name: "app.md", kind: .markdown)))
    }

    // MARK: Text

    @Test("UTF-8 text with tabs, line breaks, form feeds and non-Latin letters is accepted")
    func cleanText() {
        let text = Array("Name\tScore\r\nZoë\t9\n\u{0C}日本語 🎉\n".utf8)
        #expect(outcome("scores.csv", text) == accepted("scores.csv", .csv, text))
        #expect(outcome("notes.txt", text) == accepted("notes.txt", .text, text))
        #expect(outcome("README.markdown", text) == accepted("README.markdown", .markdown, text))
    }

    @Test("text with a NUL byte or another control character is refused")
    func controlCharacters() {
        #expect(outcome("notes.txt", Array("hello\u{0}world".utf8)) == .failure(.contentMismatch(name: "notes.txt", kind: .text)))
        #expect(outcome("notes.md", Array("colour \u{1B}[31mred".utf8)) == .failure(.contentMismatch(name: "notes.md", kind: .markdown)))
    }

    @Test("invalid UTF-8 is refused", arguments: [
        [0x61, 0xC3, 0x28] as [UInt8],        // truncated two-byte sequence
        [0xC0, 0xAF],                          // overlong "/"
        [0xED, 0xA0, 0x80],                    // UTF-16 surrogate
        [0x61, 0x2C, 0x62, 0x0A, 0xE9, 0x0A],  // Latin-1 "é"
    ])
    func invalidUTF8(bytes: [UInt8]) {
        #expect(outcome("data.csv", bytes) == .failure(.contentMismatch(name: "data.csv", kind: .csv)))
    }

    @Test("JSON must parse; fragments are allowed")
    func json() {
        for good in [#"{"score": 9, "tags": ["a"]}"#, "42", #""text""#, "null"] {
            let bytes = Array(good.utf8)
            #expect(outcome("result.json", bytes) == accepted("result.json", .json, bytes))
        }
        for bad in [#"{"score": }"#, "{", "nope"] {
            #expect(outcome("result.json", Array(bad.utf8)) == .failure(.contentMismatch(name: "result.json", kind: .json)))
        }
    }

    @Test("deeply nested JSON is refused or accepted without crashing")
    func deepJSON() {
        let bytes = Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        let result = outcome("deep.json", bytes)
        #expect(result == accepted("deep.json", .json, bytes) || result == .failure(.contentMismatch(name: "deep.json", kind: .json)))
    }

    // MARK: Archives

    @Test("a small valid zip is accepted, and so is an empty one")
    func validZip() {
        let zip = makeZip([ZipEntry(name: "src/main.py"), ZipEntry(name: "README.md"), ZipEntry(name: "data/")], comment: "built by hand")
        #expect(outcome("code.zip", zip) == accepted("code.zip", .zip, zip))
        let empty = makeZip([])
        #expect(empty.count == 22)
        #expect(outcome("nothing.zip", empty) == accepted("nothing.zip", .zip, empty))
    }

    @Test("an empty zip is only a zip, never an Office or OpenDocument file")
    func emptyOffice() {
        #expect(outcome("blank.docx", makeZip([])) == .failure(.contentMismatch(name: "blank.docx", kind: .docx)))
        #expect(outcome("blank.ods", makeZip([])) == .failure(.contentMismatch(name: "blank.ods", kind: .ods)))
    }

    @Test("a docx needs [Content_Types].xml and an OpenDocument file needs mimetype")
    func officeMarkers() {
        let docx = makeZip(docxParts)
        #expect(outcome("essay.docx", docx) == accepted("essay.docx", .docx, docx))
        #expect(outcome("essay.docx", makeZip([ZipEntry(name: "word/document.xml")])) == .failure(.contentMismatch(name: "essay.docx", kind: .docx)))
        #expect(outcome("sheet.xlsx", makeZip(docxParts)) == accepted("sheet.xlsx", .xlsx, docx))
        let odt = makeZip(odtParts)
        #expect(outcome("essay.odt", odt) == accepted("essay.odt", .odt, odt))
        #expect(outcome("essay.odt", makeZip([ZipEntry(name: "content.xml")])) == .failure(.contentMismatch(name: "essay.odt", kind: .odt)))
        // The marker must be the whole entry name at the root, not a file that merely ends with it.
        #expect(outcome("essay.odp", makeZip([ZipEntry(name: "sub/mimetype")])) == .failure(.contentMismatch(name: "essay.odp", kind: .odp)))
    }

    @Test("entries that climb out of the extraction folder are refused", arguments: [
        "../../etc/passwd", "docs/../../secret", "..\\..\\windows\\win.ini", "a/..",
    ])
    func traversal(entry: String) {
        let result = outcome("code.zip", makeZip([ZipEntry(name: "ok.txt"), ZipEntry(name: entry)]))
        #expect(refusalReason(result)?.contains("outside its folder") == true)
    }

    @Test("dots inside a name are not a parent-folder segment")
    func dotsInNames() {
        let zip = makeZip([ZipEntry(name: "v1..2/notes...txt"), ZipEntry(name: "./a/.hidden")])
        #expect(outcome("code.zip", zip) == accepted("code.zip", .zip, zip))
    }

    @Test("absolute entry names are refused", arguments: ["/etc/passwd", "\\Windows\\system.ini", "C:/boot.ini", "c:evil"])
    func absolute(entry: String) {
        #expect(refusalReason(outcome("code.zip", makeZip([ZipEntry(name: entry)]))) == "a file inside it has an absolute path")
    }

    @Test("an entry name with a NUL byte is refused")
    func nulName() {
        #expect(refusalReason(outcome("code.zip", makeZip([ZipEntry(name: "report.pdf\u{0}.exe")]))) == "a file name inside it contains a NUL byte")
    }

    @Test("a zip bomb declaring 2 GiB is refused")
    func bombBySize() {
        let zip = makeZip([ZipEntry(name: "big.bin", declaredSize: 2 << 30)])
        #expect(refusalReason(outcome("bomb.zip", zip)) == "it would expand to more than 1 GB")
        // Many entries each under the limit still add up.
        let spread = makeZip((0..<5).map { ZipEntry(name: "part\($0)", declaredSize: 300 << 20) })
        #expect(refusalReason(outcome("bomb.zip", spread)) == "it would expand to more than 1 GB")
    }

    @Test("a compression ratio over 100 is refused only above 10 MiB declared")
    func bombByRatio() {
        let bomb = makeZip([ZipEntry(name: "a.csv", declaredSize: 11 << 20)])
        #expect(refusalReason(outcome("data.zip", bomb)) == "it would expand to more than 100 times its size")
        let modest = makeZip([ZipEntry(name: "a.csv", declaredSize: 9 << 20)])
        #expect(outcome("data.zip", modest) == accepted("data.zip", .zip, modest))
    }

    @Test("encrypted entries are refused because their contents cannot be checked")
    func encrypted() {
        let zip = makeZip([ZipEntry(name: "secret.txt", flags: 1)])
        #expect(refusalReason(outcome("locked.zip", zip)) == "it is encrypted, so its contents cannot be checked")
    }

    @Test("local headers must say what the directory says: a streaming extractor meets no other name, size or lock")
    func localHeaders() {
        let inconsistent = "its list of files does not match the files it holds"
        let renamed = makeZip([ZipEntry(name: "notes.txt", localName: "../../.bashrc")])
        #expect(refusalReason(outcome("data.zip", renamed)) == inconsistent)
        let bomb = makeZip([ZipEntry(name: "a.csv", localSize: 0xFFFF_FFF0)])
        #expect(refusalReason(outcome("data.zip", bomb)) == inconsistent)
        let locked = makeZip([ZipEntry(name: "a.txt", localFlags: 1)])
        #expect(refusalReason(outcome("data.zip", locked)) == "it is encrypted, so its contents cannot be checked")
        // With a data descriptor (bit 3) the sizes come after the data, and the header holds zeros.
        let streamed = makeZip([ZipEntry(name: "a.txt", flags: 0x08, localSize: 0)])
        #expect(outcome("data.zip", streamed) == accepted("data.zip", .zip, streamed))
    }

    @Test("ZIP64 markers are refused")
    func zip64() {
        let sized = makeZip([ZipEntry(name: "huge.bin", declaredSize: 0xFFFF_FFFF)])
        #expect(refusalReason(outcome("huge.zip", sized)) == "ZIP64 archives are not accepted")
        var counted = makeZip([ZipEntry(name: "a.txt")])
        let end = counted.count - 22
        counted.replaceSubrange((end + 8)..<(end + 12), with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(refusalReason(outcome("huge.zip", counted)) == "ZIP64 archives are not accepted")
        // A ZIP64 locator just before the classic end record means the real directory is elsewhere.
        var located = makeZip([ZipEntry(name: "a.txt")])
        located.insert(contentsOf: [0x50, 0x4B, 0x06, 0x07] + Array(repeating: 0, count: 16), at: located.count - 22)
        #expect(refusalReason(outcome("huge.zip", located)) == "ZIP64 archives are not accepted")
    }

    @Test("more than 10,000 entries is refused; exactly 10,000 is fine")
    func entryCount() {
        let atLimit = makeZip((0..<10_000).map { ZipEntry(name: "f\($0)", data: []) })
        #expect(outcome("many.zip", atLimit) == accepted("many.zip", .zip, atLimit))
        let over = makeZip((0..<10_001).map { ZipEntry(name: "f\($0)", data: []) })
        #expect(refusalReason(outcome("many.zip", over)) == "it holds more than 10,000 files")
    }

    @Test("every truncation of a valid docx is refused as damaged, never a crash")
    func truncated() {
        let docx = makeZip(docxParts, comment: "c")
        for length in 4..<docx.count {
            #expect(refusalReason(outcome("essay.docx", Array(docx.prefix(length)))) == damaged, "length \(length)")
        }
    }

    @Test("lying offsets and lengths are refused as damaged")
    func lyingDirectory() {
        let good = makeZip([ZipEntry(name: "a.txt"), ZipEntry(name: "b.txt")])
        let end = good.count - 22
        func patched(_ offset: Int, _ bytes: [UInt8]) -> [UInt8] {
            var copy = good
            copy.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
            return copy
        }
        let directoryStart = 2 * (30 + 5 + 5)
        let cases: [(String, [UInt8])] = [
            ("directory past the end", patched(end + 16, [0xFF, 0xFF, 0xFF, 0x7F])),
            ("directory size past the end record", patched(end + 12, [0xFF, 0xFF, 0x00, 0x00])),
            ("more entries than the directory holds", patched(end + 8, [0x05, 0x00, 0x05, 0x00])),
            ("entry counts disagree", patched(end + 8, [0x01, 0x00])),
            ("split archive", patched(end + 4, [0x01, 0x00])),
            ("name length past the directory", patched(directoryStart + 28, [0xFF, 0xFF])),
            ("local header offset in the directory", patched(directoryStart + 42, [UInt8(directoryStart), 0, 0, 0])),
            ("local header offset at garbage", patched(directoryStart + 42, [0x03, 0, 0, 0])),
            ("comment length longer than the file", patched(end + 20, [0x10, 0x00])),
            ("trailing junk after the end record", good + [0x00]),
            ("no end record", Array("PK\u{3}\u{4}".utf8) + Array(repeating: 0x41, count: 200)),
        ]
        #expect(outcome("ok.zip", good) == accepted("ok.zip", .zip, good))
        for (label, bytes) in cases {
            #expect(refusalReason(outcome("ok.zip", bytes)) == damaged, "\(label)")
        }
    }

    // MARK: Sizes and order

    @Test("an empty file is refused before anything else")
    func empty() {
        #expect(outcome("virus.exe", []) == .failure(.empty(name: "virus.exe")))
    }

    @Test("a file over the per-file limit is refused; one exactly at it is accepted")
    func perFile() {
        let limits = UploadLimits(perFile: 1_000)
        let atLimit = Array(repeating: UInt8(ascii: "a"), count: 1_000)
        #expect(outcome("notes.txt", atLimit, limits: limits) == accepted("notes.txt", .text, atLimit))
        #expect(outcome("notes.txt", atLimit + [0x61], limits: limits) == .failure(.tooLarge(name: "notes.txt", limit: 1_000)))
        // Size is checked before type, so the uploader hears about the size first.
        #expect(outcome("virus.exe", atLimit + [0x61], limits: limits) == .failure(.tooLarge(name: "virus.exe", limit: 1_000)))
    }

    @Test("the engagement quota counts what is already stored")
    func quota() {
        let limits = UploadLimits(perFile: 1_000, perEngagement: 10_000)
        let file = Array(repeating: UInt8(ascii: "a"), count: 500)
        #expect(outcome("notes.txt", file, used: 9_500, limits: limits) == accepted("notes.txt", .text, file))
        #expect(outcome("notes.txt", file, used: 9_501, limits: limits) == .failure(.engagementFull(limit: 10_000)))
        #expect(outcome("virus.exe", file, used: 9_501, limits: limits) == .failure(.engagementFull(limit: 10_000)))
        #expect(outcome("notes.txt", file, used: .max, limits: limits) == .failure(.engagementFull(limit: 10_000)))
        // A whole version is measured again under the engagement's lock.
        #expect(throws: Never.self) { try UploadPolicy.checkRoom(adding: 1_500, usedBytes: 8_500, limits: limits) }
        #expect(throws: UploadRefusal.engagementFull(limit: 10_000)) { try UploadPolicy.checkRoom(adding: 1_501, usedBytes: 8_500, limits: limits) }
        #expect(throws: UploadRefusal.engagementFull(limit: 10_000)) { try UploadPolicy.checkRoom(adding: .max, usedBytes: 1, limits: limits) }
    }

    @Test("unknown or missing extensions are refused before the bytes are looked at", arguments: [
        "setup.exe", "page.html", "logo.svg", "Makefile", ".htaccess", "archive.tar.gz", "cv.pdf.exe",
    ])
    func typeNotAllowed(name: String) {
        #expect(outcome(name, pdfBytes) == .failure(.typeNotAllowed(name: UploadPolicy.safeName(name))))
    }

    @Test("the extension of the safe name decides, and refusals name the safe name")
    func usesSafeName() {
        #expect(outcome("../../tmp/brief.PDF", pdfBytes) == accepted("brief.PDF", .pdf, pdfBytes))
        #expect(outcome("cv\u{202E}fdp.exe", pdfBytes) == .failure(.typeNotAllowed(name: "cvfdp.exe")))
        #expect(outcome("x/\"evil\".pdf", elfBytes) == .failure(.contentMismatch(name: "_evil_.pdf", kind: .pdf)))
    }

    // MARK: Wording

    @Test("refusals read as sentences with the name and sizes in MB")
    func descriptions() {
        #expect(UploadRefusal.tooLarge(name: "big.pdf", limit: 25 << 20).description == "“big.pdf” is larger than the 25 MB limit for a single file.")
        #expect(UploadRefusal.tooLarge(name: "big.pdf", limit: 3 << 19).description.contains("1.5 MB"))
        #expect(UploadRefusal.tooLarge(name: "big.pdf", limit: 1_000).description.contains("1000 bytes"))
        #expect(UploadRefusal.engagementFull(limit: 250 << 20).description.contains("250 MB storage limit"))
        #expect(UploadRefusal.tooManyFiles(limit: 10).description == "A submission can include at most 10 files.")
        #expect(UploadRefusal.empty(name: "a.txt").description == "“a.txt” is empty.")
        #expect(UploadRefusal.contentMismatch(name: "report.pdf", kind: .pdf).description == "“report.pdf” is not really a PDF document: its contents do not match its name.")
        #expect(UploadRefusal.unsafeArchive(name: "x.zip", reason: damaged).description == "“x.zip” was refused because the archive is damaged.")
        #expect(UploadRefusal.typeNotAllowed(name: "setup.exe").description.hasPrefix("“setup.exe” is not a type of file"))
    }

    // MARK: Names

    @Test("safe names", arguments: [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\cv.pdf", "cv.pdf"),
        ("evil\r\n.pdf", "evil.pdf"),
        (".htaccess", "htaccess"),
        ("...", "file"),
        ("", "file"),
        ("uploads/", "file"),
        ("\u{0}\u{7}", "file"),
        ("my \"best\" cv.pdf", "my _best_ cv.pdf"),
        ("a;b,c%20d'e`f*g<h>i|j:k?l.pdf", "a_b_c_20d_e_f_g_h_i_j_k_l.pdf"),
        ("  lots   of\u{00A0}\u{2003}space .pdf  ", "lots of space .pdf"),
        ("cv\u{202E}fdp.exe", "cvfdp.exe"),
        ("report.pdf. . ", "report.pdf"),
        ("Zoë — résumé.pdf", "Zoë — résumé.pdf"),
    ])
    func safeNames(raw: String, expected: String) {
        #expect(UploadPolicy.safeName(raw) == expected)
    }

    @Test("a separator hidden under a combining mark is still a separator")
    func combiningSeparator() {
        // As Characters, "/" plus U+0301 is one grapheme that is not "/".
        let name = UploadPolicy.safeName("../\u{301}../etc/passwd")
        #expect(name == "passwd")
        #expect(!UploadPolicy.safeName("evil/\u{301}x.pdf").contains("/"))
    }

    @Test("long names are cut to 120 characters and keep their extension")
    func longNames() {
        let long = UploadPolicy.safeName(String(repeating: "a", count: 300) + ".pdf")
        #expect(long.unicodeScalars.count == 120)
        #expect(long.hasSuffix("aaa.pdf"))
        let noExtension = UploadPolicy.safeName(String(repeating: "b", count: 300))
        #expect(noExtension == String(repeating: "b", count: 120))
        let spaces = UploadPolicy.safeName(String(repeating: "c", count: 115) + "   " + String(repeating: "d", count: 100) + ".docx")
        #expect(spaces.unicodeScalars.count <= 120 && spaces.hasSuffix(".docx") && !spaces.contains(" ."))
        let emoji = UploadPolicy.safeName(String(repeating: "🎉", count: 200) + ".md")
        #expect(emoji.unicodeScalars.count == 120 && emoji.hasSuffix(".md"))
    }

    // MARK: Robustness

    @Test("2,000 random byte arrays per kind never crash", arguments: UploadKind.allCases)
    func fuzzRandom(kind: UploadKind) {
        var rng = SplitMix64(state: UInt64(UploadKind.allCases.firstIndex(of: kind) ?? 0) + 1)
        let name = "fuzz." + (kind == .text ? "txt" : kind == .markdown ? "md" : kind == .jpeg ? "jpg" : kind.rawValue)
        let prefix = signature(kind)
        var refused = 0
        for round in 0..<2_000 {
            var bytes = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            // Half the rounds start with the right signature so the deeper checks run too.
            if round.isMultiple(of: 2) { bytes = prefix + bytes }
            switch outcome(name, bytes) {
            case .success(let upload):
                #expect(upload.kind == kind && upload.size == bytes.count)
            case .failure(let refusal):
                refused += 1
                switch refusal {
                case .empty, .contentMismatch, .unsafeArchive: break
                default: Issue.record("unexpected refusal \(refusal)")
                }
            }
        }
        #expect(refused > 0)
    }

    @Test("mutated and truncated archives never crash", arguments: [UploadKind.zip, .docx, .odt])
    func fuzzArchives(kind: UploadKind) {
        var rng = SplitMix64(state: 0xC0FFEE)
        let seed = kind == .odt ? makeZip(odtParts) : makeZip(docxParts + [ZipEntry(name: "extra/file.bin")], comment: "x")
        var outcomes = (accepted: 0, refused: 0)
        for _ in 0..<2_000 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if Bool.random(using: &rng) { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng))) }
            switch outcome("fuzz.\(kind.rawValue)", bytes) {
            case .success: outcomes.accepted += 1
            case .failure: outcomes.refused += 1
            }
        }
        #expect(outcomes.accepted > 0 && outcomes.refused > 0)
    }

    private func signature(_ kind: UploadKind) -> [UInt8] {
        switch kind {
        case .pdf: Array("%PDF-".utf8)
        case .png: Array(pngBytes.prefix(8))
        case .jpeg: [0xFF, 0xD8, 0xFF]
        case .gif: Array("GIF89a".utf8)
        case .webp: Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBP".utf8)
        case .zip, .docx, .xlsx, .pptx, .odt, .ods, .odp: [0x50, 0x4B, 0x03, 0x04]
        case .text, .csv, .markdown, .json: Array("{\"a\": \"".utf8)
        }
    }
}
