import Foundation
import SQLKit
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// Applicants are ranked by scores kept on their applications: kept by the first ranking, and
/// forgotten by every change that moves them, so the next ranking scores those again.
@Suite("Kept match scores")
struct MatchScoresTests {
    /// Each application's kept score, nil when none is kept.
    private func kept(_ projectID: UUID, _ t: TestApp) async throws -> [UUID: Int?] {
        let sql = try #require(t.db as? any SQLDatabase)
        let rows = try await sql.select().columns("id", "match_score").from(ApplicationRecord.schema).where("project_id", .equal, projectID).all()
        return Dictionary(uniqueKeysWithValues: try rows.map {
            (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "match_score", as: Int?.self))
        })
    }

    struct Ranked {
        var id: ApplicationID
        var score: Int
    }

    /// The project's applicants ranked by best match, as Acme's hiring manager's list ranks them.
    private func ranked(_ projectID: UUID, _ t: TestApp) async throws -> [Ranked] {
        let manager = try await t.context(as: "hiring_manager@acme.test")
        let project = try await ScreeningService.project(ProjectID(projectID), manager)
        return try await ScreeningService.page(nil, of: project, manager).applicants.map { Ranked(id: $0.id, score: $0.score.total) }
    }

    /// Sets the candidate's claimed skills, as saving the profile does.
    private func claim(_ skills: [CandidateProfile.SkillClaim], _ email: String, _ t: TestApp) async throws {
        let user = try #require(try await Accounts.user(email: EmailAddress(email)!, on: t.db))
        let record = try #require(try await CandidateProfiles.profile(userID: try user.requireID(), on: t.db))
        var profile = try await CandidateProfiles.profile(record, on: t.db)
        profile.skills = skills
        try await CandidateProfiles.update(record, to: profile, at: t.clock.now, on: t.db)
    }

    @Test("the first ranking keeps every score; a profile saved forgets that candidate's, a brief saved all of the project's; the next ranking scores them from what changed")
    func profileAndBrief() async throws {
        try await withTestApp { t in
            let projectID = try await t.acmeProjectWithAda()
            let ada = try await t.apply(to: projectID)
            try await Factory(t).candidate("bo@uni.test", name: "Bo Lind")
            try await claim([], "bo@uni.test", t)
            let bo = try await ApplicationsService.apply(ApplicationInput(answers: ["Me."]), to: projectID, try await t.context(as: "bo@uni.test"))
            let boID = try bo.requireID()
            #expect(try await kept(projectID.uuid, t).values.allSatisfy { $0 == nil })

            let first = try await ranked(projectID.uuid, t)
            #expect(first.map(\.id) == [ada, ApplicationID(boID)])
            #expect(first[0].score > first[1].score)
            #expect(try await kept(projectID.uuid, t) == [ada.uuid: first[0].score, boID: first[1].score])

            // Ada drops SQL, which the project requires: hers is forgotten, Bo's kept; then they score alike.
            try await claim([], "ada@uni.test", t)
            #expect(try await kept(projectID.uuid, t) == [ada.uuid: nil, boID: first[1].score])
            let second = try await ranked(projectID.uuid, t)
            #expect(second.map(\.score) == [first[1].score, first[1].score])
            #expect(try await kept(projectID.uuid, t) == [ada.uuid: first[1].score, boID: first[1].score])

            // The brief no longer asks for any skill: every applicant's score is forgotten and moves.
            let project = try #require(try await Projects.find(id: projectID.uuid, on: t.db))
            var brief = try await ProjectBriefs.brief(of: project, on: t.db)
            brief.skills = []
            try await ProjectBriefs.update(project, brief: brief, audience: ProjectAudience(), at: t.clock.now, on: t.db)
            #expect(try await kept(projectID.uuid, t).values.allSatisfy { $0 == nil })
            let third = try await ranked(projectID.uuid, t)
            #expect(third.allSatisfy { $0.score != first[1].score })
        }
    }

    @Test("every order is the database's, page by page: best match, newest and oldest each list every applicant once, ties to the earlier, then by id; a filter keeps to its state; each row scores as the applicant's own page")
    func orders() async throws {
        try await withTestApp { t in
            let projectID = try await t.acmeProjectWithAda()
            let sql = try #require(try await Taxonomy.skill(label: "SQL", on: t.db)?.id)
            let javaScript = try #require(try await Taxonomy.skill(label: "JavaScript", on: t.db)?.id)
            for (n, level) in [3, 4, 1, 2, 2, 1, 3].enumerated() {
                let email = "c\(n)@uni.test"
                try await Factory(t).candidate(email, name: "Candidate \(n)")
                // Some also claim a skill the project does not ask for, which the list does not read.
                try await claim([.init(uri: sql, level: level)] + (n.isMultiple(of: 2) ? [.init(uri: javaScript, level: 4)] : []), email, t)
                _ = try await ApplicationsService.apply(ApplicationInput(answers: ["Me."]), to: projectID, try await t.context(as: email))
                // Some apply at the same moment, so that their order falls to the id.
                if n % 3 != 0 { t.clock.advance(by: 60) }
            }
            let manager = try await t.context(as: "hiring_manager@acme.test")
            let project = try await ScreeningService.project(projectID, manager)
            let byID = { (a: ApplicantRow, b: ApplicantRow) in a.id.uuid.uuidString < b.id.uuid.uuidString }
            let expected: [ApplicantSort: (ApplicantRow, ApplicantRow) -> Bool] = [
                .match: { a, b in a.score.total != b.score.total ? a.score.total > b.score.total
                    : a.appliedAt != b.appliedAt ? a.appliedAt < b.appliedAt : byID(a, b) },
                .newest: { a, b in a.appliedAt != b.appliedAt ? a.appliedAt > b.appliedAt : byID(a, b) },
                .oldest: { a, b in a.appliedAt != b.appliedAt ? a.appliedAt < b.appliedAt : byID(a, b) },
            ]
            for sort in ApplicantSort.allCases {
                let shown = try await ScreeningService.page(nil, of: project, sort: sort, manager).applicants
                #expect(shown.count == 7)
                #expect(shown.map(\.id) == shown.sorted(by: try #require(expected[sort])).map(\.id), "\(sort)")
                #expect(Set(shown.map(\.score.total)).count == 3, "levels 1 and 2 fall short of the brief's 3; 3 and 4 meet it alike")
                // The API's cursor walks the same order two at a time.
                var walked: [ApplicationID] = []
                var cursor: ApplicationID?
                for _ in 0..<10 {
                    let (window, more) = try await ScreeningService.window(after: cursor, limit: 2, of: project, sort: sort, manager)
                    walked += window.map(\.id)
                    guard more else { break }
                    cursor = window.last?.id
                }
                #expect(walked == shown.map(\.id), "\(sort)")
            }
            // The list reads of each profile only what the match needs; the applicant's page reads it all.
            for row in try await ScreeningService.page(nil, of: project, manager).applicants {
                let view = try await ScreeningService.applicant(row.id, of: project, manager)
                #expect(row.score == view.score && row.workingHours == view.workingHours && row.displayName == view.displayName)
                #expect(row.workingHours != nil && row.state == view.state && row.appliedAt == view.appliedAt)
            }
            let best = try #require(try await ScreeningService.page(nil, of: project, manager).applicants.first)
            try await t.decide(best.id, .shortlisted, on: projectID)
            #expect(try await ScreeningService.page(nil, of: project, states: [.shortlisted], manager).applicants.map(\.id) == [best.id])
            let submitted = try await ScreeningService.window(after: nil, limit: 10, of: project, states: [.submitted], manager)
            #expect(submitted.applicants.count == 6 && !submitted.more && !submitted.applicants.contains { $0.id == best.id })
        }
    }

    @Test("a score computed from what was read before a change is not kept after it")
    func computedBeforeAChange() async throws {
        try await withTestApp { t in
            let projectID = try await t.acmeProjectWithAda()
            let ada = try await t.apply(to: projectID)
            let read = try #require(try await Applications.unscored(projectID: projectID.uuid, states: [], on: t.db).first)
            try await claim([], "ada@uni.test", t)
            try await MatchScores.keep([.init(applicationID: ada.uuid, stamp: read.scoreStamp, score: 99)], on: t.db)
            #expect(try await kept(projectID.uuid, t) == [ada.uuid: nil])
            let now = try #require(try await Applications.unscored(projectID: projectID.uuid, states: [], on: t.db).first)
            try await MatchScores.keep([.init(applicationID: ada.uuid, stamp: now.scoreStamp, score: 99)], on: t.db)
            #expect(try await kept(projectID.uuid, t) == [ada.uuid: 99])
        }
    }

    @Test("completed work and a revoked credential move what the candidate has proven: both forget the candidate's scores")
    func provenWork() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let projectID = engagement.$project.id
            _ = try await ranked(projectID, t)
            #expect(try await kept(projectID, t).values.map { $0 != nil } == [true])
            try await Engagements.move(engagement, to: .completed, at: t.clock.now, on: t.db)
            #expect(try await kept(projectID, t).values.map { $0 == nil } == [true])
        }
        try await withTestApp { t in
            let id = try await t.completedEngagement()
            try await t.runJobs()
            let credential = try #require(try await Credentials.of(engagementID: id.uuid, on: t.db))
            let projectID = try #require(try await Engagements.find(id.uuid, on: t.db)).$project.id
            _ = try await ranked(projectID, t)
            #expect(try await kept(projectID, t).values.map { $0 != nil } == [true])
            let owner = try #require(try await Accounts.user(email: EmailAddress("owner@acme.test")!, on: t.db))
            try await Credentials.revoke(credential, by: try owner.requireID(), reason: "Issued in error", at: t.clock.now, on: t.db)
            #expect(try await kept(projectID, t).values.map { $0 == nil } == [true])
        }
    }
}
