import Foundation
import NIOConcurrencyHelpers
import TryoutCore
import Vapor

/// Pages everyone sees alike (the home page, the marketplace, a public project, the public
/// search API) kept for a moment, so a crowd of anonymous visitors costs one rendering a second
/// rather than one each.
///
/// Nothing personal is ever kept: only requests without a session, form token, flash message or
/// API token are served from the cache, and only answers that set no cookie are stored, so a
/// partner-only or invite-only project (which needs a signed-in viewer) never enters it. Each
/// process keeps its own copy for `lifetime`; past that, one request renders the page again while
/// the others get the previous copy, and past twice the lifetime nobody does. With the one-second
/// default a new publication shows on every server within two seconds, with no invalidation to
/// share between processes.
///
/// Every page it handles carries an `ETag` and `Last-Modified` and answers a matching
/// conditional request with 304, cache or no cache.
struct PublicPageCache: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET, Self.isAnonymous(request) else { return try await next.respond(to: request) }
        let store = request.application.publicPages
        let key = request.url.string
        let now = request.now
        if let page = store.fresh(key, at: now) { return page.response(to: request) }
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            store.forget(key)
            throw error
        }
        guard response.status == .ok, request.authState.cookiesToSet.isEmpty, !response.headers.contains(name: .setCookie),
              let body = response.body.buffer
        else {
            store.forget(key)
            return response
        }
        return store.keep(key, headers: response.headers, body: body, at: now).response(to: request)
    }

    /// Cookies and tokens are what make a page someone's own.
    private static func isAnonymous(_ request: Request) -> Bool {
        let personal = [BrowserSessionMiddleware.cookieName, AnonymousCookies.csrfCookie, AnonymousCookies.flashCookie]
        return request.headers[.authorization].isEmpty && personal.allSatisfy { request.cookies[$0] == nil }
    }
}

/// One kept answer and what validates it.
struct PublicPage: Sendable {
    var headers: HTTPHeaders
    var body: ByteBuffer
    var etag: String
    var lastModified: Date
    var storedAt: Date

    func response(to request: Request) -> Response {
        var headers = headers
        headers.replaceOrAdd(name: .eTag, value: etag)
        headers.replaceOrAdd(name: .lastModified, value: HTTPDate.format(lastModified))
        // Browsers and shared caches may keep the page but must ask again each time; signed-in
        // visitors send a cookie, and their pages are their own.
        headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        headers.replaceOrAdd(name: .vary, value: "Cookie, Authorization")
        guard isNotModified(request) else { return Response(status: .ok, headers: headers, body: .init(buffer: body)) }
        headers.remove(name: .contentType)
        return Response(status: .notModified, headers: headers)
    }

    /// RFC 9110 §13.1: `If-None-Match` decides when present; `If-Modified-Since` only otherwise.
    private func isNotModified(_ request: Request) -> Bool {
        let tags = request.headers[.ifNoneMatch]
        if !tags.isEmpty {
            return tags.flatMap { $0.split(separator: ",") }.contains { tag in
                let tag = tag.trimmingCharacters(in: .whitespaces)
                return tag == "*" || tag == etag || tag == "W/" + etag
            }
        }
        guard let since = request.headers.first(name: .ifModifiedSince).flatMap(HTTPDate.parse) else { return false }
        return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }
}

/// The process's kept pages. Bounded in count and bytes, so query strings made up by a crawler
/// cannot grow it without end.
final class PublicPageStore: Sendable {
    private struct Entry {
        var page: PublicPage
        var refreshing = false
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0

        mutating func set(_ key: String, _ entry: Entry?) {
            bytes -= entries[key]?.page.body.readableBytes ?? 0
            entries[key] = entry
            bytes += entry?.page.body.readableBytes ?? 0
        }
    }

    let lifetime: TimeInterval
    private let maxPages: Int
    private let maxBytes: Int
    private let state = NIOLockedValueBox(State())

    init(lifetime: TimeInterval, maxPages: Int = 2_000, maxBytes: Int = 64 << 20) {
        self.lifetime = lifetime
        self.maxPages = maxPages
        self.maxBytes = maxBytes
    }

    /// The kept page if it may be served; nil tells the caller to render it. Once the page is
    /// stale only that caller renders, and the others get the stale copy meanwhile.
    func fresh(_ key: String, at now: Date) -> PublicPage? {
        guard lifetime > 0 else { return nil }
        return state.withLockedValue { state in
            guard var entry = state.entries[key] else { return nil }
            let age = now.timeIntervalSince(entry.page.storedAt)
            if age < lifetime { return entry.page }
            guard age < 2 * lifetime else { return nil }
            if entry.refreshing { return entry.page }
            entry.refreshing = true
            state.set(key, entry)
            return nil
        }
    }

    /// Stores a rendered page and returns it with its validators. `Last-Modified` stays put while
    /// the content does, so a conditional request still matches after the page is rendered again.
    func keep(_ key: String, headers: HTTPHeaders, body: ByteBuffer, at now: Date) -> PublicPage {
        let digest = SHA256.hash(data: body.readableBytesView)
        let etag = "\"" + Hex.encode(digest.prefix(16)) + "\""
        return state.withLockedValue { state in
            let previous = state.entries[key]?.page
            let page = PublicPage(headers: headers, body: body, etag: etag,
                                  lastModified: previous?.etag == etag ? previous!.lastModified : now, storedAt: now)
            guard lifetime > 0 else { return page }
            state.set(key, Entry(page: page))
            evict(&state, at: now)
            return page
        }
    }

    /// Drops a page that could not be rendered again (it may have been withdrawn).
    func forget(_ key: String) {
        state.withLockedValue { $0.set(key, nil) }
    }

    /// Expired pages go first; if that is not enough, the oldest.
    private func evict(_ state: inout State, at now: Date) {
        guard state.entries.count > maxPages || state.bytes > maxBytes else { return }
        for (key, entry) in state.entries where now.timeIntervalSince(entry.page.storedAt) >= 2 * lifetime {
            state.set(key, nil)
        }
        for key in state.entries.sorted(by: { $0.value.page.storedAt < $1.value.page.storedAt }).map(\.key)
        where state.entries.count > maxPages || state.bytes > maxBytes {
            state.set(key, nil)
        }
    }
}

extension Application {
    private struct PublicPagesKey: StorageKey {
        typealias Value = PublicPageStore
    }

    var publicPages: PublicPageStore {
        get {
            guard let store = storage[PublicPagesKey.self] else { fatalError("configure(app) has not run") }
            return store
        }
        set { storage[PublicPagesKey.self] = newValue }
    }
}
