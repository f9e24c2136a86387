import Fluent
import NIOConcurrencyHelpers
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

/// A small real PDF, and an ELF executable header: what a spoofed `.pdf` really is.
let pdfBytes = Array("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".utf8)
let elfBytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + Array(repeating: 0, count: 56)

/// Signs in as `email` and loads `path`, so the next form carries a fresh CSRF token.
@discardableResult
func visit(_ t: TestApp, as email: String, _ path: String) async throws -> TestingHTTPResponse {
    try await t.signOut()
    try await t.signIn(email)
    return try await t.get(path)
}

/// Both sides sign every agreement, and each side ticks its onboarding items: the engagement is active.
func startWork(_ t: TestApp, _ engagement: EngagementRecord, candidate: String = "ada@uni.test",
               manager: String = "hiring_manager@acme.test") async throws {
    let id = try engagement.requireID()
    for (email, name) in [(candidate, "Ada Okafor"), (manager, "Hana Manager")] {
        for agreement in try await Agreements.current(of: id, on: t.db) {
            try await visit(t, as: email, "/engagements/\(id)/agreements/\(try agreement.requireID())")
            let signed = try await t.post("/engagements/\(id)/agreements/\(try agreement.requireID())/sign", ["fullName": name, "consent": "on"])
            #expect(signed.status == .seeOther)
        }
    }
    for email in [candidate, manager] {
        try await visit(t, as: email, "/engagements/\(id)")
        for item in try await Engagements.checklist(of: id, on: t.db) where item.owner == (email == candidate ? .candidate : .employer) {
            try await t.post("/engagements/\(id)/checklist/\(try item.requireID())/done")
        }
    }
}

