import FluentKit
import Foundation
import Testing
import TryoutCore
@testable import TryoutStore
import TryoutTestSupport

@Suite("Store")
struct StoreTests {
    @Test("the bundled ESCO taxonomy loads once, with labels and alt labels")
    func taxonomy() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            #expect(try await SkillRecord.query(on: t.db).count() == 1278)
            let sql = try #require(try await SkillRecord.query(on: t.db).filter(\.$label == "SQL").first())
            #expect(sql.id?.hasPrefix("http://data.europa.eu/esco/skill/") == true)
        }
    }

    @Test("profiles read as plain rows for a list equal the profile read through its model, field by field")
    func profilesAsRows() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let full = try await Factory(t).user("ada@uni.test")
            let empty = try await Factory(t).user("bo@uni.test")
            let record = try await CandidateProfiles.create(userID: full.requireID(), name: "Ada", at: t.clock.now, on: t.db)
            let bare = try await CandidateProfiles.create(userID: empty.requireID(), name: "Bo", at: t.clock.now, on: t.db)
            var profile = CandidateProfile()
            profile.headline = "Data analyst"
            profile.skills = try await SkillRecord.query(on: t.db).limit(3).all().map { .init(uri: try $0.requireID(), level: 3) }
            (profile.portfolioURL, profile.githubURL, profile.linkedInURL) = ("https://a.example", "https://github.com/a", "https://linkedin.com/in/a")
            profile.hoursPerWeek = 12
            profile.availableFrom = t.clock.now
            profile.availableTo = t.clock.now.addingTimeInterval(86_400 * 30)
            profile.timeZone = "Africa/Lagos"
            profile.location = "Lagos"
            profile.languages = ["English", "Yoruba"]
            profile.education = "BSc"
            profile.accommodations = "Captions"
            profile.discoverable = true
            try await CandidateProfiles.update(record, to: profile, at: t.clock.now, on: t.db)
            let rows = try await CandidateProfiles.profiles(userIDs: [full.requireID(), empty.requireID(), UUID()], on: t.db)
            #expect(rows.count == 2)
            #expect(rows[try full.requireID()] == (try await CandidateProfiles.profile(record, on: t.db)))
            #expect(rows[try empty.requireID()] == (try await CandidateProfiles.profile(bare, on: t.db)))
            let ada = try full.requireID()
            #expect(rows[ada]?.skills.count == 3 && rows[ada]?.languages == ["English", "Yoruba"])
        }
    }

    @Test("generated projects read as written: a skill's label starts its title, a subject follows a verb, and a cut summary ends after a whole word")
    func generatedText() async throws {
        #expect(SyntheticData.clipped("Plan, build and test.", to: 40) == "Plan, build and test.")
        #expect(SyntheticData.clipped("Plan, build and test the network.", to: 14) == "Plan, build…")
        #expect(SyntheticData.clipped("Plan, build and test the network.", to: 16) == "Plan, build and…")
        #expect(SyntheticData.clipped("Supercalifragilistic", to: 5) == "Super…")
        try await withTestApp { t in
            try await SyntheticData.generate(projects: 60, candidates: 0, passwordHash: "x", at: t.clock.now, on: t.db)
            let projects = try await ProjectRecord.query(on: t.db).all()
            #expect(projects.count == 60)
            #expect(projects.contains { $0.summary.hasSuffix("…") })
            for summary in projects.map(\.summary) {
                #expect(summary.count <= 300)
                if summary.hasSuffix("…") { #expect(!summary.dropLast().last!.isWhitespace && !summary.dropLast().last!.isPunctuation, "\(summary)") }
            }
            let skills = try await SkillRecord.query(on: t.db).all()
            let tasks = Set(skills.filter { $0.kind == Skill.Kind.skill.rawValue }.map(\.label))
            let subjects = Set(skills.filter { $0.kind == Skill.Kind.knowledge.rawValue }.map(\.label))
            var startsWithTask = 0, startsWithVerb = 0
            for title in projects.map(\.title) {
                let verb = SyntheticData.verbs.first { title.hasPrefix($0 + " ") }
                let rest = verb.map { String(title.dropFirst($0.count + 1)) }
                // A verb before a skill's label ("Map use spreadsheets") is what this rules out.
                #expect(!tasks.contains { rest?.hasPrefix($0 + " ") == true }, "\(title)")
                if tasks.contains(where: { title.lowercased().hasPrefix($0.lowercased() + " ") }) { startsWithTask += 1 }
                if subjects.contains(where: { rest?.hasPrefix($0 + " ") == true }) { startsWithVerb += 1 }
            }
            #expect(startsWithTask > 0 && startsWithVerb > 0, "\(startsWithTask) titles start with a skill, \(startsWithVerb) with a verb and a subject")
        }
    }

    @Test("a candidate's applications read as plain rows equal what their records say, newest first")
    func applicationSummaries() async throws {
        try await withTestApp { t in
            try await DemoData.load(passwordHash: "x", at: t.clock.now, on: t.db)
            try await SyntheticData.generate(projects: 4, candidates: 6, passwordHash: "x", at: t.clock.now, on: t.db)
            try await DemoCrowd.add(applicants: 3, messages: 0, at: t.clock.now, on: t.db)
            let applications = try await ApplicationRecord.query(on: t.db).sort(\.$createdAt).all()
            let offered = try #require(applications.first)
            offered.state = .offered
            offered.offerExpiresAt = t.clock.now.addingTimeInterval(86_400)
            try await offered.save(on: t.db)
            let candidates = Set(applications.map(\.$candidate.id))
            #expect(candidates.count > 1)
            for candidate in candidates {
                let rows = try await Applications.summaries(userID: candidate, on: t.db)
                let records = try await Applications.mine(userID: candidate, on: t.db).map(Applications.Summary.init)
                #expect(rows == records && !rows.isEmpty)
                #expect(rows.map(\.appliedAt) == rows.map(\.appliedAt).sorted(by: >))
            }
            let row = try #require(try await Applications.summaries(userID: offered.$candidate.id, on: t.db).first { $0.id == offered.id })
            #expect(row.state == .offered && row.offerExpiresAt == offered.offerExpiresAt)
            #expect(try await Applications.summaries(userID: UUID(), on: t.db).isEmpty)
        }
    }

    @Test("a project's applications as screening reads them: plain rows equal to the records read with their candidates, none of another project's")
    func screenedApplications() async throws {
        try await withTestApp { t in
            try await DemoData.load(passwordHash: "x", at: t.clock.now, on: t.db)
            try await DemoCrowd.add(applicants: 3, messages: 0, at: t.clock.now, on: t.db)
            let crowded = try #require(try await ApplicationRecord.query(on: t.db).first())
            let other = try #require(try await ProjectRecord.query(on: t.db).filter(\.$id != crowded.$project.id).first())
            _ = try await Applications.submit(to: other, userID: crowded.$candidate.id, ApplicationInput(answers: ["Elsewhere"]),
                                              at: t.clock.now, on: t.db)
            let applications = try await ApplicationRecord.query(on: t.db).with(\.$candidate).sort(\.$createdAt).all()
            let answered = try #require(applications.first)
            answered.answersJSON = #"["First, with \"quotes\"", "Second"]"#
            answered.portfolioLines = "https://example.org/a\nhttps://example.org/b"
            answered.revealedAt = t.clock.now
            answered.offerExpiresAt = t.clock.now.addingTimeInterval(86_400)
            try await answered.save(on: t.db)
            let projects = Dictionary(grouping: applications, by: \.$project.id)
            #expect(projects.count > 1)
            for (projectID, records) in projects {
                let rows = try await Applications.screened(applications.map { $0.id! }, projectID: projectID, on: t.db)
                #expect(Set(rows.map(\.id)) == Set(records.map { $0.id! }))
                let expected = Dictionary(uniqueKeysWithValues: try records.map { ($0.id!, try Applications.Screened($0)) })
                #expect(rows.allSatisfy { expected[$0.id] == $0 })
            }
            let row = try #require(try await Applications.screened([answered.id!], projectID: answered.$project.id, on: t.db).first)
            #expect(row.answers == [#"First, with "quotes""#, "Second"] && row.portfolio.count == 2 && row.revealedAt != nil)
            #expect(try await Applications.screened([answered.id!], projectID: UUID(), on: t.db).isEmpty)
            #expect(try await Applications.screened([], projectID: answered.$project.id, on: t.db).isEmpty)
        }
    }

    @Test("demo data: two employers with every role, a partner, twelve candidates, published projects")
    func demo() async throws {
        try await withTestApp { t in
            #expect(try await DemoData.isEmpty(on: t.db))
            try await DemoData.load(passwordHash: "x", at: t.clock.now, on: t.db)
            #expect(!(try await DemoData.isEmpty(on: t.db)))
            let orgs = try await Organizations.all(on: t.db)
            #expect(orgs.filter { $0.kind == .employer }.count == 2)
            #expect(orgs.filter { $0.kind == .partner }.count == 1)
            for org in orgs where org.kind == .employer {
                let roles = Set(try await Organizations.members(of: org.requireID(), on: t.db).map(\.role))
                #expect(roles == [.owner, .admin, .hiringManager, .reviewer])
            }
            #expect(try await CandidateProfileRecord.query(on: t.db).count() >= 10)
            #expect(try await CandidateSkillRecord.query(on: t.db).count() >= 20)
            let published = try await Projects.latestPublic(limit: 100, on: t.db)
            #expect(published.count == 7)
            #expect(try await ProjectSkillRecord.query(on: t.db).count() >= 14)
            for signIn in DemoData.signIns {
                #expect(try await Accounts.user(email: EmailAddress(signIn.email)!, on: t.db) != nil, "\(signIn.email)")
            }
        }
    }

    @Test("every demo project passes the publish lint: no deliverable falls due after the project ends")
    func demoBriefsPassTheLint() async throws {
        try await withTestApp { t in
            try await DemoData.load(passwordHash: "x", at: t.clock.now, on: t.db)
            for listed in try await Projects.latestPublic(limit: 100, on: t.db) {
                let project = try #require(try await ProjectRecord.find(listed.id, on: t.db))
                let brief = try await ProjectBriefs.brief(of: project, on: t.db)
                let report = ComplianceLint.check(brief)
                #expect(report.canPublish, "\(project.title): \(report.errors.map(\.message))")
                #expect(brief.deliverables.allSatisfy { $0.dueOffsetDays <= brief.durationWeeks * 7 }, "\(project.title)")
            }
        }
    }

    @Test("an e-mail address can only sign up once, whatever its case")
    func uniqueEmail() async throws {
        try await withTestApp { t in
            _ = try await Accounts.createUser(email: EmailAddress("Sam@x.io")!, displayName: "Sam", passwordHash: "h", at: t.clock.now, on: t.db)
            await #expect(throws: AccountError.emailTaken) {
                _ = try await Accounts.createUser(email: EmailAddress("sam@X.io")!, displayName: "Sam", passwordHash: "h", at: t.clock.now, on: t.db)
            }
            #expect(try await UserRecord.query(on: t.db).count() == 1)
        }
    }

    @Test("a person's principal holds each organization they belong to with its role, and each school they study with")
    func principal() async throws {
        try await withTestApp { t in
            let factory = Factory(t)
            let acme = try await factory.organization("Acme", roles: [.owner, .reviewer])
            let bluefin = try await factory.organization("Bluefin")
            let lakeside = try await factory.organization("Lakeside", kind: .partner, roles: [.owner, .staff])
            let reviewer = try #require(try await Accounts.user(email: EmailAddress("reviewer@acme.test")!, on: t.db))
            try await Organizations.addMember(orgID: try bluefin.requireID(), userID: try reviewer.requireID(), role: .admin,
                                              at: t.clock.now, on: t.db)
            try await PartnerStudentRecord(organizationID: try lakeside.requireID(), userID: try reviewer.requireID(), createdAt: t.clock.now)
                .create(on: t.db)
            let principal = try await Accounts.principal(for: reviewer, on: t.db)
            #expect(principal.userID == reviewer.id && !principal.isPlatformAdmin)
            #expect(principal.memberships == [try acme.requireID(): .reviewer, try bluefin.requireID(): .admin])
            #expect(principal.schools == [try lakeside.requireID()])
            let stranger = try await factory.user("sam@x.io")
            let nobody = try await Accounts.principal(for: stranger, on: t.db)
            #expect(nobody.memberships.isEmpty && nobody.schools.isEmpty)

            // The session is read with the same roles, in one statement: two memberships and two
            // schools make four rows, which must come back as two of each.
            let riverside = try await factory.organization("Riverside", kind: .partner)
            try await PartnerStudentRecord(organizationID: try riverside.requireID(), userID: try reviewer.requireID(), createdAt: t.clock.now)
                .create(on: t.db)
            let (_, token) = try await Accounts.createSession(userID: reviewer.id, lifetime: 60, at: t.clock.now, on: t.db)
            let signedIn = try #require(try await Accounts.session(token: token.value, at: t.clock.now, on: t.db))
            #expect(signedIn.principal.memberships == principal.memberships)
            #expect(signedIn.principal.schools == [try lakeside.requireID(), try riverside.requireID()])
            #expect(signedIn.principal.userID == reviewer.id && signedIn.session.user?.email == "reviewer@acme.test")
            let (_, strangers) = try await Accounts.createSession(userID: stranger.id, lifetime: 60, at: t.clock.now, on: t.db)
            let alone = try #require(try await Accounts.session(token: strangers.value, at: t.clock.now, on: t.db)?.principal)
            #expect(alone.memberships.isEmpty && alone.schools.isEmpty && alone.userID == stranger.id)
            #expect(signedIn.header == nil, "the header only when asked for")
        }
    }

    @Test("a session read with the header reads what the header's own statement reads: each organization once, whatever the schools, and the counts")
    func sessionWithHeader() async throws {
        try await withTestApp { t in
            let factory = Factory(t)
            _ = try await factory.organization("Acme", roles: [.owner, .reviewer])
            let bluefin = try await factory.organization("Bluefin")
            let reviewer = try #require(try await Accounts.user(email: EmailAddress("reviewer@acme.test")!, on: t.db))
            let reviewerID = try reviewer.requireID()
            try await Organizations.addMember(orgID: try bluefin.requireID(), userID: reviewerID, role: .admin, at: t.clock.now, on: t.db)
            for name in ["Lakeside", "Riverside"] {
                let school = try await factory.organization(name, kind: .partner)
                try await PartnerStudentRecord(organizationID: try school.requireID(), userID: reviewerID, createdAt: t.clock.now).create(on: t.db)
            }
            for message in ["One", "Two", "Three"] {
                try await Notifications.add(userID: reviewerID, message: message, link: "/", at: t.clock.now, on: t.db)
            }
            let first = try #require(try await Notifications.recent(userID: reviewerID, on: t.db).first)
            _ = try await Notifications.open(try first.requireID(), userID: reviewerID, at: t.clock.now, on: t.db)
            let stranger = try await factory.user("sam@x.io")
            for (person, organizations, unread) in [(reviewer, ["Acme", "Bluefin"], 2), (stranger, [], 0)] {
                let (_, token) = try await Accounts.createSession(userID: person.id, lifetime: 60, at: t.clock.now, on: t.db)
                let signedIn = try #require(try await Accounts.session(token: token.value, at: t.clock.now, withHeader: true, on: t.db))
                let header = try #require(signedIn.header)
                let alone = try await HeaderFacts.load(userID: try person.requireID(), on: t.db)
                #expect(header.organizations.map(\.name).sorted() == organizations)
                #expect(alone.organizations.map(\.name).sorted() == organizations)
                #expect(header.organizations.map(\.slug).sorted() == alone.organizations.map(\.slug).sorted())
                #expect(header.unreadNotifications == unread && alone.unreadNotifications == unread)
                #expect(header.isCandidate == alone.isCandidate && header.versionsToScore == alone.versionsToScore)
                #expect(signedIn.principal.userID == person.id)
            }
            let (_, token) = try await Accounts.createSession(userID: reviewer.id, lifetime: 60, at: t.clock.now, on: t.db)
            #expect(try await Accounts.session(token: token.value, at: t.clock.now.addingTimeInterval(61), withHeader: true, on: t.db) == nil)
            #expect(try await Accounts.session(token: SecretToken().value, at: t.clock.now, withHeader: true, on: t.db) == nil, "an unknown token")
        }
    }

    @Test("secrets are stored only as hashes")
    func hashedSecrets() async throws {
        try await withTestApp { t in
            let user = try await Factory(t).user("kim@x.io")
            let (record, secret) = try await Accounts.createToken(userID: try user.requireID(), name: "ci", at: t.clock.now, on: t.db)
            #expect(record.tokenHash != secret)
            #expect(record.tokenHash == SecretToken.hash(secret))
            #expect(try await Accounts.user(bearer: secret, at: t.clock.now, on: t.db)?.id == user.id)
            let (session, token) = try await Accounts.createSession(userID: user.id, lifetime: 60, at: t.clock.now, on: t.db)
            #expect(session.tokenHash == token.hash && session.tokenHash != token.value)
            #expect(try await Accounts.session(token: token.value, at: t.clock.now, on: t.db)?.session.id == session.id)
            #expect(try await Accounts.session(token: token.value, at: t.clock.now.addingTimeInterval(61), on: t.db) == nil)
        }
    }

    @Test("an organization's audit log holds the events in its context only, not its members' own account events")
    func auditScope() async throws {
        try await withTestApp { t in
            let factory = Factory(t)
            let a = try await factory.organization("Alpha")
            let b = try await factory.organization("Beta")
            let alphaOwner = try await factory.member("owner@alpha.test", of: a).user
            let betaOwner = try await factory.member("owner@beta.test", of: b).user
            let now = t.clock.now
            try await AuditLog.record(.init(actorUserID: alphaOwner.id, actorEmail: alphaOwner.email, action: .signedIn, ip: "1"), at: now, on: t.db)
            try await AuditLog.record(.init(actorUserID: betaOwner.id, actorEmail: betaOwner.email, action: .signedIn, ip: "2"), at: now, on: t.db)
            try await AuditLog.record(.init(organizationID: b.id, actorUserID: betaOwner.id, actorEmail: betaOwner.email, action: .roleChanged, ip: "2"), at: now, on: t.db)
            try await AuditLog.record(.init(organizationID: a.id, actorUserID: alphaOwner.id, actorEmail: alphaOwner.email, action: .settingsChanged, ip: "1"), at: now, on: t.db)
            let alpha = try await AuditLog.recent(organizationID: try a.requireID(), on: t.db)
            #expect(alpha.map(\.action) == [.settingsChanged])
            #expect(try await AuditLog.recent(on: t.db).count == 4)
        }
    }

    @Test("free slugs get a number when the name is taken")
    func slugs() async throws {
        try await withTestApp { t in
            let factory = Factory(t)
            let first = try await factory.organization("Acme")
            let owner = try await factory.user("second@acme.io")
            let second = try await Organizations.create(kind: .employer, name: "ACME", ownerID: try owner.requireID(), at: t.clock.now, on: t.db)
            #expect(first.slug == "acme")
            #expect(second.slug == "acme-2")
        }
    }
}

@Suite("Housekeeping")
struct HousekeepingTests {
    @Test("expired sessions and old sign-in attempts are removed; live ones stay")
    func expired() async throws {
        try await withTestApp { t in
            let now = t.clock.now
            let (old, _) = try await Accounts.createSession(userID: nil, lifetime: 60, at: now.addingTimeInterval(-120), on: t.db)
            let (live, _) = try await Accounts.createSession(userID: nil, lifetime: 60, at: now, on: t.db)
            try await Accounts.recordAttempt(email: "a@x.io", ip: "1", succeeded: false, at: now.addingTimeInterval(-7200), on: t.db)
            try await Accounts.recordAttempt(email: "a@x.io", ip: "1", succeeded: false, at: now.addingTimeInterval(-60), on: t.db)
            try await Accounts.deleteExpired(at: now, keepingAttemptsFor: 3600, on: t.db)
            let sessions = try await SessionRecord.query(on: t.db).all().map(\.id)
            #expect(sessions == [live.id])
            #expect(!sessions.contains(old.id))
            #expect(try await Accounts.failedAttempts(email: "a@x.io", since: .distantPast, on: t.db).count == 1)
        }
    }
}
