import FluentKit
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// Rubric reviews run as a job would run them: no request.
@Suite("Reviews service")
struct ReviewsServiceTests {
    private let manager = "hiring_manager@acme.test", reviewer = "reviewer@acme.test", admin = "admin@acme.test"
    private let day: TimeInterval = 86_400

    /// An engagement at work whose project is reviewed by `reviewers` (in that order), and its first milestone.
    private func engagement(_ t: TestApp, reviewers: [String] = [], change: (inout ReviewSettings) -> Void = { _ in })
        async throws -> (EngagementID, MilestoneID) {
        let record = try await Factory(t).engagement()
        let id = EngagementID(try record.requireID())
        let projectID = ProjectID(record.$project.id)
        var settings = ReviewSettings()
        change(&settings)
        var ids: [UserID] = []
        for email in reviewers { ids.append(UserID(try #require(try await Accounts.user(email: EmailAddress(email)!, on: t.db)).requireID())) }
        try await ReviewsService.updateSettings(settings, reviewers: ids, of: projectID, try await t.context(as: manager))
        try await t.startWork(id)
        let milestone = try #require(try await Engagements.milestones(of: id.uuid, on: t.db).first)
        return (id, MilestoneID(try milestone.requireID()))
    }

    /// Ada hands in a version of the milestone.
    private func handIn(_ t: TestApp, _ id: EngagementID, _ milestone: MilestoneID) async throws -> SubmissionID {
        let (ada, context) = try await t.participant(id, as: "ada@uni.test")
        let version = try await WorkService.submit(milestone, VersionUpload(note: "", links: ["https://example.org/memo"], files: []),
                                                   storage: t.app.tryout.fileStorage, limits: UploadLimits(), in: ada, context)
        return SubmissionID(try version.requireID())
    }

    private func seat(_ t: TestApp, _ id: SubmissionID, as email: String) async throws -> ReviewSeat {
        try await ReviewSeat.load(id, try await t.context(as: email))
    }

    @Test("a version gets its panel when handed in; each reviewer is asked; fixed panels take the first, round-robin takes turns")
    func panels() async throws {
        try await withTestApp { t in
            let (id, milestone) = try await engagement(t, reviewers: [reviewer, admin, "owner@acme.test"]) {
                $0.panelSize = 2
                $0.rotation = .roundRobin
            }
            let first = try await handIn(t, id, milestone)
            #expect(try await Reviews.assignments(of: first.uuid, on: t.db).map(\.reviewer.email).sorted() == [admin, reviewer])
            #expect(try await Notifications.recent(userID: try await userID(t, reviewer), on: t.db).first?.message
                .hasPrefix("Please score version 1") == true)
            #expect(try await Outbox.messages(to: admin, on: t.db).contains { $0.subject.hasSuffix("a version to score") })

            // Another deliverable's version: the next two in turn.
            let second = try #require(try await Engagements.milestones(of: id.uuid, on: t.db).dropFirst().first)
            let next = try await handIn(t, id, MilestoneID(try second.requireID()))
            #expect(try await Reviews.assignments(of: next.uuid, on: t.db).map(\.reviewer.email).sorted() == ["owner@acme.test", reviewer])
        }
    }

    @Test("independent: a reviewer sees no other scorecard before handing in theirs; the manager sees the panel")
    func independence() async throws {
        try await withTestApp { t in
            let (id, milestone) = try await engagement(t, reviewers: [reviewer, admin]) { $0.panelSize = 2 }
            let version = try await handIn(t, id, milestone)
            try await ReviewsService.score(version, .all(2, note: "Thin."), try await t.context(as: admin))

            let before = try await seat(t, version, as: reviewer)
            #expect(before.role == .panelist && before.sight == .own && before.visibleCards.isEmpty && before.canScore)
            let managerSeat = try await seat(t, version, as: manager)
            #expect(managerSeat.sight == .panel && managerSeat.visibleCards.count == 1 && !managerSeat.managerMustScore)

            // The admin runs the engagement as a manager but is on this panel: blind to the others until scored.
            let (second, secondMilestone) = (id, try #require(try await Engagements.milestones(of: id.uuid, on: t.db).dropFirst().first))
            let other = try await handIn(t, second, MilestoneID(try secondMilestone.requireID()))
            try await ReviewsService.score(other, .all(3), try await t.context(as: reviewer))
            let adminSeat = try await seat(t, other, as: admin)
            #expect(adminSeat.role == .manager && adminSeat.isOnPanel && adminSeat.sight == .own && adminSeat.visibleCards.isEmpty)

            try await ReviewsService.score(version, .all(4), try await t.context(as: reviewer))
            let after = try await seat(t, version, as: reviewer)
            #expect(after.sight == .panel && after.visibleCards.count == 2 && !after.canScore)
            #expect(after.panel.medians == [3, 3, 3] && after.progress.scored == 2 && after.progress.asked == 2)
            let mine = try #require(after.mine)
            #expect(mine.turnaround == 0 && mine.weightedScore == 100)
            await #expect(throws: ActionError.conflict("You have scored this version already.")) {
                try await ReviewsService.score(version, .all(1), try await t.context(as: reviewer))
            }
        }
    }

    @Test("blind: reviewers see the applicant's handle unless the project shows the person; managers always see the person")
    func blindReview() async throws {
        try await withTestApp { t in
            let (id, milestone) = try await engagement(t, reviewers: [reviewer])
            let version = try await handIn(t, id, milestone)
            let blind = try await seat(t, version, as: reviewer)
            #expect(blind.candidateLabel.hasPrefix("Applicant ") && !blind.showsPerson)
            #expect(try await seat(t, version, as: manager).candidateLabel == "Ada Okafor")

            var settings = ReviewSettings()
            settings.blind = false
            try await ReviewsService.updateSettings(settings, reviewers: [UserID(try await userID(t, reviewer))],
                                                    of: ProjectID(blind.engagement.$project.id), try await t.context(as: manager))
            #expect(try await seat(t, version, as: reviewer).candidateLabel == "Ada Okafor")
        }
    }

    @Test("only the engagement's managers and the reviewers asked find a version to review")
    func access() async throws {
        try await withTestApp { t in
            let (id, milestone) = try await engagement(t, reviewers: [reviewer])
            let version = try await handIn(t, id, milestone)
            try await Factory(t).organization("Globex", roles: [.owner, .hiringManager])
            for outsider in ["owner@globex.test", "hiring_manager@globex.test", "ada@uni.test"] {
                await #expect(throws: ActionError.notFound) { try await seat(t, version, as: outsider) }
            }
            // An admin of Acme runs every engagement of it, as a manager.
            #expect(try await seat(t, version, as: admin).role == .manager)
            await #expect(throws: ActionError.notFound) {
                try await ReviewsService.score(version, .all(3), try await t.context(as: "owner@globex.test"))
            }
            await #expect(throws: ValidationFailure.self) {
                try await ReviewsService.score(version, ScorecardDraft(levels: ["5", "0"], comments: [], note: ""), try await t.context(as: reviewer))
            }
        }
    }

