import FluentKit
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// The number kept applicant tables go by (`CreateApplicantListVersions`): raised by the database
/// itself, for the project whose list a write changes, on both databases.
@Suite("The applicants list's version")
struct ApplicantListVersionTests {
    @Test("applying, moving, scoring, forgetting scores, renaming and removing raise the project's; other projects and other columns leave it")
    func raisedByWhatTheListShows() async throws {
        try await withTestApp { t in
            let factory = Factory(t)
            let org = try await factory.organization("Acme")
            let project = try await factory.publishedProject(of: org)
            let other = try await factory.publishedProject(of: org)
            let (projectID, otherID) = (try project.requireID(), try other.requireID())
            let ada = try await factory.candidate("ada@uni.test", name: "Ada")
            let adaID = try ada.requireID()
            /// The version as the list reads it, with its project.
            func version(_ id: UUID) async throws -> Int { try #require(try await Applications.listedProject(id: id, on: t.db)).listVersion }
            #expect(try await version(projectID) == 0, "no application yet")
            #expect(try await Applications.listedProject(id: UUID(), on: t.db) == nil)
            let listed = try #require(try await Applications.listedProject(id: projectID, on: t.db))
            let orgID = try org.requireID()
            #expect(listed.id == projectID && listed.organizationID == orgID && listed.title == project.title
                    && listed.state == project.state && listed.screening == project.screening, "the project as the list shows it")

            var last = (mine: 0, other: 0)
            /// Which of the two projects' versions `write` moved, remembering where they stand.
            func raised(_ write: () async throws -> Void) async throws -> (mine: Bool, other: Bool) {
                try await write()
                let now = (mine: try await version(projectID), other: try await version(otherID))
                defer { last = now }
                return (now.mine > last.mine, now.other > last.other)
            }

            var application: ApplicationRecord?
            #expect(try await raised {
                application = try await Applications.submit(to: project, userID: adaID, ApplicationInput(answers: ["Me."]), at: t.clock.now, on: t.db)
            } == (true, false))
            let applied = try #require(application)
            #expect(try await raised {
                applied.state = .shortlisted
                try await applied.save(on: t.db)
            } == (true, false))
            #expect(try await raised {
                let unscored = try await Applications.unscored(projectID: projectID, states: [], on: t.db)
                try await MatchScores.keep(unscored.map { MatchScores.Computed(applicationID: $0.id, stamp: $0.scoreStamp, score: 70) }, on: t.db)
            } == (true, false))
            #expect(try await raised { try await MatchScores.forget(candidateID: adaID, on: t.db) } == (true, false), "a profile or proven work changed")
            #expect(try await raised { try await MatchScores.forget(projectID: otherID, on: t.db) } == (false, false), "no application there")
            #expect(try await raised {
                ada.displayName = "Ada Lovelace"
                try await ada.save(on: t.db)
            } == (true, false))
            #expect(try await raised {
                ada.email = "ada.lovelace@uni.test"
                try await ada.save(on: t.db)
            } == (false, false), "the list does not show addresses")
            #expect(try await raised {
                let bo = try await factory.candidate("bo@uni.test", name: "Bo")
                _ = try await Applications.submit(to: other, userID: try bo.requireID(), ApplicationInput(answers: ["Me."]), at: t.clock.now, on: t.db)
            } == (false, true))
            #expect(try await raised { try await applied.delete(on: t.db) } == (true, false))
        }
    }
}
