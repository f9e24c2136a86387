import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import TryoutCore
@testable import TryoutStore
import TryoutTestSupport

/// The statements every signed-in request runs are kept prepared on PostgreSQL connections
/// (`KeptStatements.swift`), and SQLite runs the same text.
@Suite("Statements kept prepared")
struct KeptStatementsTests {
    @Test("the session's, the header's, a project's, an engagement's and a thread's statements read what they read, and stay prepared on a PostgreSQL connection")
    func keptOnTheConnection() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let acme = engagement.organization
            let owner = try #require(try await Accounts.user(email: EmailAddress("owner@acme.test")!, on: t.db))
            let (_, token) = try await Accounts.createSession(userID: owner.id, lifetime: 60, at: t.clock.now, on: t.db)
            try await t.db.withConnection { connection in
                for _ in 0..<2 {
                    let signedIn = try #require(try await Accounts.session(token: token.value, at: t.clock.now, on: connection))
                    #expect(signedIn.principal.memberships == [try acme.requireID(): .owner])
                    let header = try await HeaderFacts.load(userID: try owner.requireID(), on: connection)
                    #expect(header.organizations.map(\.name) == ["Acme"] && !header.isCandidate && header.unreadNotifications == 0)
                    let withHeader = try #require(try await Accounts.session(token: token.value, at: t.clock.now, withHeader: true, on: connection)?.header)
                    #expect(withHeader.organizations.map(\.name) == ["Acme"] && !withHeader.isCandidate && withHeader.unreadNotifications == 0)
                }
                #expect(try await Accounts.session(token: token.value, at: t.clock.now.addingTimeInterval(61), on: connection) == nil)
                let found = try #require(try await Engagements.find(try engagement.requireID(), on: connection))
                #expect(found.candidate.email == "ada@uni.test" && found.organization.id == engagement.$organization.id)
                let project = try #require(try await Projects.find(id: engagement.$project.id, on: connection))
                #expect(project.title == found.project.title && !project.skills.isEmpty && project.skills.allSatisfy { !$0.skill.label.isEmpty })
                #expect(try await Projects.find(id: UUID(), on: connection) == nil)
                #expect(try await Engagements.find(UUID(), on: connection) == nil)
                #expect(try await EngagementActivity.messages(of: try engagement.requireID(), on: connection).isEmpty)
                try await expectUnread(in: try engagement.requireID(), owner: try owner.requireID(), candidate: found.$candidate.id, on: connection)
                let summaries = try await Applications.summaries(userID: found.$candidate.id, on: connection)
                #expect(summaries.map(\.id) == [found.$application.id] && summaries.map(\.projectTitle) == [found.project.title]
                        && summaries.map(\.organizationName) == ["Acme"])
                #expect(try await Applications.summaries(userID: try owner.requireID(), on: connection).isEmpty)
                #expect(try await ProjectBriefs.brief(of: found.project, on: connection).deliverables.count == 3)
                #expect(try await ProjectBriefs.brief(of: found.project, version: 99, on: connection).deliverables.isEmpty, "a version never written")
                try await expectEngagementReads(of: try engagement.requireID(), organizationID: try acme.requireID(), on: connection)
                let sql = connection as! any SQLDatabase
                guard sql.dialect.name == "postgresql" else { return }
                let prepared = try await sql.raw("SELECT name FROM pg_prepared_statements").all().map { try $0.decode(column: "name", as: String.self) }
                #expect(Set(prepared).isSuperset(of: [Accounts.SessionStatement.name, Accounts.SessionWithHeaderStatement.name,
                                                      HeaderFacts.Statement.name, Engagements.EngagementStatement.name,
                                                      Projects.ProjectStatement.name, Projects.SkillsStatement.name,
                                                      EngagementActivity.ThreadStatement.name, Engagements.Team.name, Engagements.Checklist.name,
                                                      Engagements.Milestones.name, Agreements.Current.name, Submissions.Versions.name,
                                                      EngagementActivity.CheckIns.name, EngagementActivity.MinutesStatement.name,
                                                      Organizations.Members.name, Applications.SummariesStatement.name,
                                                      EngagementActivity.UnreadStatement.name, ProjectBriefs.VersionStatement.name,
                                                      EngagementActivity.TalliesStatement.name]))
            }
        }
    }

    /// Unread counts only others' messages newer than the person's mark.
    private func expectUnread(in id: UUID, owner: UUID, candidate: UUID, on db: any Database) async throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for (minute, author) in [owner, candidate, candidate].enumerated() {
            _ = try await EngagementActivity.post("Note \(minute)", engagementID: id, by: author, at: start.addingTimeInterval(Double(minute) * 60), on: db)
        }
        #expect(try await EngagementActivity.unread(userID: owner, in: id, on: db) == 2)
        #expect(try await EngagementActivity.unread(userID: candidate, in: id, on: db) == 0, "posting marks the thread read")
        try await EngagementActivity.markRead(engagementID: id, userID: owner, at: start.addingTimeInterval(90), on: db)
        #expect(try await EngagementActivity.unread(userID: owner, in: id, on: db) == 1, "the message after the mark")
        #expect(try await EngagementActivity.tallies(userID: owner, in: id, on: db) == (unread: 1, minutes: 0))
        #expect(try await EngagementActivity.unread(userID: owner, in: UUID(), on: db) == 0)
    }

    /// An engagement page's kept reads find what Fluent's queries find, in their order.
    private func expectEngagementReads(of id: UUID, organizationID: UUID, on db: any Database) async throws {
        let milestones = try await MilestoneRecord.query(on: db).filter(\.$engagement.$id == id).sort(\.$position).all()
        let keptMilestones = try await Engagements.milestones(of: id, on: db)
        #expect(milestones.count == 3 && milestones.map(\.id) == keptMilestones.map(\.id))
        let checklist = try await ChecklistItemRecord.query(on: db).filter(\.$engagement.$id == id).sort(\.$position).all()
        let keptChecklist = try await Engagements.checklist(of: id, on: db)
        #expect(!checklist.isEmpty && checklist.map(\.id) == keptChecklist.map(\.id))
        let agreements = try await Agreements.current(of: id, on: db)
        #expect(agreements.count == 2 && agreements.map(\.kind.rawValue) == agreements.map(\.kind.rawValue).sorted())
        let submissions = try await Submissions.of(engagementID: id, on: db), checkIns = try await EngagementActivity.checkIns(of: id, on: db)
        #expect(submissions.isEmpty && checkIns.isEmpty)
        let minutes = try await EngagementActivity.minutesLogged(of: id, on: db), team = try await Engagements.team(of: id, on: db)
        #expect(minutes == 0 && team.isEmpty)
        let members = try await Organizations.members(of: organizationID, on: db)
        #expect(members.count == 4 && members.allSatisfy { $0.$user.value?.email.hasSuffix("@acme.test") == true && $0.$id.exists })
    }

    /// `$1` twice, `$2` once, and a `$` that is text.
    struct Echo: KeptStatement {
        static let sql = "SELECT '$' || $1 AS a, $2 AS b, $1 AS c"
        var text: String
        var number: Int
        var values: [any PostgresEncodable & Encodable & Sendable] { [text, number] }
    }

    @Test("each $n is bound to its value wherever it appears, and a $ inside text stays text, on both databases")
    func parameters() async throws {
        try await withTestApp { t in
            let row = try #require(try await Echo(text: "x", number: 7).rows(on: t.db).first)
            #expect(try row.decode(column: "a", as: String.self) == "$x")
            #expect(try row.decode(column: "b", as: Int.self) == 7)
            #expect(try row.decode(column: "c", as: String.self) == "x")
        }
    }

    @Test("a statement's texts are made once for its type: each form and each statement keeps its own")
    func textsMadeOnce() {
        struct First {}
        struct Second {}
        var made = 0
        func text(_ type: Any.Type, _ form: StatementTexts.Form, _ value: String) -> String {
            StatementTexts.text(of: type, form) { made += 1; return value }
        }
        #expect(text(First.self, .sqlite, "first ?1") == "first ?1")
        #expect(text(First.self, .written, "first $1") == "first $1")
        #expect(text(Second.self, .sqlite, "second ?1") == "second ?1")
        #expect(text(First.self, .sqlite, "made again") == "first ?1")
        #expect(text(Second.self, .sqlite, "made again") == "second ?1")
        #expect(made == 3)
    }
}
