import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Pages anonymous visitors share")
struct PublicPageCacheTests {
    /// An anonymous request: no cookie, no token, with `headers` added.
    private func anonymous(_ t: TestApp, _ path: String, _ headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var headers = headers
        headers.replaceOrAdd(name: .cookie, value: "")
        return try await t.app.testing().sendRequest(.GET, path, headers: headers)
    }

    private func publish(_ t: TestApp, _ org: OrganizationRecord, title: String, partner: OrganizationRecord? = nil) async throws -> ProjectRecord {
        var brief = BriefTemplates.all[0].brief
        brief.title = title
        if partner != nil { brief.visibility = .partners }
        let project = try await ProjectBriefs.create(organizationID: org.requireID(), brief: brief,
                                                     audience: ProjectAudience(partnerIDs: try partner.map { [try $0.requireID()] } ?? []),
                                                     at: t.clock.now, on: t.db)
        try await ProjectBriefs.setState(project, to: .published, at: t.clock.now, on: t.db)
        return project
    }

    @Test("a publication reaches anonymous visitors within two seconds; signed-in visitors never get the kept page")
    func freshness() async throws {
        try await withTestApp(configure: { $0.pageCacheLifetime = 1 }) { t in
            let acme = try await Factory(t).organization("Acme", roles: [.owner])
            #expect(try await anonymous(t, "/projects?q=walrus").body.string.contains(">0 projects<"))
            #expect(try await anonymous(t, "/api/v1/projects?q=walrus").body.string.contains(#""total":0"#))
            _ = try await publish(t, acme, title: "Walrus census")
            #expect(try await anonymous(t, "/projects?q=walrus").body.string.contains(">0 projects<"), "kept for a second")
            #expect(try await anonymous(t, "/api/v1/projects?q=walrus").body.string.contains(#""total":0"#))

            try await t.signIn("owner@acme.test")
            let signedIn = try await t.get("/projects?q=walrus")
            #expect(signedIn.body.string.contains("Walrus census"), "rendered for the signed-in visitor")
            #expect(signedIn.headers[.eTag].isEmpty && signedIn.headers[.cacheControl] == ["no-store"])
            let token = try await t.token(for: "owner@acme.test")
            #expect(try await t.api(.GET, "/api/v1/projects?q=walrus", token: token).body.string.contains(#""total":1"#))

            t.clock.advance(by: 1.2)
            #expect(try await anonymous(t, "/projects?q=walrus").body.string.contains("Walrus census"))
            #expect(try await anonymous(t, "/api/v1/projects?q=walrus").body.string.contains(#""total":1"#))
        }
    }

    @Test("a project shared with a partner never enters the cache, whoever looked first")
    func partnerProjects() async throws {
        try await withTestApp(configure: { $0.pageCacheLifetime = 1 }) { t in
            let factory = Factory(t)
            let acme = try await factory.organization("Acme", roles: [.owner])
            let lakeside = try await factory.organization("Lakeside", kind: .partner, roles: [.owner, .staff])
            let shared = try await publish(t, acme, title: "Campus zephyr survey", partner: lakeside)
            try await t.signIn("owner@acme.test")
            let author = try await t.get("/projects/\(shared.id!)")
            #expect(author.status == .ok && author.body.string.contains("Campus zephyr survey"))
            #expect(try await t.get("/projects?q=zephyr").body.string.contains("Campus zephyr survey"))
            #expect(try await anonymous(t, "/projects/\(shared.id!)").status == .notFound)
            #expect(try await anonymous(t, "/api/v1/projects/\(shared.id!)").status == .notFound)
            #expect(try await anonymous(t, "/projects?q=zephyr").body.string.contains(">0 projects<"))
            #expect(!(try await anonymous(t, "/").body.string.contains("zephyr")))
        }
    }

