import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

/// The applicants list's kept tables (`ApplicantTables`): served only while nothing they show has
/// changed, whoever changed it, and only to people who may see the list, as they may see it.
@Suite("Kept applicant tables")
struct ApplicantTablesTests {
    /// Acme with a hiring manager and a reviewer, Globex with its own; Acme's blind project, which Ada applied to.
    private func setUp(_ t: TestApp) async throws -> (path: String, project: ProjectRecord, ada: UserRecord) {
        try await Taxonomy.loadBundledIfEmpty(on: t.db)
        let acme = try await Factory(t).organization("Acme", roles: [.owner, .hiringManager, .reviewer])
        try await Factory(t).organization("Globex", roles: [.owner, .hiringManager])
        let project = try await Factory(t).publishedProject(of: acme)
        let ada = try await Factory(t).candidate("ada@uni.test", name: "Ada Okafor")
        _ = try await Applications.submit(to: project, userID: try ada.requireID(), ApplicationInput(answers: ["Me."]), at: t.clock.now, on: t.db)
        return ("/projects/\(try project.requireID())/applicants", project, ada)
    }

    /// The list as `email` sees it, viewed twice so that the second view may come from a kept table.
    private func list(_ t: TestApp, _ path: String, as email: String) async throws -> String {
        try await t.signOut()
        try await t.signIn(email)
        _ = try await t.get(path)
        return try await t.get(path).body.string
    }

    @Test("a change to what a row shows, made without the web (as another server would), shows on the next view")
    func changesShow() async throws {
        try await withTestApp { t in
            let (path, project, ada) = try await setUp(t)
            let first = try await list(t, path, as: "hiring_manager@acme.test")
            #expect(!first.contains("Ada Okafor") && first.contains("Submitted") && !first.contains("UTC+8"), "blind until shortlisted")
            #expect(t.app.applicantTables.count == 1)
            let view = { try await t.get(path).body.string }
            #expect(try await view() == first, "nothing changed: the kept table")

            let application = try #require(try await Applications.live(projectID: project.requireID(), userID: ada.requireID(), on: t.db))
            application.state = .shortlisted
            application.revealedAt = t.clock.now
            try await application.save(on: t.db)
            let shortlisted = try await view()
            #expect(shortlisted.contains("Ada Okafor") && shortlisted.contains("Shortlisted"))

            ada.displayName = "Ada Lovelace"
            try await ada.save(on: t.db)
            #expect(try await view().contains("Ada Lovelace"))

            let profile = try #require(try await CandidateProfiles.profile(userID: ada.requireID(), on: t.db))
            var details = try await CandidateProfiles.profile(profile, on: t.db)
            details.timeZone = "Asia/Singapore"
            try await CandidateProfiles.update(profile, to: details, at: t.clock.now, on: t.db)
            #expect(try await view().contains("UTC+8"))
        }
    }

    @Test("who may see the list is decided before a kept table is looked up; rows to choose only for those who decide")
    func keptForWhoMaySee() async throws {
        try await withTestApp { t in
            let (path, _, _) = try await setUp(t)
            let choose = "name=\"ids[]\""
            #expect(try await list(t, path, as: "hiring_manager@acme.test").contains(choose))
            #expect(try await !list(t, path, as: "reviewer@acme.test").contains(choose))
            #expect(try await list(t, path, as: "hiring_manager@acme.test").contains(choose))
            try await t.signOut()
            try await t.signIn("hiring_manager@globex.test")
            #expect(try await t.get(path).status == .notFound)
        }
    }

    @Test("a table is served only at the version it was read at, an older one never replaces a newer, and the count is bounded")
    func versionsAndBound() throws {
        let tables = ApplicantTables(capacity: 10)
        func key(_ page: Int) -> ApplicantTableKey {
            ApplicantTableKey(project: ProjectID(UUID(uuidString: "00000000-0000-0000-0000-000000000001")!), states: [], sort: .match,
                              page: page, selectable: true, blind: true, on: Date(timeIntervalSince1970: 0))
        }
        var table = ApplicantTable(html: "", total: 7, number: 1, shown: 0, projectHours: nil)
        tables.keep(table, key(1), version: 3)
        #expect(tables.value(key(1), version: 3)?.total == 7)
        #expect(tables.value(key(1), version: 4) == nil)
        table.total = 2
        tables.keep(table, key(1), version: 2)
        #expect(tables.value(key(1), version: 3)?.total == 7, "read at an older version: not kept over the newer")
        for number in 2...30 { tables.keep(table, key(number), version: 1) }
        #expect(tables.count <= 10)
        #expect(tables.value(key(30), version: 1) != nil, "the newest stay")
    }
}