    @Test("deciding: without reviewers the manager scores with the decision; with reviewers, after at least one scorecard")
    func deciding() async throws {
        try await withTestApp { t in
            let (id, milestone) = try await engagement(t)
            let version = try await handIn(t, id, milestone)
            let (hana, context) = try await t.participant(id, as: manager)
            let accept = try FeedbackInput(decision: "accept", feedback: "")
            do {
                try await WorkService.feedback(version, accept, in: hana, context)
                Issue.record("decided without a scorecard")
            } catch let failure as ValidationFailure {
                #expect(failure.errors.map(\.field) == ["levels.0", "levels.1", "levels.2"])
            }
            try await WorkService.feedback(version, accept, scorecard: .all(3, note: "Solid."), in: hana, context)
            let seat = try await self.seat(t, version, as: manager)
            #expect(seat.isDecided && seat.mine?.note == "Solid." && seat.mine?.assignedAt == nil)

            // The project takes a reviewer: the next deliverable's version waits for a scorecard.
            try await ReviewsService.updateSettings(ReviewSettings(), reviewers: [UserID(try await userID(t, reviewer))],
                                                    of: ProjectID(seat.engagement.$project.id), context)
            let second = try #require(try await Engagements.milestones(of: id.uuid, on: t.db).dropFirst().first)
            let waiting = try await handIn(t, id, MilestoneID(try second.requireID()))
            await #expect(throws: ActionError.self) { try await WorkService.feedback(waiting, accept, in: hana, context) }
            try await ReviewsService.score(waiting, .all(2), try await t.context(as: reviewer))
            try await WorkService.feedback(waiting, try FeedbackInput(decision: "request_changes", feedback: "More."), in: hana, context)
            #expect(try await SubmissionRecord.find(waiting.uuid, on: t.db)?.state == .changesRequested)
        }
    }

