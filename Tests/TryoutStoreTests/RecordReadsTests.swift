import FluentKit
import Foundation
import SQLKit
import Testing
import TryoutCore
@testable import TryoutStore
import TryoutTestSupport

/// The pages' hot reads are written-out statements (`RecordReads.swift`); what they hand back
/// must be what Fluent's own queries did.
@Suite("Records read with written-out statements")
struct RecordReadsTests {
    @Test("a record read by statement is Fluent's: every field the same, known to exist, so saving it updates the row")
    func sameRecord() async throws {
        try await withTestApp { t in
            let id = try await Factory(t).engagement().requireID()
            let read = try #require(try await EngagementRecord.read("id = \(bind: id)", on: t.db).first)
            let fluent = try #require(try await EngagementRecord.find(id, on: t.db))
            #expect(try Self.json(read) == Self.json(fluent))
            #expect(try await EngagementRecord.read("id = \(bind: UUID())", on: t.db).isEmpty)

            read.endReason = "Read, then saved"
            try await read.save(on: t.db)
            #expect(try await EngagementRecord.query(on: t.db).count() == 1)
            #expect(try await EngagementRecord.find(id, on: t.db)?.endReason == "Read, then saved")
        }
    }

    @Test("ids are stored as the uppercase text Foundation wrote on SQLite, bound and read back as the same ids")
    func idsAsText() async throws {
        try await withTestApp { t in
            let id = try await Factory(t).engagement().requireID()
            let sql = t.db as! any SQLDatabase
            let row = try #require(try await sql.raw("SELECT id, project_id FROM engagements WHERE id = \(bind: id)").first())
            #expect(try row.decode(column: "id", as: UUID.self) == id)
            if sql.dialect.name != "postgresql" {
                #expect(try row.decode(column: "id", as: String.self) == id.uuidString)
                let typed = try #require(try await sql.raw("SELECT typeof(id) AS kind FROM engagements WHERE id = \(bind: id)").first())
                #expect(try typed.decode(column: "kind", as: String.self) == "text")
            }
            let engagement = try #require(try await EngagementRecord.find(id, on: t.db))
            #expect(engagement.$project.id == (try row.decode(column: "project_id", as: UUID.self)))
        }
    }

