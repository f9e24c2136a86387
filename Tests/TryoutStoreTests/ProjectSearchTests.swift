import FluentKit
import Foundation
import SQLKit
import Testing
import TryoutCore
@testable import TryoutStore
import TryoutTestSupport

@Suite("Project search")
struct ProjectSearchTests {
    struct World {
        var acme: OrganizationRecord
        var rival: OrganizationRecord
        var partner: OrganizationRecord
        var ids: [String: UUID]
    }

    /// Six projects across two employers, one of each visibility, one draft.
    private func world(_ t: TestApp) async throws -> World {
        try await Taxonomy.loadBundledIfEmpty(on: t.db)
        let factory = Factory(t)
        let acme = try await factory.organization("Acme")
        let rival = try await factory.organization("Rival")
        let partner = try await factory.organization("Lakeside", kind: .partner)
        let sql = try await Taxonomy.skill(label: "SQL", on: t.db)!.requireID()
        let js = try await Taxonomy.skill(label: "JavaScript", on: t.db)!.requireID()
        var ids: [String: UUID] = [:]
        let specs: [(String, OrganizationRecord, String, Int64, Int, LocationMode, ProjectVisibility, ProjectState, String, Double)] = [
            ("churn", acme, "Customer churn analysis", 60_000, 20, .remote, .public, .published, sql, 1),
            ("dashboard", acme, "Sales dashboard refresh", 30_000, 10, .hybrid, .public, .published, sql, 2),
            ("landing", rival, "Landing page experiment", 75_000, 25, .remote, .public, .published, js, 3),
            ("campus", acme, "Campus analysis sprint", 40_000, 15, .remote, .partners, .published, sql, 4),
            ("secret", rival, "Invited analysis study", 50_000, 12, .onSite, .inviteOnly, .published, sql, 5),
            ("draft", acme, "Draft analysis idea", 90_000, 30, .remote, .public, .draft, sql, 6),
        ]
        for (key, org, title, pay, hours, mode, visibility, state, skill, day) in specs {
            var brief = BriefTemplates.all[0].brief
            brief.title = title
            brief.summary = "\(title) for a growing team."
            brief.pay = Money(amountMinor: pay, currency: "USD")
            brief.estimatedHours = hours
            brief.locationMode = mode
            brief.visibility = visibility
            brief.skills = [SkillRequirement(uri: skill, level: 2, required: true)]
            brief.applicationDeadline = t.clock.now.addingTimeInterval(day * 86400)
            let audience = ProjectAudience(partnerIDs: visibility == .partners ? [try partner.requireID()] : [],
                                           invitedEmails: visibility == .inviteOnly ? ["guest@x.io"] : [])
            let at = t.clock.now.addingTimeInterval(day * 3600)
            let project = try await ProjectBriefs.create(organizationID: org.requireID(), brief: brief, audience: audience, at: at, on: t.db)
            if state == .published { try await ProjectBriefs.setState(project, to: .published, at: at, on: t.db) }
            ids[key] = try project.requireID()
        }
        return World(acme: acme, rival: rival, partner: partner, ids: ids)
    }

    private func keys(_ page: ProjectSearchPage, _ world: World) -> [String] {
        page.projectIDs.map { id in world.ids.first { $0.value == id }!.key }
    }

    @Test("words match titles, summaries, briefs and skill labels, by prefix; the best match comes first")
    func text() async throws {
        try await withTestApp { t in
            let w = try await world(t)
            var query = ProjectSearchQuery()
            query.text = "analys"
            query.sort = .relevance
            let page = try await ProjectSearch.search(query, viewer: .init(), on: t.db)
            #expect(Set(keys(page, w)).isSuperset(of: ["churn"]))
            #expect(!keys(page, w).contains("draft"))
            query.text = "javascript"
            #expect(keys(try await ProjectSearch.search(query, viewer: .init(), on: t.db), w) == ["landing"])
            query.text = "churn customer"
            #expect(keys(try await ProjectSearch.search(query, viewer: .init(), on: t.db), w) == ["churn"])
            // Quotes and SQL in the words are only ever bound values.
            query.text = "\"'); DROP TABLE projects; --"
            _ = try await ProjectSearch.search(query, viewer: .init(), on: t.db)
            #expect(try await ProjectRecord.query(on: t.db).count() == 6)
        }
    }

