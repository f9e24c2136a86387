import FluentKit
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// The number kept engagement overviews and threads go by (`CreateEngagementVersions`): raised by
/// the database itself, for the engagement a write changes, on both databases.
@Suite("An engagement's version")
struct EngagementVersionTests {
    @Test("every part the pages show raises the engagement's; another engagement, time logged, reading and addresses leave it")
    func raisedByWhatThePagesShow() async throws {
        try await withTestApp { t in
            let factory = Factory(t)
            let mine = try await factory.engagement()
            let org = try #require(try await OrganizationRecord.find(mine.$organization.id, on: t.db))
            let other = try await factory.engagement(in: org, candidate: "bo@uni.test", candidateName: "Bo")
            let (mineID, otherID, candidateID) = (try mine.requireID(), try other.requireID(), mine.$candidate.id)
            let reviewer = try await factory.member("reviewer@acme.test", of: org).$user.id
            let manager = try await factory.member("hiring_manager@acme.test", of: org).$user.id
            func glance(_ id: UUID, by userID: UUID = candidateID) async throws -> Engagements.Glance {
                try #require(try await Engagements.glance(of: id, by: userID, on: t.db))
            }
            let first = try await glance(mineID)
            #expect(first.organizationID == org.id && first.candidateID == candidateID && !first.onTeam && first.unread == 0 && first.minutes == 0)
            #expect(try await Engagements.glance(of: UUID(), by: candidateID, on: t.db) == nil)

            var last = (mine: first.version, other: try await glance(otherID).version)
            /// Which of the two engagements' versions `write` moved, remembering where they stand.
            func raised(_ write: () async throws -> Void) async throws -> (mine: Bool, other: Bool) {
                try await write()
                let now = (mine: try await glance(mineID).version, other: try await glance(otherID).version)
                defer { last = now }
                return (now.mine > last.mine, now.other > last.other)
            }
            let now = t.clock.now
            #expect(try await raised { try await Engagements.move(mine, to: .active, at: now, on: t.db) } == (true, false))
            let item = try #require(try await Engagements.checklist(of: mineID, on: t.db).first)
            #expect(try await raised { _ = try await Engagements.tick(try item.requireID(), of: mine, by: candidateID, at: now, on: t.db) } == (true, false))
            #expect(try await raised { _ = try await Engagements.addToTeam(reviewer, engagementID: mineID, at: now, on: t.db) } == (true, false))
            let (onMine, onOther) = (try await glance(mineID, by: reviewer).onTeam, try await glance(otherID, by: reviewer).onTeam)
            #expect(onMine && !onOther)
            let agreement = try #require(try await Agreements.current(of: mineID, on: t.db).first)
            #expect(try await raised {
                agreement.candidateSignedAt = now
                try await agreement.save(on: t.db)
            } == (true, false))
            let milestone = try #require(try await Engagements.milestones(of: mineID, on: t.db).first)
            var submission: SubmissionRecord?
            #expect(try await raised {
                submission = try await Submissions.submit(try SubmissionInput(note: "First cut", links: ["https://example.com/v1"], fileCount: 0),
                                                          files: [], to: milestone, at: now, on: t.db)
            } == (true, false))
            #expect(try await raised {
                let file = SubmissionFileRecord()
                file.$submission.id = try #require(submission).requireID()
                file.$engagement.id = mineID
                (file.name, file.kind, file.size, file.sha256, file.createdAt) = ("report.pdf", .pdf, 10, String(repeating: "a", count: 64), now)
                try await file.create(on: t.db)
            } == (true, false))
            #expect(try await raised {
                milestone.state = .changesRequested
                try await milestone.save(on: t.db)
            } == (true, false))
            #expect(try await raised {
                _ = try await EngagementActivity.book(try CheckInInput(startsAt: "2030-01-02T10:00", minutes: 30, agenda: "Kickoff", now: now),
                                                      engagementID: mineID, by: manager, at: now, on: t.db)
            } == (true, false))
            #expect(try await raised { _ = try await EngagementActivity.post("Welcome", engagementID: mineID, by: manager, at: now, on: t.db) } == (true, false))
            #expect(try await glance(mineID).unread == 1)
            #expect(try await raised {
                try await EngagementActivity.markRead(engagementID: mineID, userID: candidateID, at: now.addingTimeInterval(1), on: t.db)
            } == (false, false), "reading is per person, read on every view")
            #expect(try await glance(mineID).unread == 0)
            #expect(try await raised {
                _ = try await EngagementActivity.log(try TimeEntryInput(day: String(DateText.iso(now).prefix(10)), hours: "2", note: "", now: now), milestoneID: nil,
                                                     engagementID: mineID, at: now, on: t.db)
            } == (false, false), "time logged is read on every view")
            #expect(try await glance(mineID).minutes == 120)
            let candidate = try #require(try await UserRecord.find(candidateID, on: t.db))
            #expect(try await raised {
                candidate.displayName = "Ada Okafor-Lee"
                try await candidate.save(on: t.db)
            } == (true, false))
            #expect(try await raised {
                candidate.email = "ada.lee@uni.test"
                try await candidate.save(on: t.db)
            } == (false, false), "the pages show no addresses")
            let author = try #require(try await UserRecord.find(manager, on: t.db))
            #expect(try await raised { try await factory.member("hiring_manager@acme.test", of: org).delete(on: t.db) } == (true, true),
                    "a member who left")
            #expect(try await raised {
                author.displayName = "Hana Manager"
                try await author.save(on: t.db)
            } == (true, false), "a message's author, no longer a member")
            let project = try #require(try await ProjectRecord.find(mine.$project.id, on: t.db))
            #expect(try await raised {
                project.title = "Churn, again"
                try await project.save(on: t.db)
            } == (true, false))
            #expect(try await raised {
                org.name = "Acme Analytics"
                try await org.save(on: t.db)
            } == (true, true), "both are the organization's")
            #expect(try await raised { try await Engagements.removeFromTeam(reviewer, engagementID: mineID, on: t.db) } == (true, false))
            let newcomer = try await factory.user("nia@acme.test", name: "Nia")
            #expect(try await raised {
                try await Organizations.addMember(orgID: try org.requireID(), userID: try newcomer.requireID(), role: .reviewer, at: now, on: t.db)
            } == (true, true), "a member either team may take")
            #expect(try await raised {
                newcomer.displayName = "Nia Adeyemi"
                try await newcomer.save(on: t.db)
            } == (true, true), "a member's name")
            #expect(try await raised { try await credential(for: mineID, t) } == (true, false))
            #expect(try await raised { try await Engagements.move(other, to: .active, at: now, on: t.db) } == (false, true))

            try await mine.delete(on: t.db)
            #expect(try await Engagements.glance(of: mineID, by: candidateID, on: t.db) == nil, "its parts went with it")
            #expect(try await CredentialRecord.query(on: t.db).count() == 1, "a credential outlives its engagement")
            try await credential(for: UUID(), t, index: 1)
            #expect(try await CredentialRecord.query(on: t.db).count() == 2, "and raises nothing when it has none")
        }
    }

    private func credential(for engagementID: UUID, _ t: TestApp, index: Int = 0) async throws {
        let credential = CredentialRecord()
        (credential.engagementID, credential.candidateID, credential.organizationID, credential.projectID) = (engagementID, UUID(), UUID(), UUID())
        (credential.name, credential.organizationName, credential.statusList, credential.statusIndex) = ("Churn", "Acme", 0, index)
        (credential.jwt, credential.issuedAt) = ("x.y.z", t.clock.now)
        try await credential.create(on: t.db)
    }
}
