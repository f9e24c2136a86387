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
/// default a new publication shows on every server within two seconds.
///
/// A serving process also watches the catalog's version in the database (`CatalogWatch`), which
/// the database raises with every change anonymous visitors could see. While the watch is
/// current, a page rendered at the version the database still has is kept for
/// `watchedLifetime`, and a page rendered before a change is never served again once the process
/// has seen the change: within the watch's interval, on every server sharing the database.
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
        // Read before rendering: a change that lands while the page renders leaves it marked
        // with the older version, so the next check retires it.
        let version = store.catalogVersion
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
        return store.keep(key, headers: response.headers, body: body, at: now, version: version).response(to: request)
    }

    /// Cookies and tokens are what make a page someone's own.
    private static func isAnonymous(_ request: Request) -> Bool {
        let personal = [BrowserSessionMiddleware.cookieName, AnonymousCookies.csrfCookie, AnonymousCookies.flashCookie]
        return request.headers[.authorization].isEmpty && personal.allSatisfy { request.sentCookies[$0] == nil }
    }
}

/// One kept answer and what validates it.
struct PublicPage: Sendable {
    var headers: HTTPHeaders
    var body: ByteBuffer
    var etag: String
    var lastModified: Date
    var storedAt: Date
    /// The catalog's version as the process knew it when the page was rendered.
    var catalogVersion: Int?

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
        /// The catalog's version at the watch's last successful check, and when that was.
        var catalog: (version: Int, checkedAt: Date)?

        mutating func set(_ key: String, _ entry: Entry?) {
            bytes -= entries[key]?.page.body.readableBytes ?? 0
            entries[key] = entry
            bytes += entry?.page.body.readableBytes ?? 0
        }
    }

    let lifetime: TimeInterval
    /// How long a page is kept while the watch is current and the catalog has not changed.
    let watchedLifetime: TimeInterval
    /// How old the watch's last check may be for its version to count: a watch that stopped
    /// (the database unreachable, the process starved) leaves pages their plain `lifetime`.
    let watchTolerance: TimeInterval
    private let maxPages: Int
    private let maxBytes: Int
    private let state = NIOLockedValueBox(State())

    init(lifetime: TimeInterval, watchedLifetime: TimeInterval = 60, watchTolerance: TimeInterval = 1.5,
         maxPages: Int = 2_000, maxBytes: Int = 64 << 20) {
        self.lifetime = lifetime
        self.watchedLifetime = max(lifetime, watchedLifetime)
        self.watchTolerance = watchTolerance
        self.maxPages = maxPages
        self.maxBytes = maxBytes
    }

    /// What the watch read from the database, at `now`.
    func catalog(version: Int, checkedAt now: Date) {
        state.withLockedValue { $0.catalog = (version, now) }
    }

    /// The catalog's version as last read, to mark a page about to be rendered.
    var catalogVersion: Int? {
        state.withLockedValue { $0.catalog?.version }
    }

    /// The kept page if it may be served; nil tells the caller to render it. Once the page is
    /// stale only that caller renders, and the others get the stale copy meanwhile.
    func fresh(_ key: String, at now: Date) -> PublicPage? {
        guard lifetime > 0 else { return nil }
        return state.withLockedValue { state in
            guard var entry = state.entries[key] else { return nil }
            let lifetime: TimeInterval
            if let version = Self.watched(state, at: now, tolerance: watchTolerance) {
                // Rendered before a change this process has seen: never served again.
                guard entry.page.catalogVersion == version else {
                    state.set(key, nil)
                    return nil
                }
                lifetime = watchedLifetime
            } else {
                lifetime = self.lifetime
            }
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
    func keep(_ key: String, headers: HTTPHeaders, body: ByteBuffer, at now: Date, version: Int? = nil) -> PublicPage {
        let digest = SHA256.hash(data: body.readableBytesView)
        let etag = "\"" + Hex.encode(digest.prefix(16)) + "\""
        return state.withLockedValue { state in
            let previous = state.entries[key]?.page
            let page = PublicPage(headers: headers, body: body, etag: etag,
                                  lastModified: previous?.etag == etag ? previous!.lastModified : now, storedAt: now, catalogVersion: version)
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

    /// The version the watch read, if its check is recent enough to go by.
    private static func watched(_ state: State, at now: Date, tolerance: TimeInterval) -> Int? {
        guard let catalog = state.catalog, now.timeIntervalSince(catalog.checkedAt) < tolerance else { return nil }
        return catalog.version
    }

    /// Expired pages go first; if that is not enough, the oldest, down to nine tenths of the
    /// bounds. A stream of addresses never asked before (a crawler's) then sorts the pages once
    /// in hundreds of new ones, where sorting on each took a seventh of such a search's time
    /// (Benchmarks/README.md, twelfth round).
    private func evict(_ state: inout State, at now: Date) {
        guard state.entries.count > maxPages || state.bytes > maxBytes else { return }
        let version = Self.watched(state, at: now, tolerance: watchTolerance)
        let expired = state.entries.filter { _, entry in
            let kept = version != nil && entry.page.catalogVersion == version ? watchedLifetime : lifetime
            return now.timeIntervalSince(entry.page.storedAt) >= 2 * kept
        }
        for key in expired.keys { state.set(key, nil) }
        let (pages, bytes) = (maxPages * 9 / 10, maxBytes / 10 * 9)
        guard state.entries.count > pages || state.bytes > bytes else { return }
        for (_, key) in state.entries.map({ ($0.value.page.storedAt, $0.key) }).sorted(by: { $0.0 < $1.0 })
        where state.entries.count > pages || state.bytes > bytes {
            state.set(key, nil)
        }
    }
}

extension Application {
    private struct PublicPagesKey: StorageKey {
        typealias Value = PublicPageStore
    }

    var publicPages: PublicPageStore {
        get { configured(PublicPagesKey.self) }
        set { storage[PublicPagesKey.self] = newValue }
    }
}