    @Test("filters narrow the results")
    func filters() async throws {
        try await withTestApp { t in
            let w = try await world(t)
            var query = ProjectSearchQuery()
            query.minimumPay = Money(amountMinor: 60_000, currency: "USD")
            #expect(Set(keys(try await ProjectSearch.search(query, viewer: .init(), on: t.db), w)) == ["churn", "landing"])
            query = ProjectSearchQuery()
            query.minimumHours = 11
            query.maximumHours = 22
            #expect(Set(keys(try await ProjectSearch.search(query, viewer: .init(), on: t.db), w)) == ["churn"])
            query = ProjectSearchQuery()
            query.locationModes = [.hybrid]
            #expect(keys(try await ProjectSearch.search(query, viewer: .init(), on: t.db), w) == ["dashboard"])
            query = ProjectSearchQuery()
            query.organizationID = try w.rival.requireID()
            #expect(keys(try await ProjectSearch.search(query, viewer: .init(), on: t.db), w) == ["landing"])
            query = ProjectSearchQuery()
            query.skillURIs = [try await Taxonomy.skill(label: "JavaScript", on: t.db)!.requireID()]
            #expect(keys(try await ProjectSearch.search(query, viewer: .init(), on: t.db), w) == ["landing"])
            query = ProjectSearchQuery()
            query.deadlineAfter = t.clock.now.addingTimeInterval(2.5 * 86400)
            #expect(keys(try await ProjectSearch.search(query, viewer: .init(), on: t.db), w) == ["landing"])
        }
    }

    @Test("partner-only and invite-only projects never leak, not even in counts, whatever the sort",
          arguments: ProjectSearchQuery.Sort.allCases)
    func visibility(sort: ProjectSearchQuery.Sort) async throws {
        try await withTestApp { t in
            let w = try await world(t)
            var query = ProjectSearchQuery()
            query.text = "analysis"
            query.sort = sort
            let anonymous = try await ProjectSearch.search(query, viewer: .init(), on: t.db)
            #expect(Set(keys(anonymous, w)) == ["churn"])
            #expect(anonymous.total == 1)
            let student = try await ProjectSearch.search(query, viewer: .init(organizationIDs: [try w.partner.requireID()]), on: t.db)
            #expect(Set(keys(student, w)) == ["churn", "campus"])
            let guest = try await ProjectSearch.search(query, viewer: .init(email: "guest@x.io"), on: t.db)
            #expect(Set(keys(guest, w)) == ["churn", "secret"])
            let rivalMember = try await ProjectSearch.search(query, viewer: .init(organizationIDs: [try w.rival.requireID()]), on: t.db)
            #expect(Set(keys(rivalMember, w)) == ["churn", "secret"])
            #expect(rivalMember.total == 2)
        }
    }

    @Test("cursor pages cover every result once, in order, with search words and without", arguments: ProjectSearchQuery.Sort.allCases)
    func pages(sort: ProjectSearchQuery.Sort) async throws {
        try await withTestApp { t in
            let w = try await world(t)
            // "team" is in all three public projects; without words, relevance is newest first.
            for text in sort == .relevance ? ["team"] : ["", "team"] {
                var query = ProjectSearchQuery()
                query.sort = sort
                query.limit = 1
                query.text = text
                var seen: [String] = []
                for _ in 0..<10 {
                    let page = try await ProjectSearch.search(query, viewer: .init(), on: t.db)
                    #expect(page.total == 3, "\(text)")
                    seen += keys(page, w)
                    guard let next = page.nextCursor else { break }
                    query.cursor = next
                }
                #expect(seen.count == 3 && Set(seen).count == 3, "\(text)")
                switch sort {
                case .newest: #expect(seen == ["landing", "dashboard", "churn"], "\(text)")
                case .pay: #expect(seen == ["landing", "churn", "dashboard"], "\(text)")
                case .deadline: #expect(seen == ["churn", "dashboard", "landing"], "\(text)")
                case .relevance: break
                }
                query.cursor = "not-a-cursor"
                #expect(try await ProjectSearch.search(query, viewer: .init(), on: t.db).projectIDs.count == 1)
            }
        }
    }