    @Test("the header's count of versions to score agrees with each reviewer's queue as versions are scored and decided")
    func headerCount() async throws {
        try await withTestApp { t in
            let (id, milestone) = try await engagement(t, reviewers: [reviewer, admin]) { $0.panelSize = 2 }
            let first = try await handIn(t, id, milestone)
            let second = try #require(try await Engagements.milestones(of: id.uuid, on: t.db).dropFirst().first)
            _ = try await handIn(t, id, MilestoneID(try second.requireID()))
            // As a page reads it with the session, and as it reads it alone.
            func readWithSession(_ email: String) async throws -> HeaderSummary {
                let (_, token) = try await Accounts.createSession(userID: try await userID(t, email), lifetime: 60, at: t.clock.now, on: t.db)
                return HeaderSummary(try #require(try await Accounts.session(token: token.value, at: t.clock.now, withHeader: true, on: t.db)?.header))
            }
            func counts() async throws -> [Int] {
                var counts: [Int] = []
                for email in [reviewer, admin, manager] {
                    let header = try await HeaderSummary.load(for: UserID(try await userID(t, email)), on: t.db).versionsToScore
                    #expect(header == (try await ReviewsService.queue(try await t.context(as: email)).count), "\(email)")
                    #expect(try await readWithSession(email).versionsToScore == header, "\(email)")
                    counts.append(header)
                }
                return counts
            }
            #expect(try await counts() == [2, 2, 0])
            try await ReviewsService.score(first, .all(2), try await t.context(as: admin))
            #expect(try await counts() == [2, 1, 0])
            let (hana, context) = try await t.participant(id, as: manager)
            try await WorkService.feedback(first, try FeedbackInput(decision: "accept", feedback: ""), in: hana, context)
            #expect(try await counts() == [1, 1, 0], "a decided version waits for nobody")
            let summary = try await HeaderSummary.load(for: UserID(try await userID(t, reviewer)), on: t.db)
            #expect(summary.organizations.map(\.slug) == ["acme"] && !summary.isCandidate)
            #expect(summary.unreadNotifications == (try await Notifications.recent(userID: try await userID(t, reviewer), on: t.db))
                .filter { $0.readAt == nil }.count && summary.unreadNotifications > 0)
            #expect(try await HeaderSummary.load(for: UserID(try await userID(t, "ada@uni.test")), on: t.db).isCandidate)
            #expect(try await readWithSession("ada@uni.test").isCandidate)
            #expect(try await readWithSession(reviewer).isCandidate == false)
        }
    }

