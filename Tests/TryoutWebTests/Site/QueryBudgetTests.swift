import Fluent
import Foundation
import Logging
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

/// What the main pages cost in statements: each has a budget, and none may run more statements
/// because there are more projects, applicants or messages (one statement per row is the usual
/// way a page gets slow as data grows).
@Suite("Statements per page")
struct QueryBudgetTests {
    struct Page {
        var label: String
        var path: String
        var who: String?
        var budget: Int
    }

    /// The demo world with a crowd of generated candidates applying to Bruno's project.
    private func world(_ t: TestApp, applicants: Int, messages: Int) async throws {
        try await DemoData.load(passwordHash: try Bcrypt.hash(TestApp.password, cost: 4), at: t.clock.now, on: t.db)
        try await SyntheticData.generate(projects: 40, candidates: 2 * applicants, passwordHash: "x", at: t.clock.now, on: t.db)
        try await DemoCrowd.add(applicants: applicants, messages: messages, at: t.clock.now, on: t.db)
    }

    private func pages(_ t: TestApp) async throws -> [Page] {
        let bruno = try #require(try await Accounts.user(email: EmailAddress("bruno@candidates.test")!, on: t.db))
        let engagement = try #require(try await EngagementRecord.query(on: t.db).filter(\.$candidate.$id == bruno.requireID()).first())
        let project = engagement.$project.id
        return [
            Page(label: "home", path: "/", who: nil, budget: 2),
            Page(label: "marketplace", path: "/projects", who: nil, budget: 4),
            Page(label: "search", path: "/projects?q=data&mode=remote", who: nil, budget: 3),
            Page(label: "search by pay", path: "/projects?q=data&sort=pay", who: nil, budget: 2),
            Page(label: "project", path: "/projects/\(project)", who: nil, budget: 4),
            Page(label: "marketplace, signed in", path: "/projects", who: "ada@candidates.test", budget: 5),
            Page(label: "my applications", path: "/applications", who: "ada@candidates.test", budget: 2),
            // The first view after applications arrive or profiles change scores those applicants
            // (their profiles, one write); the next reads the kept scores and renders the table,
            // which the one after finds kept, as nothing it shows has changed. A view that renders
            // reads the project twice: as the list shows it, then in full to build the rows.
            Page(label: "applicants", path: "/projects/\(project)/applicants", who: "manager@northwind.test", budget: 13),
            Page(label: "applicants, scores kept", path: "/projects/\(project)/applicants", who: "manager@northwind.test", budget: 9),
            Page(label: "applicants, table kept", path: "/projects/\(project)/applicants", who: "manager@northwind.test", budget: 2),
            // The first view after the engagement changed reads it in full; the next finds what it
            // shows kept (with the members a manager may add to the team), as nothing has changed,
            // and reads what differs per person with the version.
            Page(label: "engagement", path: "/engagements/\(try engagement.requireID())", who: "manager@northwind.test", budget: 11),
            Page(label: "engagement, kept", path: "/engagements/\(try engagement.requireID())", who: "manager@northwind.test", budget: 2),
            // New messages from others are marked read, a write, which the view after needs no more.
            Page(label: "messages", path: "/engagements/\(try engagement.requireID())/messages", who: "manager@northwind.test", budget: 6),
            Page(label: "messages, kept", path: "/engagements/\(try engagement.requireID())/messages", who: "manager@northwind.test", budget: 2),
            Page(label: "home, employer", path: "/", who: "manager@northwind.test", budget: 5),
            Page(label: "home, candidate", path: "/", who: "bruno@candidates.test", budget: 16),
            Page(label: "home, partner", path: "/", who: "staff@lakeside.test", budget: 4),
        ]
    }

    private func measure(_ t: TestApp, _ log: LogCapture) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for page in try await pages(t) {
            t.clearCookies()
            if let who = page.who { try await t.signIn(who) }
            let statements = try await log.statements {
                let response = try await t.get(page.path)
                #expect(response.status == .ok, "\(page.label)")
            }
            #expect(statements.count <= page.budget, "\(page.label): \(statements.count) statements\n\(statements.joined(separator: "\n"))")
            counts[page.label] = statements.count
        }
        return counts
    }

    @Test("each main page stays within its statements, and more data adds none")
    func budgets() async throws {
        try await withTestApp { t in
            let log = LogCapture(logLevel: .debug)
            t.app.logger = Logger(label: "statements") { _ in log }
            try await world(t, applicants: 12, messages: 5)
            let few = try await measure(t, log)
            try await SyntheticData.generate(projects: 40, candidates: 40, passwordHash: "x", at: t.clock.now, on: t.db)
            try await DemoCrowd.add(applicants: 60, messages: 20, at: t.clock.now, on: t.db)
            // Bruno writes last, so that the thread has news for the manager again, as it had at first.
            let bruno = try #require(try await Accounts.user(email: EmailAddress("bruno@candidates.test")!, on: t.db))
            let engagement = try #require(try await EngagementRecord.query(on: t.db).filter(\.$candidate.$id == bruno.requireID()).first())
            t.clock.advance(by: 1)
            _ = try await EngagementActivity.post("One more", engagementID: try engagement.requireID(), by: try bruno.requireID(),
                                                  at: t.clock.now, on: t.db)
            let many = try await measure(t, log)
            #expect(few == many)
            #expect(few.values.allSatisfy { $0 > 0 }, "the log sees the statements")
        }
    }

    @Test("applicants come fifty a page, with links to the next and previous pages keeping the filter and order")
    func applicantPages() async throws {
        try await withTestApp { t in
            try await world(t, applicants: 60, messages: 0)
            let project = try #require(try await pages(t).first { $0.label == "applicants" }).path
            try await t.signIn("manager@northwind.test")
            let first = try await t.get(project + "?sort=newest").body.string
            #expect(first.components(separatedBy: "<th scope=\"row\"").count - 1 == 50)
            #expect(first.contains("61 applicants, 1 to 50 shown"))
            #expect(first.contains("?sort=newest&amp;page=2\" rel=\"next\">Next 11</a>") && !first.contains("rel=\"prev\""))
            let second = try await t.get(project + "?sort=newest&page=2").body.string
            #expect(second.components(separatedBy: "<th scope=\"row\"").count - 1 == 11)
            #expect(second.contains("61 applicants, 51 to 61 shown") && second.contains("rel=\"prev\">Previous 50</a>") && !second.contains("rel=\"next\""))
            #expect(try await t.get(project + "?page=99").body.string.contains("51 to 61 shown"), "past the end: the last page")
            let farthest = try await t.get(project + "?page=\(Int.max)")
            #expect(farthest.status == .ok && farthest.body.string.contains("51 to 61 shown"), "the largest page number: the last page")
            #expect(try await t.get(project + "?page=-3").body.string.contains("1 to 50 shown"))
            #expect(try await t.get(project + "?state=offered").body.string.contains("No applications in this state."))
        }
    }
}