    @Test("counts stop at the limit; a newly published project is among the newest matches that every sort orders")
    func countLimit() async throws {
        try await withTestApp { t in
            // Every synthetic summary says "A short project for an aspiring …".
            try await SyntheticData.generate(projects: ProjectSearchQuery.countLimit + 20, candidates: 0, passwordHash: "x",
                                             at: t.clock.now, on: t.db)
            var query = ProjectSearchQuery()
            query.text = "aspiring"
            query.sort = .relevance
            let crowded = try await ProjectSearch.search(query, viewer: .init(), on: t.db)
            #expect(crowded.total == ProjectSearchQuery.countLimit && crowded.totalCapped)
            query.sort = .newest
            let newest = try await ProjectSearch.search(query, viewer: .init(), on: t.db)
            #expect(newest.total == ProjectSearchQuery.countLimit && newest.totalCapped)

            // An old draft published today ranks first: its title says the word, and it is the newest.
            var brief = BriefTemplates.all[0].brief
            brief.title = "Aspiring zephyrologists wanted"
            brief.pay = Money(amountMinor: 99_999_900, currency: brief.pay.currency)
            let owner = try await Factory(t).organization("Acme")
            let project = try await ProjectBriefs.create(organizationID: owner.requireID(), brief: brief, audience: ProjectAudience(),
                                                         at: t.clock.now.addingTimeInterval(-400 * 86400), on: t.db)
            try await ProjectBriefs.setState(project, to: .published, at: t.clock.now, on: t.db)
            query.sort = .relevance
            #expect(try await ProjectSearch.search(query, viewer: .init(), on: t.db).projectIDs.first == project.id)
            // It is also the newest and pays the most of the newest matches.
            for sort in [ProjectSearchQuery.Sort.newest, .pay] {
                query.sort = sort
                #expect(try await ProjectSearch.search(query, viewer: .init(), on: t.db).projectIDs.first == project.id, "\(sort)")
            }
            query.sort = .relevance

            query.text = "aspiring zephyrologists"
            let exact = try await ProjectSearch.search(query, viewer: .init(), on: t.db)
            #expect(exact.total == 1 && !exact.totalCapped)
        }
    }

    @Test("the search with text and two filters never scans the projects table, and counts as it orders",
          arguments: ProjectSearchQuery.Sort.allCases)
    func queryPlan(sort: ProjectSearchQuery.Sort) async throws {
        try await withTestApp { t in
            _ = try await world(t)
            let sql = try #require(t.db as? any SQLDatabase)
            let postgres = sql.dialect.name == "postgresql"
            var query = ProjectSearchQuery()
            query.text = "analysis"
            query.minimumPay = Money(amountMinor: 10_000, currency: "USD")
            query.locationModes = [.remote]
            query.sort = sort
            let statements = ProjectSearch.statements(query, viewer: .init(), postgres: postgres)
            // Every sort orders the newest matches, which the same walk counts: no statement sorts
            // all of a common word's matches, and none counts them apart.
            let counted = statements.counted
            #expect(counted)
            let statement = statements.page(after: nil, limit: 20)
            if postgres {
                // Tiny tables make sequential scans cheapest; forbid them to prove an index path exists.
                let plan = try await t.db.transaction { tx -> String in
                    let sql = tx as! any SQLDatabase
                    try await sql.raw("SET LOCAL enable_seqscan = off").run()
                    let rows = try await sql.raw("EXPLAIN " + statement).all()
                    return try rows.map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
                }
                #expect(!plan.contains("Seq Scan"), "\(plan)")
            } else {
                let rows = try await sql.raw("EXPLAIN QUERY PLAN " + statement).all()
                let plan = try rows.map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
                // The full-text index answers the query and the facets are read by rowid; only the
                // subqueries' own rows are scanned, never a stored table.
                #expect(plan.contains("VIRTUAL TABLE INDEX"), "\(plan)")
                #expect(plan.contains("SEARCH p USING INTEGER PRIMARY KEY"), "\(plan)")
                let scans = plan.split(separator: "\n").filter { $0.hasPrefix("SCAN") && !$0.contains("VIRTUAL TABLE") }
                #expect(scans.allSatisfy { ["SCAN matches", "SCAN newest"].contains($0) || $0.hasPrefix("SCAN (subquery") }, "\(plan)")
                #expect(!plan.contains("projects"), "\(plan)")
            }
        }
    }
}