    @Test("pages carry an ETag and Last-Modified and answer conditional requests with 304, kept or not", arguments: [0.0, 1.0])
    func conditionalRequests(lifetime: TimeInterval) async throws {
        try await withTestApp(configure: { $0.pageCacheLifetime = lifetime }) { t in
            let acme = try await Factory(t).organization("Acme", roles: [.owner])
            let project = try await publish(t, acme, title: "Walrus census")
            for path in ["/", "/projects", "/projects/\(project.id!)", "/api/v1/projects?q=walrus", "/api/v1/projects/\(project.id!)"] {
                let first = try await anonymous(t, path)
                let etag = try #require(first.headers.first(name: .eTag), "\(path)")
                let modified = try #require(first.headers.first(name: .lastModified))
                #expect(first.status == .ok && first.headers[.vary] == ["Cookie, Authorization"] && first.headers[.cacheControl] == ["no-cache"])

                let matched = try await anonymous(t, path, ["If-None-Match": "\"other\", \(etag)"])
                #expect(matched.status == .notModified && matched.body.readableBytes == 0, "\(path)")
                #expect(matched.headers.first(name: .eTag) == etag)
                #expect(try await anonymous(t, path, ["If-Modified-Since": modified]).status == .notModified)
                #expect(try await anonymous(t, path, ["If-None-Match": "\"other\""]).status == .ok, "a tag decides over a date")
                let dayBefore = HTTPDate.format(try #require(HTTPDate.parse(modified)).addingTimeInterval(-86_400))
                #expect(try await anonymous(t, path, ["If-Modified-Since": dayBefore]).status == .ok)
            }
        }
    }

    @Test("a stale page is rendered again by one request while the others get the previous copy, and no longer than twice the lifetime")
    func staleWhileRendering() throws {
        let store = PublicPageStore(lifetime: 1)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(store.fresh("/projects", at: start) == nil)
        let kept = store.keep("/projects", headers: [:], body: ByteBuffer(string: "one"), at: start)
        #expect(store.fresh("/projects", at: start.addingTimeInterval(0.9))?.etag == kept.etag)
        #expect(store.fresh("/projects", at: start.addingTimeInterval(1.1)) == nil, "this caller renders")
        #expect(store.fresh("/projects", at: start.addingTimeInterval(1.2))?.etag == kept.etag, "the others wait on nothing")
        #expect(store.fresh("/projects", at: start.addingTimeInterval(2.0)) == nil, "too old for anyone")

        let same = store.keep("/projects", headers: [:], body: ByteBuffer(string: "one"), at: start.addingTimeInterval(2.0))
        #expect(same.etag == kept.etag && same.lastModified == start, "unchanged content keeps its date")
        let changed = store.keep("/projects", headers: [:], body: ByteBuffer(string: "two"), at: start.addingTimeInterval(3.0))
        #expect(changed.etag != kept.etag && changed.lastModified == start.addingTimeInterval(3.0))
    }

    @Test("while the watch is current a page is kept until the catalog changes; a page from before a change is never served; a stopped watch leaves the plain lifetime")
    func watchedCatalog() {
        let store = PublicPageStore(lifetime: 1, watchedLifetime: 60, watchTolerance: 1.5)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }
        store.catalog(version: 7, checkedAt: start)
        #expect(store.catalogVersion == 7)
        let kept = store.keep("/projects", headers: [:], body: ByteBuffer(string: "one"), at: start, version: store.catalogVersion)
        store.catalog(version: 7, checkedAt: at(30))
        #expect(store.fresh("/projects", at: at(30.5))?.etag == kept.etag, "unchanged for half a minute")
        #expect(store.fresh("/projects", at: at(32.0)) == nil, "the watch last read 2 s ago: one second, as unwatched")
        store.catalog(version: 7, checkedAt: at(59))
        #expect(store.fresh("/projects", at: at(60.2)) == nil, "past the watched lifetime this caller renders")
        #expect(store.fresh("/projects", at: at(60.3))?.etag == kept.etag, "and the others get the copy meanwhile")

        _ = store.keep("/projects", headers: [:], body: ByteBuffer(string: "one"), at: at(61), version: 7)
        store.catalog(version: 8, checkedAt: at(61.2))
        #expect(store.fresh("/projects", at: at(61.3)) == nil, "rendered before a change")
        #expect(store.fresh("/projects", at: at(61.4)) == nil, "not even to the callers that follow")
        let unmarked = store.keep("/", headers: [:], body: ByteBuffer(string: "home"), at: at(61.4))
        #expect(unmarked.catalogVersion == nil && store.fresh("/", at: at(61.5)) == nil, "a page the watch did not mark")

        // Another process's store, watching the same database, retires its own copy alike.
        let other = PublicPageStore(lifetime: 1)
        other.catalog(version: 7, checkedAt: start)
        _ = other.keep("/projects", headers: [:], body: ByteBuffer(string: "one"), at: start, version: 7)
        other.catalog(version: 8, checkedAt: at(0.5))
        #expect(other.fresh("/projects", at: at(0.6)) == nil, "even within the plain lifetime")
    }

