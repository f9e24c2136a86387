import Foundation
import SnapshotTesting
import Testing
import TryoutTestSupport
import Vapor
import VaporTesting

/// Loads pages over HTTP as one person or another and compares their scrubbed HTML with the
/// recorded snapshot. Set `SNAPSHOT_TESTING_RECORD=all` to record again after a wanted change.
final class PageCamera {
    let t: TestApp
    /// Who is signed in: nil for nobody, `.some(nil)` after `forget()`, when it is not known.
    private var person: String?? = .some(nil)

    init(_ t: TestApp) { self.t = t }

    /// Forgets who is signed in, after steps that signed in on their own.
    func forget() { person = nil }

    /// Becomes `email` (anonymous when nil), signing out whoever was signed in.
    func become(_ email: String?) async throws {
        guard person != .some(email) else { return }
        if person != .some(nil) { try await t.signOut() }
        t.clearCookies()
        if let email {
            let signedIn = try await t.signIn(email)
            #expect(signedIn.status == .seeOther, "\(email) could not sign in")
        }
        person = email
    }

    /// GETs `path` as `email` and snapshots the page as `name`; the status is part of the state.
    func snap(_ path: String, as email: String?, named name: String, status: HTTPStatus = .ok,
              fileID: StaticString = #fileID, filePath: StaticString = #filePath, testName: String = #function,
              line: UInt = #line, column: UInt = #column) async throws {
        try await become(email)
        let response = try await t.get(path)
        record(response, named: name, status: status, fileID: fileID, filePath: filePath, testName: testName, line: line, column: column)
    }

    /// Snapshots a page already fetched, such as a form sent back with its errors.
    func record(_ response: TestingHTTPResponse, named name: String, status: HTTPStatus = .ok,
                fileID: StaticString = #fileID, filePath: StaticString = #filePath, testName: String = #function,
                line: UInt = #line, column: UInt = #column) {
        let location = SourceLocation(fileID: "\(fileID)", filePath: "\(filePath)", line: Int(line), column: Int(column))
        #expect(response.status == status, "\(name)", sourceLocation: location)
        assertSnapshot(of: StableHTML.snapshot(of: response.body.string), as: .lines, named: name,
                       fileID: fileID, file: filePath, testName: testName, line: line, column: column)
    }

    /// Acts as `email` by posting a form from `page` (loaded first for its CSRF token).
    @discardableResult
    func post(_ path: String, _ fields: [String: String] = [:], as email: String, from page: String) async throws -> TestingHTTPResponse {
        try await become(email)
        try await t.get(page)
        return try await t.post(path, fields)
    }
}