extension ProjectSearchTests {
    @Test("PostgreSQL's full-text index keeps at most 64 kB of entries pending, which every search reads")
    func pendingList() async throws {
        try await withTestApp { t in
            let sql = try #require(t.db as? any SQLDatabase)
            guard sql.dialect.name == "postgresql" else { return }
            try await SyntheticData.generate(projects: 300, candidates: 0, passwordHash: "x", at: t.clock.now, on: t.db)
            // Merging the list reports how many pages it held: eight of 8 kB at most.
            let pages = try await sql.raw("SELECT gin_clean_pending_list('project_search_document') AS n").first()?.decode(column: "n", as: Int.self)
            #expect(try #require(pages) <= 8)
        }
    }
}

@Suite("Synthetic data")
struct SyntheticDataTests {
    @Test("generated projects are published, searchable and complete; candidates have skills")
    func generate() async throws {
        try await withTestApp { t in
            try await SyntheticData.generate(projects: 450, candidates: 30, passwordHash: "x", at: t.clock.now, on: t.db)
            #expect(try await ProjectRecord.query(on: t.db).filter(\.$state == .published).count() == 450)
            #expect(try await BriefVersionRecord.query(on: t.db).count() == 450)
            #expect(try await ProjectSkillRecord.query(on: t.db).count() >= 450)
            #expect(try await CandidateProfileRecord.query(on: t.db).count() == 30)
            #expect(try await CandidateSkillRecord.query(on: t.db).count() >= 30)
            let sample = try #require(try await ProjectRecord.query(on: t.db).first())
            var query = ProjectSearchQuery()
            query.text = sample.title.split(separator: " ").last.map(String.init) ?? ""
            query.sort = .relevance
            #expect(try await ProjectSearch.search(query, viewer: .init(), on: t.db).total > 0)
            // A loaded brief reads back whole.
            #expect(try await ProjectBriefs.brief(of: sample, on: t.db).deliverables.count == 3)
            // Every project lasts long enough for its last deliverable, as the lint requires.
            let lastDue = BriefTemplates.all[0].brief.deliverables.map(\.dueOffsetDays).max() ?? 0
            #expect(try await ProjectRecord.query(on: t.db).filter(\.$durationWeeks < (lastDue + 6) / 7).count() == 0)
        }
    }
}

@Suite("Search words")
struct SearchWordTests {
    @Test("words with hyphens, dots and digits are found the same way on both databases",
          arguments: ["b-8760705312", "b-6e119c08d6", "release v1.2", "naïve-bayes"])
    func punctuation(title: String) async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            var brief = BriefTemplates.all[0].brief
            brief.title = "Brief \(title)"
            let org = try await Factory(t).organization("Acme")
            let project = try await ProjectBriefs.create(organizationID: org.requireID(), brief: brief, audience: ProjectAudience(),
                                                         at: t.clock.now, on: t.db)
            try await ProjectBriefs.setState(project, to: .published, at: t.clock.now, on: t.db)
            var query = ProjectSearchQuery()
            query.text = title
            query.sort = .relevance
            #expect(try await ProjectSearch.search(query, viewer: .init(), on: t.db).projectIDs == [project.id], "\(title)")
            query.text = String(title.split(separator: "-").last ?? "")
            #expect(try await ProjectSearch.search(query, viewer: .init(), on: t.db).projectIDs.contains(project.id!), "\(query.text)")
        }
    }
}

@Suite("Search index migration")
struct SearchIndexMigrationTests {
    @Test("moving to the narrow search tables keeps every project findable, and so does moving back")
    func roundTrip() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            var brief = BriefTemplates.all[0].brief
            brief.title = "Quokka census b-8760705312"
            brief.skills = [SkillRequirement(uri: try await Taxonomy.skill(label: "SQL", on: t.db)!.requireID(), level: 2, required: true)]
            let org = try await Factory(t).organization("Acme")
            let project = try await ProjectBriefs.create(organizationID: org.requireID(), brief: brief, audience: ProjectAudience(),
                                                         at: t.clock.now, on: t.db)
            try await ProjectBriefs.setState(project, to: .published, at: t.clock.now, on: t.db)
            let migration = CreateNarrowProjectSearch()
            try await migration.revert(on: t.db)
            try await migration.prepare(on: t.db)
            var query = ProjectSearchQuery()
            for words in ["quokka", "8760705312", "SQL"] {
                query.text = words
                #expect(try await ProjectSearch.search(query, viewer: .init(), on: t.db).projectIDs == [project.id], "\(words)")
            }
        }
    }
}