    @Test("a publication retires the kept search as soon as the watch reads the version the database raised, without waiting out the lifetime")
    func publicationRetiresPages() async throws {
        try await withTestApp(configure: { $0.pageCacheLifetime = 1 }) { t in
            let acme = try await Factory(t).organization("Acme", roles: [.owner])
            try await CatalogWatch.check(t.app)
            #expect(try await anonymous(t, "/projects?q=walrus").body.string.contains(">0 projects<"))
            #expect(try await anonymous(t, "/api/v1/projects?q=walrus").body.string.contains(#""total":0"#))
            t.clock.advance(by: 30)
            try await CatalogWatch.check(t.app)
            #expect(t.app.publicPages.fresh("/projects?q=walrus", at: t.clock.now) != nil, "kept past its plain lifetime")

            _ = try await publish(t, acme, title: "Walrus census")
            #expect(try await anonymous(t, "/projects?q=walrus").body.string.contains(">0 projects<"), "until the watch reads the change")
            try await CatalogWatch.check(t.app)
            #expect(try await anonymous(t, "/projects?q=walrus").body.string.contains("Walrus census"))
            #expect(try await anonymous(t, "/api/v1/projects?q=walrus").body.string.contains(#""total":1"#))
        }
    }

    /// The clock stands still here, so a kept page never outlives its plain lifetime: only the
    /// watch that serving starts can retire it. With the cache off, serving starts no watch.
    @Test("serving starts the catalog watch when pages are kept: a publication reaches the kept search within two seconds, by the watch alone",
          arguments: [0.0, 1.0])
    func servingWatches(lifetime: Double) async throws {
        try await withTestApp(configure: { $0.pageCacheLifetime = lifetime }) { t in
            let acme = try await Factory(t).organization("Acme", roles: [.owner])
            t.app.useServingWork()
            try await t.app.asyncBoot()
            guard lifetime > 0 else {
                try await Task.sleep(for: .seconds(1))
                #expect(t.app.publicPages.catalogVersion == nil)
                return
            }
            #expect(try await eventually { t.app.publicPages.catalogVersion != nil })
            #expect(try await anonymous(t, "/projects?q=walrus").body.string.contains(">0 projects<"))
            _ = try await publish(t, acme, title: "Walrus census")
            #expect(try await eventually { try await anonymous(t, "/projects?q=walrus").body.string.contains("Walrus census") })
        }
    }

    /// Whether `condition` holds within two seconds, asked every 50 ms.
    private func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<40 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test("the store holds a bounded number of pages and bytes, dropping the oldest down to nine tenths of the bound")
    func bounded() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let byCount = PublicPageStore(lifetime: 1, maxPages: 3)
        for index in 0..<5 {
            _ = byCount.keep("/\(index)", headers: [:], body: ByteBuffer(string: "page"), at: start.addingTimeInterval(Double(index) / 10))
        }
        #expect((0..<5).map { byCount.fresh("/\($0)", at: start.addingTimeInterval(0.5)) != nil } == [false, false, true, true, true])
        let byBytes = PublicPageStore(lifetime: 1, maxBytes: 10)
        _ = byBytes.keep("/a", headers: [:], body: ByteBuffer(string: "123456"), at: start)
        _ = byBytes.keep("/b", headers: [:], body: ByteBuffer(string: "123456"), at: start.addingTimeInterval(0.1))
        #expect(byBytes.fresh("/a", at: start.addingTimeInterval(0.2)) == nil && byBytes.fresh("/b", at: start.addingTimeInterval(0.2)) != nil)
        // Past a bound, down to nine tenths of it at once, the oldest first.
        let batch = PublicPageStore(lifetime: 1, maxPages: 20)
        for index in 0..<21 {
            _ = batch.keep("/\(index)", headers: [:], body: ByteBuffer(string: "page"), at: start.addingTimeInterval(Double(index) / 100))
        }
        #expect((0..<21).filter { batch.fresh("/\($0)", at: start.addingTimeInterval(0.5)) != nil } == Array(3..<21))
    }

    @Test("HTTP dates are written and read as RFC 9110's IMF-fixdate")
    func httpDates() {
        let date = Date(timeIntervalSince1970: 784_111_777)
        #expect(HTTPDate.format(date) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == date)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49 GMT") == nil)
        for _ in 0..<1000 {
            let date = Date(timeIntervalSince1970: Double.random(in: 0...4_102_444_800))
            #expect(HTTPDate.format(date) == HTTPDate.formatByCalendar(date))
        }
    }
}