/// Ada hands in version 1 of the engagement's first deliverable, with a file, through the page;
/// the milestone and the version.
func handInFirstVersion(_ t: TestApp, _ engagementID: UUID) async throws -> (milestone: UUID, submission: SubmissionRecord) {
    let milestone = try #require(try await Engagements.milestones(of: engagementID, on: t.db).first).requireID()
    try await visit(t, as: "ada@uni.test", "/engagements/\(engagementID)/milestones/\(milestone)")
    let sent = try await t.upload("/engagements/\(engagementID)/milestones/\(milestone)/submissions", fields: [("note", "Draft memo")],
                                  files: [("files[]", "memo.pdf", pdfBytes)])
    #expect(sent.status == .seeOther)
    return (milestone, try #require(try await SubmissionRecord.query(on: t.db).filter(\.$milestone.$id == milestone).with(\.$files).first()))
}

/// The manager's decision form, with the scorecard it needs (level 3 on each of the rubric's three criteria).
func decided(_ decision: String, _ feedback: String, level: String = "3") -> [String: String] {
    ["decision": decision, "feedback": feedback, "levels.0": level, "levels.1": level, "levels.2": level]
}

func state(_ t: TestApp, _ engagement: EngagementRecord) async throws -> EngagementState? {
    try await EngagementRecord.find(try engagement.requireID(), on: t.db)?.state
}

func submissionCount(_ t: TestApp) async throws -> Int {
    try await SubmissionRecord.query(on: t.db).count()
}

@Suite("Engagements")
struct EngagementsTests {
    @Test("sign, onboard, submit, request changes, resubmit, accept: the engagement moves from contracting to completed")
    func wholeEngagement() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            let milestones = try await Engagements.milestones(of: id, on: t.db)
            #expect(milestones.count == 3 && engagement.state == .contracting)
            #expect(try await Agreements.current(of: id, on: t.db).map(\.kind) == [.contractorAgreement, .ipAssignment])

            // Work waits for the signatures: nothing is stored.
            let early = try await visit(t, as: "ada@uni.test", "/engagements/\(id)")
            #expect(early.body.string.contains("Sign “Contractor agreement”") && early.body.string.contains("This is up to you."))
            try await t.get("/engagements/\(id)/milestones/\(try milestones[0].requireID())")
            let tooSoon = try await t.upload("/engagements/\(id)/milestones/\(try milestones[0].requireID())/submissions",
                                             files: [("files[]", "memo.pdf", pdfBytes)])
            #expect(tooSoon.status == .seeOther)
            #expect(try await t.get("/engagements/\(id)").body.string.contains("Work starts once every agreement is signed"))
            #expect(try await submissionCount(t) == 0)

            // A signature needs a name and the consent box.
            let agreement = try #require(try await Agreements.current(of: id, on: t.db).first)
            try await t.get("/engagements/\(id)/agreements/\(try agreement.requireID())")
            let unsigned = try await t.post("/engagements/\(id)/agreements/\(try agreement.requireID())/sign", ["fullName": "Ada Okafor"])
            #expect(unsigned.status == .unprocessableEntity && unsigned.body.string.contains("Tick the box"))

            try await startWork(t, engagement)
            #expect(try await state(t, engagement) == .active)
            let signed = try #require(try await Agreements.find(try agreement.requireID(), engagementID: id, on: t.db))
            #expect(signed.candidateName == "Ada Okafor" && signed.employerName == "Hana Manager" && signed.candidateIP != nil)
            // The manager who signed now runs the engagement.
            #expect(try await Engagements.team(of: id, on: t.db).map(\.user.email) == ["hiring_manager@acme.test"])

            // Version 1, changes requested (with words), version 2, accepted.
            let first = try milestones[0].requireID()
            try await visit(t, as: "ada@uni.test", "/engagements/\(id)/milestones/\(first)")
            let sent = try await t.upload("/engagements/\(id)/milestones/\(first)/submissions", fields: [("note", "Draft memo"), ("links.0", "https://example.com/memo")],
                                          files: [("files[]", "memo.pdf", pdfBytes)])
            #expect(sent.status == .seeOther)
            let v1 = try #require(try await Submissions.latest(of: first, on: t.db))
            #expect(v1.version == 1 && v1.links == ["https://example.com/memo"] && !v1.late)
            let again = try await t.upload("/engagements/\(id)/milestones/\(first)/submissions", files: [("files[]", "memo.pdf", pdfBytes)])
            #expect(again.status == .seeOther)
            #expect(try await submissionCount(t) == 1)

            t.clock.advance(by: 3 * 3600)
            let manager = try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)/milestones/\(first)")
            #expect(manager.body.string.contains("Feedback on version 1"))
            let wordless = try await t.post("/engagements/\(id)/submissions/\(try v1.requireID())/feedback", decided("request_changes", ""))
            #expect(wordless.status == .unprocessableEntity && wordless.body.string.contains("Say what should change."))
            try await t.post("/engagements/\(id)/submissions/\(try v1.requireID())/feedback", decided("request_changes", "Add the cohort table."))
            let answered = try #require(try await Submissions.find(try v1.requireID(), engagementID: id, on: t.db))
            #expect(answered.state == .changesRequested && answered.turnaround == 3 * 3600)
            #expect(try await t.get("/engagements/\(id)/milestones/\(first)").body.string.contains("answered in 3 h"))

            try await visit(t, as: "ada@uni.test", "/engagements/\(id)/milestones/\(first)")
            try await t.upload("/engagements/\(id)/milestones/\(first)/submissions", fields: [("note", "With the table")], files: [("files[]", "memo-v2.pdf", pdfBytes)])
            let v2 = try #require(try await Submissions.latest(of: first, on: t.db))
            #expect(v2.version == 2)
            #expect(try await submissionCount(t) == 2)

            // The employer accepts every deliverable; the last acceptance completes the engagement.
            try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)/milestones/\(first)")
            try await t.post("/engagements/\(id)/submissions/\(try v1.requireID())/feedback", decided("accept", ""))
            #expect(try await Submissions.find(try v1.requireID(), engagementID: id, on: t.db)?.state == .changesRequested)
            try await t.post("/engagements/\(id)/submissions/\(try v2.requireID())/feedback", decided("accept", "Clear."))
            for milestone in milestones.dropFirst() {
                let milestoneID = try milestone.requireID()
                try await visit(t, as: "ada@uni.test", "/engagements/\(id)/milestones/\(milestoneID)")
                try await t.upload("/engagements/\(id)/milestones/\(milestoneID)/submissions", fields: [("links.0", "https://example.com/\(milestoneID)")], files: [])
                let version = try #require(try await Submissions.latest(of: milestoneID, on: t.db))
                #expect(try await state(t, engagement) == (milestone === milestones.last ? .inReview : .active))
                try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)/milestones/\(milestoneID)")
                try await t.post("/engagements/\(id)/submissions/\(try version.requireID())/feedback", decided("accept", ""))
            }
            #expect(try await state(t, engagement) == .completed)
            let done = try await t.get("/engagements/\(id)")
            #expect(done.body.string.contains("Every deliverable is accepted") && done.body.string.contains("USD 600.00"))
            let board = try await t.get("/engagements/\(id)/board")
            #expect(board.body.string.contains("Accepted (3)"))
            let audit = try await AuditEventRecord.query(on: t.db).all().map(\.action)
            for action in [AuditAction.agreementSigned, .checklistTicked, .workSubmitted, .feedbackGiven, .engagementMoved] {
                #expect(audit.contains(action), "\(action) was not audited")
            }
            #expect(try await NotificationRecord.query(on: t.db).filter(\.$message ~~ "needs changes").count() == 1)
        }
    }

    @Test("the employer's side never sees the address a candidate signed from; the candidate sees their own")
    func signatureAddresses() async throws {
        try await withTestApp(configure: { $0.trustProxy = true }) { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            let agreement = try #require(try await Agreements.current(of: id, on: t.db).first)
            let page = "/engagements/\(id)/agreements/\(try agreement.requireID())"
            try await visit(t, as: "ada@uni.test", page)
            let signed = try await t.post(page + "/sign", ["fullName": "Ada Okafor", "consent": "on"], headers: ["X-Forwarded-For": "203.0.113.7"])
            #expect(signed.status == .seeOther)
            #expect(try await t.get(page).body.string.contains("from 203.0.113.7"))
            let employer = try await visit(t, as: "hiring_manager@acme.test", page).body.string
            #expect(employer.contains("Ada Okafor, ") && !employer.contains("203.0.113.7"))
            #expect(!(try await t.get(page + "/print").body.string.contains("203.0.113.7")))
        }
    }

    @Test("a downloaded file is the stored bytes, as an attachment with a safe name, to the engagement's people only")
    func downloads() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            try await startWork(t, engagement)
            let milestone = try #require(try await Engagements.milestones(of: id, on: t.db).first).requireID()
            try await visit(t, as: "ada@uni.test", "/engagements/\(id)/milestones/\(milestone)")
            try await t.upload("/engagements/\(id)/milestones/\(milestone)/submissions", files: [("files[]", "../../etc/report;1.pdf", pdfBytes)])
            let file = try #require(try await SubmissionFileRecord.query(on: t.db).first())
            #expect(file.name == "report_1.pdf" && file.sha256 == Fingerprint.sha256(bytes: pdfBytes))
            let download = try await t.get("/engagements/\(id)/files/\(try file.requireID())")
            #expect(download.status == .ok && Array(download.body.readableBytesView) == pdfBytes)
            #expect(download.headers.first(name: .contentDisposition) == "attachment; filename=\"report_1.pdf\"")
            #expect(download.headers.first(name: .contentType) == "application/pdf")

            try await Factory(t).organization("Globex")
            try await visit(t, as: "owner@globex.test", "/engagements")
            #expect(try await t.get("/engagements/\(id)/files/\(try file.requireID())").status == .notFound)
            try await Factory(t).candidate("bo@uni.test", name: "Bo Lind")
            try await visit(t, as: "bo@uni.test", "/engagements")
            #expect(try await t.get("/engagements/\(id)/files/\(try file.requireID())").status == .notFound)
        }
    }
}

