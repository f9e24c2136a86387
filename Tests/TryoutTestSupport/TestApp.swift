import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import TryoutCore
import TryoutStore
@testable import TryoutWeb
import Vapor
import VaporTesting

/// A configured application on a fresh database, plus a small browser: it keeps cookies
/// and reads the CSRF token from the last page, so tests speak HTTP like a person would.
public final class TestApp: @unchecked Sendable {
    public let app: Application
    public let clock: TestClock
    public private(set) var cookies: [String: String] = [:]
    public private(set) var csrf: String?
    public static let password = "correct horse battery"

    init(app: Application, clock: TestClock) {
        self.app = app
        self.clock = clock
    }

    public var db: any Database { app.db }

    // MARK: Requests

    @discardableResult
    public func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> TestingHTTPResponse {
        var headers = headers
        if !cookies.isEmpty, !headers.contains(name: .cookie) {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for cookie in response.headers[.setCookie] {
            let pair = cookie.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count >= 1 else { continue }
            let value = parts.count == 2 ? parts[1] : ""
            if value.isEmpty { cookies.removeValue(forKey: parts[0]) } else { cookies[parts[0]] = value }
        }
        if let token = Self.csrfToken(in: response.body.string) { csrf = token }
        return response
    }

    @discardableResult
    public func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path)
    }

    /// Posts a form with the current CSRF token unless `csrf` is given (or `""` to leave it out).
    @discardableResult
    public func post(_ path: String, _ fields: [String: String] = [:], csrf override: String? = nil,
                     headers extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var fields = fields
        let token = override ?? csrf ?? ""
        if !token.isEmpty { fields["_csrf"] = token }
        var headers = extra
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: Self.formEncode(fields)))
    }

    /// Posts a `multipart/form-data` form, as a browser sends a file upload, with the current
    /// CSRF token in the address (uploads are streamed) unless `csrf` is false; `token` sends it
    /// to the API instead, without cookies.
    @discardableResult
    public func upload(_ path: String, fields: [(String, String)] = [], files: [(field: String, name: String, bytes: [UInt8])],
                       csrf withToken: Bool = true, token: String? = nil) async throws -> TestingHTTPResponse {
        let boundary = "----tryout-\(UUID().uuidString)"
        var body = ByteBuffer()
        var path = path
        if withToken && token == nil, let csrf { path += "?_csrf=\(csrf)" }
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n")
            body.writeString("Content-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        headers.replaceOrAdd(name: .contentLength, value: String(body.readableBytes))
        if let token {
            headers.bearerAuthorization = .init(token: token)
            headers.replaceOrAdd(name: .cookie, value: "")
            return try await app.testing().sendRequest(.POST, path, headers: headers, body: body)
        }
        return try await send(.POST, path, headers: headers, body: body)
    }

    /// Calls the JSON API with a bearer token and no cookies.
    @discardableResult
    public func api(_ method: HTTPMethod, _ path: String, token: String?, json: String? = nil,
                    idempotencyKey: String? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let idempotencyKey { headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        if let token { headers.bearerAuthorization = .init(token: token) }
        if json != nil { headers.contentType = .json }
        headers.replaceOrAdd(name: .cookie, value: "")
        return try await app.testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    public func clearCookies() {
        cookies = [:]
        csrf = nil
    }

    // MARK: Accounts

    /// Signs in through the form, as a browser would.
    @discardableResult
    public func signIn(_ email: String, password: String = TestApp.password) async throws -> TestingHTTPResponse {
        try await get("/signin")
        return try await post("/signin", ["email": email, "password": password])
    }

    public func signOut() async throws {
        try await get("/settings")
        try await post("/signout")
    }

    /// Creates a personal API token for `email` straight in the store.
    public func token(for email: String) async throws -> String {
        let user = try #require(try await Accounts.user(email: EmailAddress(email)!, on: db))
        return try await Accounts.createToken(userID: try user.requireID(), name: "test", at: clock.now, on: db).1
    }

    // MARK: Jobs

    /// Runs every due job with the application's own handlers, as a worker would, until none is
    /// due; with `date`, the clock first moves forward to it. Returns how many jobs ran.
    @discardableResult
    public func runJobs(at date: Date? = nil) async throws -> Int {
        if let date, date > clock.now { clock.advance(by: date.timeIntervalSince(clock.now)) }
        return try await app.runDueJobs()
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    public static func formEncode(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }
}

/// A clock tests move by hand.
public final class TestClock: Sendable {
    private let current = NIOLockedValueBox(Date(timeIntervalSince1970: 1_795_000_000))

    public init() {}

    public var now: Date { current.withLockedValue { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Runs `body` against a migrated application on a fresh database.
/// Brings an empty database to the current schema as the server does; each test's database is
/// a copy of one made so (see `TestDatabase`).
private func migrateTemplate(_ target: DatabaseTarget) async throws {
    let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("tryout-template-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let app = try await Application.make(.testing)
    app.logger.logLevel = .error
    do {
        try await configure(app, TryoutConfig(dataDirectory: directory, database: target, bcryptCost: 4, logMail: false))
        try await app.autoMigrate()
        // Everything into the main file before it is copied.
        if case .sqliteFile = target, let sql = app.db as? any SQLDatabase { try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run() }
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

public func withTestApp(configure adjust: (inout TryoutConfig) -> Void = { _ in },
                        _ body: (TestApp) async throws -> Void) async throws {
    let (target, drop) = try await TestDatabase.make(migrate: migrateTemplate)
    let clock = TestClock()
    // Each test keeps its uploaded files apart, so "nothing was stored" can be checked.
    let dataDirectory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("tryout-test-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
    var config = TryoutConfig(dataDirectory: dataDirectory, database: target, bcryptCost: 4, logMail: false,
                              now: { clock.now })
    adjust(&config)
    let app = try await Application.make(.testing)
    app.logger.logLevel = .error
    do {
        try await configure(app, config)
        try await app.autoMigrate()
        try await body(TestApp(app: app, clock: clock))
    } catch {
        try? await app.asyncShutdown()
        await drop()
        throw error
    }
    try await app.asyncShutdown()
    await drop()
}