    @Test("the candidate reads the result once decided: medians and comments, individual levels only where the organization shows them")
    func candidateResult() async throws {
        try await withTestApp { t in
            let (id, milestone) = try await engagement(t, reviewers: [reviewer, admin]) { $0.panelSize = 2 }
            let version = try await handIn(t, id, milestone)
            let (ada, adaContext) = try await t.participant(id, as: "ada@uni.test")
            try await ReviewsService.score(version, ScorecardDraft(levels: ["2", "3", "4"], comments: ["Check the joins.", "", ""], note: "Close."),
                                           try await t.context(as: reviewer))
            #expect(try await ReviewsService.result(of: version, in: ada, adaContext) == nil)
            t.clock.advance(by: 60)
            try await ReviewsService.score(version, .all(4), try await t.context(as: admin))
            let (hana, context) = try await t.participant(id, as: manager)
            try await WorkService.feedback(version, try FeedbackInput(decision: "accept", feedback: ""), in: hana, context)

            let result = try #require(try await ReviewsService.result(of: version, in: ada, adaContext))
            #expect(result.medians == [3, 3.5, 4] && result.comments[0] == ["Check the joins."] && result.notes == ["Close."])
            #expect(result.individual == nil && !result.autoAccepted)
            #expect(try await ReviewsService.result(of: version, in: hana, context) == nil)

            let acme = try #require(try await Organizations.find(slug: "acme", on: t.db))
            acme.showReviewerScores = true
            try await acme.save(on: t.db)
            let (again, againContext) = try await t.participant(id, as: "ada@uni.test")
            #expect(try await ReviewsService.result(of: version, in: again, againContext)?.individual == [[2, 3, 4], [4, 4, 4]])
        }
    }

    @Test("silence never blocks pay: warned a week and two days ahead, accepted after the project's days, once")
    func autoAcceptance() async throws {
        try await withTestApp { t in
            let (id, milestone) = try await engagement(t, reviewers: [reviewer]) { $0.autoAcceptDays = 10 }
            let version = try await handIn(t, id, milestone)
            let handedIn = t.clock.now
            t.clock.advance(by: 3 * day)
            try await RemindersService.sendDue(t.context())
            let warned = try await Outbox.messages(to: "ada@uni.test", on: t.db).filter { $0.subject.hasSuffix("awaits a decision") }
            #expect(warned.count == 1)
            t.clock.advance(by: 5 * day)
            try await RemindersService.sendDue(t.context())
            try await RemindersService.sendDue(t.context())
            #expect(try await Outbox.messages(to: manager, on: t.db).filter { $0.subject.hasSuffix("awaits a decision") }.count == 2)

            t.clock.advance(by: handedIn.addingTimeInterval(10 * day - 1).timeIntervalSince(t.clock.now))
            try await RemindersService.sendDue(t.context())
            #expect(try await SubmissionRecord.find(version.uuid, on: t.db)?.state == .submitted)
            t.clock.advance(by: 1)
            try await RemindersService.sendDue(t.context())
            try await RemindersService.sendDue(t.context())
            let accepted = try #require(try await SubmissionRecord.find(version.uuid, on: t.db))
            #expect(accepted.state == .accepted && accepted.autoAccepted && accepted.respondedBy == nil)
            #expect(accepted.feedback == AutoApproval.note(days: 10))
            #expect(try await MilestoneRecord.find(milestone.uuid, on: t.db)?.state == .accepted)
            #expect(try await Outbox.messages(to: "ada@uni.test", on: t.db).filter { $0.subject.hasSuffix("accepted automatically") }.count == 1)
            let (ada, context) = try await t.participant(id, as: "ada@uni.test")
            #expect(try await ReviewsService.result(of: version, in: ada, context)?.autoAccepted == true)
        }
    }