@Suite("Engagement uploads")
struct EngagementUploadTests {
    /// Files that reach a storage that breaks on the second write.
    final class BreakingStorage: FileStorage, @unchecked Sendable {
        let inner: DiskFileStorage
        private let writes = NIOLockedValueBox(0)

        init(root: String) { inner = DiskFileStorage(root: root) }

        func store(staged: URL, sha256: String) throws {
            let count = writes.withLockedValue { $0 += 1; return $0 }
            if count >= 2 { throw CocoaError(.fileWriteOutOfSpace) }
            try inner.store(staged: staged, sha256: sha256)
        }

        func stagingFile() throws -> URL { try inner.stagingFile() }
        func read(sha256: String) throws -> Data { try inner.read(sha256: sha256) }
        func sweep(referenced: Set<String>, olderThan cutoff: Date) throws -> Int { try inner.sweep(referenced: referenced, olderThan: cutoff) }
    }

    private func ready(_ t: TestApp) async throws -> (UUID, UUID) {
        let engagement = try await Factory(t).engagement()
        let id = try engagement.requireID()
        try await startWork(t, engagement)
        let milestone = try #require(try await Engagements.milestones(of: id, on: t.db).first).requireID()
        try await visit(t, as: "ada@uni.test", "/engagements/\(id)/milestones/\(milestone)")
        return (id, milestone)
    }