    @Test("projects listed by id come in the order asked, unknown ids left out, each as its record with its organization says")
    func projectsByID() async throws {
        try await withTestApp { t in
            let acme = try await Factory(t).organization("Acme", roles: [.owner])
            var ids: [UUID] = []
            for title in ["First", "Second", "Third"] {
                var brief = BriefTemplates.all[0].brief
                brief.title = title
                brief.applicationDeadline = t.clock.now.addingTimeInterval(86_400 * Double(ids.count + 10))
                ids.append(try await ProjectBriefs.create(organizationID: acme.requireID(), brief: brief, audience: ProjectAudience(),
                                                          at: t.clock.now, on: t.db).requireID())
            }
            try await ProjectBriefs.setState(try #require(try await ProjectRecord.find(ids[1], on: t.db)), to: .published, at: t.clock.now, on: t.db)
            let asked = [ids[2], UUID(), ids[0], ids[1]]
            let listed = try await Projects.listings(ids: asked, on: t.db)
            #expect(listed.map(\.title) == ["Third", "First", "Second"])
            let records = try await ProjectRecord.query(on: t.db).filter(\.$id ~~ ids).with(\.$organization).all()
            let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id!, ProjectListing($0)) })
            #expect(listed == asked.compactMap { byID[$0] })
            #expect(listed[2].publishedAt != nil && listed[2].state == .published && listed.allSatisfy { $0.organizationName == "Acme" })
            #expect(try await Projects.listings(ids: [], on: t.db).isEmpty)
        }
    }

    @Test("the home page's and an organization's lists hold its published public projects only, newest first")
    func publicListings() async throws {
        try await withTestApp { t in
            let acme = try await Factory(t).organization("Acme", roles: [.owner])
            let other = try await Factory(t).organization("Other", roles: [.owner])
            for (org, title, visibility, publish) in [(acme, "Draft", ProjectVisibility.public, false), (acme, "Older", .public, true),
                                                      (acme, "For partners", .partners, true), (acme, "Newer", .public, true),
                                                      (other, "Elsewhere", .public, true)] {
                var brief = BriefTemplates.all[0].brief
                brief.title = title
                brief.visibility = visibility
                let project = try await ProjectBriefs.create(organizationID: org.requireID(), brief: brief, audience: ProjectAudience(),
                                                             at: t.clock.now, on: t.db)
                t.clock.advance(by: 60)
                if publish { try await ProjectBriefs.setState(project, to: .published, at: t.clock.now, on: t.db) }
            }
            #expect(try await Projects.latestPublic(limit: 2, on: t.db).map(\.title) == ["Elsewhere", "Newer"])
            #expect(try await Projects.latestPublic(limit: 6, on: t.db).map(\.title) == ["Elsewhere", "Newer", "Older"])
            #expect(try await Projects.published(of: acme.requireID(), on: t.db).map(\.title) == ["Newer", "Older"])
        }
    }

    @Test("parents and children are attached as Fluent's eager loading attached them; a missing parent is an error; a record without children gets none")
    func relations() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let projectID = engagement.$project.id
            let project = try #require(try await Projects.find(id: projectID, on: t.db))
            let fluent = try #require(try await ProjectRecord.query(on: t.db).filter(\.$id == projectID)
                .with(\.$organization).with(\.$skills) { $0.with(\.$skill) }.first())
            #expect(project.organization.name == fluent.organization.name)
            #expect(!project.skills.isEmpty)
            #expect(Set(project.skills.map(\.skill.label)) == Set(fluent.skills.map(\.skill.label)))

            let found = try #require(try await Engagements.find(try engagement.requireID(), on: t.db))
            #expect(found.project.title == fluent.title)
            #expect(found.candidate.email == "ada@uni.test")
            let members = try await Organizations.members(of: found.$organization.id, on: t.db)
            let fluentMembers = try await MemberRecord.query(on: t.db).filter(\.$organization.$id == found.$organization.id)
                .with(\.$user).sort(\.$createdAt).all()
            #expect(!members.isEmpty)
            #expect(try Self.json(members) == Self.json(fluentMembers))
            #expect(try Self.json(members.map(\.user)) == Self.json(fluentMembers.map(\.user)))
            #expect(members.allSatisfy { $0._$idExists && $0.user._$idExists })
            #expect(try Self.json(found.organization) == Self.json(fluent.organization))
            #expect(try Self.json(found.candidate) == Self.json(try await UserRecord.find(found.$candidate.id, on: t.db)))
            // A parent that is not there is an error, as Fluent's, not a record left half loaded.
            let orphan = try await Self.messageWithoutAuthor(in: try engagement.requireID(), t)
            let error = await #expect(throws: FluentError.self) {
                let rows = try await JobQueue.sqlDatabase(t.db).raw("\(unsafeRaw: MessageRecord.joined(\.$author)) WHERE r.id = \(bind: orphan)").all()
                return try MessageRecord.records(rows, with: \.$author)
            }
            guard case .missingParent(_, _, "author_id", _)? = error else { Issue.record("not a missing parent: \(String(describing: error))"); return }

            let submissions = try await SubmissionRecord.read("engagement_id = \(bind: try engagement.requireID())", on: t.db)
            try await submissions.withChildren(\.$files, linkedBy: \.$submission, on: t.db)
            #expect(submissions.isEmpty)
            try await [fluent].withChildren(\.$skills, linkedBy: \.$project, order: "skill_uri", on: t.db)
            #expect(fluent.skills.map(\.$skill.id) == fluent.skills.map(\.$skill.id).sorted())
        }
    }

    @Test("the session is read with its user by one statement: every field of both; an unknown or expired token finds nothing")
    func sessionWithUser() async throws {
        try await withTestApp { t in
            let user = try await Factory(t).user("ada@uni.test", name: "Ada Okafor")
            let (created, token) = try await Accounts.createSession(userID: try user.requireID(), lifetime: 3600, at: t.clock.now, on: t.db)
            let session = try #require(try await Accounts.session(token: token.value, at: t.clock.now, on: t.db)?.session)
            let fluent = try #require(try await SessionRecord.find(created.id, on: t.db))
            fluent.$user.value = try await UserRecord.find(user.id, on: t.db)
            #expect(session.user?.email == "ada@uni.test")
            #expect(try Self.json(session) == Self.json(fluent))
            #expect(session._$idExists && session.user?._$idExists == true)

            #expect(try await Accounts.session(token: SecretToken().value, at: t.clock.now, on: t.db) == nil)
            #expect(try await Accounts.session(token: token.value, at: t.clock.now.addingTimeInterval(3601), on: t.db) == nil)
        }
    }

    /// A message whose author is not in the database, written with the foreign keys set aside
    /// (on SQLite for one connection; on PostgreSQL dropped, as the test's database is its own):
    /// the keys otherwise make such a row impossible.
    private static func messageWithoutAuthor(in engagementID: UUID, _ t: TestApp) async throws -> UUID {
        let id = UUID()
        try await t.db.withConnection { connection in
            let sql = connection as! any SQLDatabase
            let postgres = sql.dialect.name == "postgresql"
            try await sql.raw(postgres ? """
                DO $$ DECLARE c text; BEGIN
                  FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'engagement_messages'::regclass AND contype = 'f' LOOP
                    EXECUTE 'ALTER TABLE engagement_messages DROP CONSTRAINT ' || quote_ident(c);
                  END LOOP;
                END $$
                """ : "PRAGMA foreign_keys = OFF").run()
            try await sql.insert(into: MessageRecord.schema).columns("id", "engagement_id", "author_id", "body", "created_at")
                .values(SQLBind(id), SQLBind(engagementID), SQLBind(UUID()), SQLBind("Hello"), SQLBind(t.clock.now)).run()
            if !postgres { try await sql.raw("PRAGMA foreign_keys = ON").run() }
        }
        return id
    }

    @Test("what matching reads of candidates: the asked skills only, claimed and proven, with hours and time zone; no profile, no entry")
    func matchCandidates() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            engagement.state = .completed
            try await engagement.save(on: t.db)
            let sql = try #require(try await Taxonomy.skill(label: "SQL", on: t.db)?.id)
            let javaScript = try #require(try await Taxonomy.skill(label: "JavaScript", on: t.db)?.id)
            let profile = try #require(try await CandidateProfiles.profile(userID: engagement.$candidate.id, on: t.db))
            var details = try await CandidateProfiles.profile(profile, on: t.db)
            (details.skills, details.hoursPerWeek, details.timeZone) = ([.init(uri: sql, level: 2), .init(uri: javaScript, level: 4)], 25, "Asia/Tokyo")
            try await CandidateProfiles.update(profile, to: details, at: t.clock.now, on: t.db)

            let read = try await CandidateProfiles.matchCandidates(userIDs: [engagement.$candidate.id, UUID()], skills: [sql], on: t.db)
            // The completed project asked for SQL at level 3: claimed at 2, proven at 3; JavaScript was not asked.
            #expect(read == [engagement.$candidate.id: MatchCandidate(skills: [sql: .init(selfRated: 2, verified: 3)], hoursPerWeek: 25,
                                                                      timeZone: TimeZone(identifier: "Asia/Tokyo"))])
            let whole = MatchCandidate(try await CandidateProfiles.profile(profile, on: t.db))
            #expect(whole.skills.count == 2 && whole.skills[sql] == read[engagement.$candidate.id]?.skills[sql])
            #expect(try await CandidateProfiles.matchCandidates(userIDs: [engagement.$candidate.id], skills: [], on: t.db)
                    .mapValues(\.skills) == [engagement.$candidate.id: [:]])
            #expect(try await CandidateProfiles.matchCandidates(userIDs: [], skills: [sql], on: t.db).isEmpty)
        }
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