    @Test("a missing scorecard: the reviewer hears after two working days, the managers after four, each once")
    func reminders() async throws {
        try await withTestApp { t in
            // The test clock starts on Wednesday 18 November 2026: two working days are Friday, four the Tuesday after.
            let (id, milestone) = try await engagement(t, reviewers: [reviewer])
            _ = try await handIn(t, id, milestone)
            func late(_ email: String) async throws -> Int {
                try await Outbox.messages(to: email, on: t.db).filter { $0.subject.hasSuffix("waits for your scorecard") || $0.subject.hasSuffix("a scorecard is late") }.count
            }
            t.clock.advance(by: 2 * day - 60)
            try await RemindersService.sendDue(t.context())
            #expect(try await late(reviewer) == 0)
            t.clock.advance(by: 60)
            try await RemindersService.sendDue(t.context())
            try await RemindersService.sendDue(t.context())
            #expect(try await late(reviewer) == 1)
            #expect(try await late(manager) == 0)
            t.clock.advance(by: 4 * day)
            try await RemindersService.sendDue(t.context())
            #expect(try await late(manager) == 1)
            #expect(try await late(reviewer) == 1)
        }
    }

    @Test("settings: only the project's authors change them; reviewers must be the organization's members")
    func settings() async throws {
        try await withTestApp { t in
            let (id, _) = try await engagement(t)
            let projectID = ProjectID(try #require(try await EngagementRecord.find(id.uuid, on: t.db)).$project.id)
            try await Factory(t).organization("Globex")
            let outsider = UserID(try await userID(t, "owner@globex.test"))
            await #expect(throws: ValidationFailure.self) {
                try await ReviewsService.updateSettings(ReviewSettings(), reviewers: [outsider], of: projectID, try await t.context(as: manager))
            }
            await #expect(throws: ActionError.notFound) {
                try await ReviewsService.updateSettings(ReviewSettings(), reviewers: [], of: projectID, try await t.context(as: reviewer))
            }
            let (_, reviewers, members) = try await ReviewsService.settings(of: projectID, try await t.context(as: manager))
            #expect(reviewers.isEmpty && members.count == 4)
        }
    }

    @Test("calibration: owners and admins read the organization's and each project's agreement, with every rating; nobody else")
    func calibration() async throws {
        try await withTestApp { t in
            let (id, milestone) = try await engagement(t, reviewers: [reviewer, admin]) { $0.panelSize = 2 }
            let version = try await handIn(t, id, milestone)
            try await ReviewsService.score(version, ScorecardDraft(levels: ["1", "3", "4"], comments: [], note: ""), try await t.context(as: reviewer))
            try await ReviewsService.score(version, ScorecardDraft(levels: ["3", "3", "2"], comments: [], note: ""), try await t.context(as: admin))
            let projectID = ProjectID(try #require(try await EngagementRecord.find(id.uuid, on: t.db)).$project.id)

            let report = try await CalibrationService.organization(slug: "acme", try await t.context(as: "owner@acme.test"))
            #expect(report.calibration.units == 3 && report.calibration.ratings.count == 6 && report.calibration.flags == [.notEnoughData])
            let reviewerID = try await userID(t, reviewer)
            let offset = try #require(report.calibration.offsets.first { $0.reviewer == reviewerID })
            // Medians 2, 3, 3: the reviewer sits one below, level, one above.
            #expect(offset.units == 3 && abs(offset.meanOffset) < 1e-9 && report.names[reviewerID] != nil)
            #expect(try await CalibrationService.project(projectID, try await t.context(as: admin)).calibration.units == 3)
            try await Factory(t).organization("Globex")
            for outsider in [manager, reviewer, "owner@globex.test"] {
                await #expect(throws: ActionError.notFound) { try await CalibrationService.organization(slug: "acme", try await t.context(as: outsider)) }
                await #expect(throws: ActionError.notFound) { try await CalibrationService.project(projectID, try await t.context(as: outsider)) }
            }
        }
    }

    private func userID(_ t: TestApp, _ email: String) async throws -> UUID {
        try #require(try await Accounts.user(email: EmailAddress(email)!, on: t.db)).requireID()
    }
}