    @Test("a spoofed type, a file over the limit, too many files: a clear 422 naming the file, and nothing stored")
    func refusedFiles() async throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("tryout-files-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await withTestApp(configure: {
            $0.uploadLimits = UploadLimits(perFile: 1000, perEngagement: 1500, filesPerSubmission: 2)
            $0.fileStorage = DiskFileStorage(root: root)
        }) { t in
            let (id, milestone) = try await ready(t)
            let path = "/engagements/\(id)/milestones/\(milestone)/submissions"
            let spoofed = try await t.upload(path, files: [("files[]", "memo.pdf", pdfBytes), ("files[]", "report.pdf", elfBytes)])
            #expect(spoofed.status == .unprocessableEntity)
            #expect(spoofed.body.string.contains("“report.pdf” is not really"))
            #expect(spoofed.body.string.contains("Up to 2 files of at most 1000 bytes each and 1.5 KB together"))
            let large = try await t.upload(path, files: [("files[]", "big.pdf", pdfBytes + Array(repeating: 0x20, count: 1000))])
            #expect(large.status == .unprocessableEntity && large.body.string.contains("“big.pdf” is larger than the 1000 bytes limit"))
            let many = try await t.upload(path, files: Array(repeating: ("files[]", "memo.pdf", pdfBytes), count: 3))
            #expect(many.status == .unprocessableEntity && many.body.string.contains("at most 2 files"))
            let script = try await t.upload(path, files: [("files[]", "notes.txt", Array("#!/bin/sh\nrm -rf /\n".utf8))])
            #expect(script.status == .unprocessableEntity)
            #expect(try await submissionCount(t) == 0)
            #expect(storedFiles(root).isEmpty, "a refused file stayed on disk")

            // The engagement's quota counts what is already stored.
            try await t.upload(path, files: [("files[]", "memo.pdf", pdfBytes + Array(repeating: 0x20, count: 800))])
            #expect(try await submissionCount(t) == 1)
        }
    }

    @Test("versions sent at once share the engagement's storage: together they never pass its limit")
    func simultaneousUploads() async throws {
        try await withTestApp(configure: { $0.uploadLimits = UploadLimits(perFile: 1000, perEngagement: 1500) }) { t in
            let (id, _) = try await ready(t)
            let ada = try await t.token(for: "ada@uni.test")
            let milestones = try await Engagements.milestones(of: id, on: t.db).map { try $0.requireID() }
            #expect(milestones.count == 3)
            // Each file fits alone; any two together do not.
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for (index, milestone) in milestones.enumerated() {
                    let bytes = pdfBytes + Array(repeating: 0x20, count: 700 + index)
                    group.addTask {
                        try await t.upload("/api/v1/engagements/\(id)/milestones/\(milestone)/submissions",
                                           files: [("files[]", "part\(index).pdf", bytes)], token: ada).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .unprocessableEntity }.count == 2, "\(statuses)")
            #expect(try await Submissions.usedBytes(engagementID: id, on: t.db) <= 1500)
            #expect(try await submissionCount(t) == 1)
        }
    }

    @Test("an upload from someone signed out is refused before its body is read")
    func signedOutUpload() async throws {
        try await withTestApp { t in
            let (id, milestone) = try await ready(t)
            try await t.signOut()
            // Without a form token too: the answer is "sign in", decided before the CSRF check reads the body.
            let response = try await t.upload("/engagements/\(id)/milestones/\(milestone)/submissions",
                                              files: [("files[]", "memo.pdf", pdfBytes + Array(repeating: 0x20, count: 1 << 20))], csrf: false)
            #expect(response.status == .unauthorized)
            #expect(try await submissionCount(t) == 0)
        }
    }

    @Test("a body over the upload limit is refused with 413 before anything is read")
    func oversizeBody() async throws {
        try await withTestApp(configure: { $0.uploadLimits = UploadLimits(perFile: 1000, perEngagement: 2000) }) { t in
            let (id, milestone) = try await ready(t)
            let response = try await t.upload("/engagements/\(id)/milestones/\(milestone)/submissions",
                                              files: [("files[]", "memo.pdf", pdfBytes + Array(repeating: 0x20, count: 2 << 20))])
            #expect(response.status == .payloadTooLarge && response.body.string.contains("files can weigh at most"), "\(response.body.string)")
            #expect(try await submissionCount(t) == 0)
        }
    }

    @Test("refused uploads (unknown milestone, stranger, declared too large) leave the files directory as it was, web and API")
    func refusedUploadsLeaveNothing() async throws {
        try await withTestApp(configure: { $0.uploadLimits = UploadLimits(perFile: 400_000, perEngagement: 500_000, filesPerSubmission: 3) }) { t in
            let root = try #require(t.app.tryout.fileStorage as? DiskFileStorage).root
            let (id, milestone) = try await ready(t)
            let big = pdfBytes + Array(repeating: 0x20, count: 390_000)
            let nowhere = "/engagements/\(id)/milestones/\(UUID())/submissions"
            #expect(try await t.upload(nowhere, files: Array(repeating: ("files[]", "a.pdf", big), count: 3)).status == .notFound)
            let ada = try await t.token(for: "ada@uni.test")
            #expect(try await t.upload("/api/v1" + nowhere, files: [("files[]", "a.pdf", big)], token: ada).status == .notFound)
            try await Factory(t).user("stranger@x.io")
            try await visit(t, as: "stranger@x.io", "/")
            #expect(try await t.upload("/engagements/\(id)/milestones/\(milestone)/submissions", files: [("files[]", "a.pdf", big)]).status == .notFound)
            // More than the request may carry, or than the engagement has room for, is refused on its declared size.
            try await visit(t, as: "ada@uni.test", "/engagements/\(id)/milestones/\(milestone)")
            let tooMuch = try await t.upload("/engagements/\(id)/milestones/\(milestone)/submissions",
                                             files: Array(repeating: ("files[]", "a.pdf", big), count: 3) + [("files[]", "b.pdf", big)])
            #expect(tooMuch.status == .payloadTooLarge)
            #expect(try await submissionCount(t) == 0)
            #expect(storedFiles(root).isEmpty, "refused uploads left \(storedFiles(root))")
            // A version that is taken still lands.
            #expect(try await t.upload("/engagements/\(id)/milestones/\(milestone)/submissions", files: [("files[]", "a.pdf", pdfBytes)]).status == .seeOther)
            #expect(storedFiles(root).count == 1)
        }
    }

    @Test("a body that is not multipart, or a note past 64 KB, is a clear 4xx that leaves no staged file and no version")
    func unreadableUploads() async throws {
        try await withTestApp { t in
            let root = try #require(t.app.tryout.fileStorage as? DiskFileStorage).root
            let (id, milestone) = try await ready(t)
            let path = "/engagements/\(id)/milestones/\(milestone)/submissions?_csrf=\(t.csrf ?? "")"
            let body = "--b\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7 cut off"
            let cut = try await t.send(.POST, path, headers: ["Content-Type": "multipart/form-data; boundary=b", "Content-Length": "\(body.utf8.count)"],
                                       body: ByteBuffer(string: body))
            #expect(cut.status == .badRequest)
            let plain = try await t.send(.POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: ByteBuffer(string: "note=hi"))
            #expect(plain.status == .unsupportedMediaType)
            let long = try await t.upload(path.components(separatedBy: "?")[0], fields: [("note", String(repeating: "n", count: 70_000))],
                                          files: [("files[]", "a.pdf", pdfBytes)])
            #expect(long.status == .payloadTooLarge)
            #expect(try await submissionCount(t) == 0)
            #expect(storedFiles(root).isEmpty, "refused uploads left \(storedFiles(root))")
        }
    }

    @Test("the sweep removes unreferenced and staged files older than an hour, and keeps the rest")
    func sweep() async throws {
        try await withTestApp { t in
            let storage = try #require(t.app.tryout.fileStorage as? DiskFileStorage)
            let (id, milestone) = try await ready(t)
            #expect(try await t.upload("/engagements/\(id)/milestones/\(milestone)/submissions", files: [("files[]", "a.pdf", pdfBytes)]).status == .seeOther)
            let old = Date().addingTimeInterval(-7200)
            func orphan(_ bytes: [UInt8], age: Date) throws -> URL {
                let staged = try storage.stagingFile()
                try Data(bytes).write(to: staged)
                let hash = Fingerprint.sha256(bytes: bytes)
                try storage.store(staged: staged, sha256: hash)
                let url = URL(fileURLWithPath: storage.root).appendingPathComponent("\(hash.prefix(2))/\(hash.dropFirst(2).prefix(2))/\(hash)")
                try FileManager.default.setAttributes([.modificationDate: age], ofItemAtPath: url.path)
                return url
            }
            let stale = try orphan(Array("stale".utf8), age: old)
            let young = try orphan(Array("young".utf8), age: Date())
            let staged = try storage.stagingFile()
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: staged.path)
            for file in storedFiles(storage.root) {
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: storage.root + "/" + file)
            }
            try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: young.path)
            let removed = try await Housekeeping.sweepFiles(t.app)
            #expect(removed == 2)
            #expect(!FileManager.default.fileExists(atPath: stale.path))
            #expect(!FileManager.default.fileExists(atPath: staged.path))
            #expect(FileManager.default.fileExists(atPath: young.path))
            let kept = try #require(try await SubmissionFileRecord.query(on: t.db).first())
            #expect(try storage.read(sha256: kept.sha256).count == pdfBytes.count)
        }
    }

    @Test("storage failing half-way through leaves no half-registered version")
    func storageFailure() async throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("tryout-files-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await withTestApp(configure: { $0.fileStorage = BreakingStorage(root: root) }) { t in
            let (id, milestone) = try await ready(t)
            let second = Array("%PDF-1.7\nsecond\n%%EOF\n".utf8)
            let response = try await t.upload("/engagements/\(id)/milestones/\(milestone)/submissions",
                                              files: [("files[]", "a.pdf", pdfBytes), ("files[]", "b.pdf", second)])
            #expect(response.status == .serviceUnavailable)
            #expect(response.body.string.contains("nothing was submitted"))
            #expect(try await submissionCount(t) == 0)
            #expect(try await SubmissionFileRecord.query(on: t.db).count() == 0)
            #expect(try await MilestoneRecord.find(milestone, on: t.db)?.state == .open)
        }
    }
}

/// Every regular file under `root`, staging included: what uploads left on disk.
func storedFiles(_ root: String) -> [String] {
    let walk = FileManager.default.enumerator(atPath: root)
    var files: [String] = []
    while let path = walk?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue { files.append(path) }
    }
    return files
}
