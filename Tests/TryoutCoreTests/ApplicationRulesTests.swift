import Foundation
import Testing
@testable import TryoutCore

@Suite("Application states")
struct ApplicationStateTests {
    @Test("every allowed move, by the side that may make it")
    func transitions() throws {
        let moves: [(ApplicationState, ApplicationState, ApplicationActor)] = [
            (.submitted, .shortlisted, .employer), (.submitted, .waitlisted, .employer), (.submitted, .rejected, .employer),
            (.submitted, .withdrawn, .candidate), (.shortlisted, .offered, .employer), (.shortlisted, .waitlisted, .employer),
            (.shortlisted, .rejected, .employer), (.shortlisted, .withdrawn, .candidate), (.waitlisted, .shortlisted, .employer),
            (.waitlisted, .offered, .employer), (.waitlisted, .rejected, .employer), (.waitlisted, .withdrawn, .candidate),
            (.offered, .accepted, .candidate), (.offered, .declined, .candidate), (.offered, .withdrawn, .candidate),
            (.accepted, .withdrawn, .candidate), (.offered, .rejected, .employer),
        ]
        for (from, to, actor) in moves {
            let lapsed = from == .offered && to == .rejected
            try ApplicationLifecycle.check(from: from, to: to, by: actor, offerExpired: lapsed)
            #expect(throws: ApplicationTransitionError.notYours(to)) {
                try ApplicationLifecycle.check(from: from, to: to, by: actor == .employer ? .candidate : .employer, offerExpired: lapsed)
            }
        }
        let allowed = Set(moves.map { "\($0.0)>\($0.1)" })
        for from in ApplicationState.allCases {
            for to in ApplicationState.allCases where !allowed.contains("\(from)>\(to)") {
                #expect(throws: ApplicationTransitionError.notAllowed(from: from, to: to)) {
                    try ApplicationLifecycle.check(from: from, to: to, by: ApplicationLifecycle.actor(for: to))
                }
            }
        }
    }

    @Test("accepting needs a live offer and a free place")
    func accepting() throws {
        #expect(throws: ApplicationTransitionError.offerExpired) {
            try ApplicationLifecycle.check(from: .offered, to: .accepted, by: .candidate, offerExpired: true)
        }
        #expect(throws: ApplicationTransitionError.noSlotLeft) {
            try ApplicationLifecycle.check(from: .offered, to: .accepted, by: .candidate, slots: 3, slotsTaken: 3)
        }
        try ApplicationLifecycle.check(from: .offered, to: .accepted, by: .candidate, slots: 3, slotsTaken: 2)
        #expect(ApplicationState.allCases.filter(\.isLive) == [.submitted, .shortlisted, .waitlisted, .offered])
    }

    @Test("an open offer is the candidate's to answer; the employer may end it only once it lapses")
    func lapsedOffers() throws {
        #expect(throws: ApplicationTransitionError.offerStillOpen) {
            try ApplicationLifecycle.check(from: .offered, to: .rejected, by: .employer, offerExpired: false)
        }
        try ApplicationLifecycle.check(from: .offered, to: .rejected, by: .employer, offerExpired: true)
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        #expect(ScreeningSettings(offerWindowDays: 3).offerExpiry(offeredAt: start) == start.addingTimeInterval(3 * 86_400))
    }

    @Test("an accept with every place taken waits; leaving an accepted place frees one")
    func landing() throws {
        #expect(try ApplicationLifecycle.landing(from: .offered, to: .accepted, offerExpired: false, slots: 3, slotsTaken: 2) == .accepted)
        #expect(try ApplicationLifecycle.landing(from: .offered, to: .accepted, offerExpired: false, slots: 3, slotsTaken: 3) == .waitlisted)
        #expect(throws: ApplicationTransitionError.offerExpired) {
            try ApplicationLifecycle.landing(from: .offered, to: .accepted, offerExpired: true, slots: 3, slotsTaken: 0)
        }
        #expect(try ApplicationLifecycle.landing(from: .offered, to: .declined, offerExpired: false, slots: 1, slotsTaken: 1) == .declined)
        #expect(ApplicationLifecycle.freesPlace(from: .accepted, to: .withdrawn))
        #expect(!ApplicationLifecycle.freesPlace(from: .offered, to: .withdrawn))
        #expect(!ApplicationLifecycle.freesPlace(from: .offered, to: .waitlisted))
    }

    @Test("closing ends screening and keeps open offers; cancelling ends offers too")
    func projectEnds() {
        #expect(ApplicationLifecycle.endedBy(.closed) == [.submitted, .shortlisted, .waitlisted])
        #expect(ApplicationLifecycle.endedBy(.cancelled) == [.submitted, .shortlisted, .waitlisted, .offered])
        #expect(ApplicationLifecycle.endedBy(.published).isEmpty && ApplicationLifecycle.endedBy(.completed).isEmpty)
    }

    @Test("a decision: someone chosen, an employer move, a short clean message")
    func decisions() throws {
        let id = UUID()
        let decision = try ApplicationDecision(ids: [id, id], target: .offered, message: "  Welcome \n")
        #expect(decision.ids == [id] && decision.target == .offered && decision.message == "Welcome")
        #expect(throws: ValidationFailure([FieldError("applications", "Choose at least one applicant."),
                                           FieldError("action", "Choose shortlist, waiting list, offer or not selected."),
                                           FieldError("message", "The message contains control characters; remove them.")])) {
            try ApplicationDecision(ids: [], target: .accepted, message: "a\u{7}b")
        }
        #expect(throws: ValidationFailure.self) { try ApplicationDecision(ids: (0...200).map { _ in UUID() }, target: .rejected, message: "") }
        #expect(throws: ValidationFailure.self) { try ApplicationDecision(ids: [id], target: nil, message: String(repeating: "x", count: 2001)) }
    }

    @Test("applications open on publication and close at the end of the deadline day")
    func applyWindow() throws {
        let deadline = try #require(BriefInput.parseDay("2026-06-30"))
        #expect(ApplicationLifecycle.applyRefusal(projectState: .published, deadline: deadline, now: deadline.addingTimeInterval(86_399)) == nil)
        #expect(ApplicationLifecycle.applyRefusal(projectState: .published, deadline: deadline, now: deadline.addingTimeInterval(86_400))
            == "The deadline for applications has passed.")
        #expect(ApplicationLifecycle.applyRefusal(projectState: .published, deadline: nil, now: deadline) == nil)
        for state in [ProjectState.draft, .closed, .completed, .cancelled] {
            #expect(ApplicationLifecycle.applyRefusal(projectState: state, deadline: nil, now: deadline) == "This project is not taking applications.")
        }
    }

    @Test("an application needs every answer, short enough, and https work samples")
    func applicationInput() throws {
        let form = ["answers.0": "  I would start with the churn cohorts. ", "coverNote": "Keen.", "portfolio.0": "https://example.org/work",
                    "portfolio.1": " ", "portfolio.2": "https://example.org/more"]
        let valid = try ApplicationInput(form: form, questionCount: 1).validated(questionCount: 1)
        #expect(valid == ApplicationInput(answers: ["I would start with the churn cohorts."], coverNote: "Keen.",
                                          portfolio: ["https://example.org/work", "https://example.org/more"]))
        let bad = ApplicationInput(answers: ["", String(repeating: "a", count: 2001)], coverNote: "x\u{0}",
                                   portfolio: ["http://example.org", "https://a.test", "https://b.test", "https://c.test"])
        #expect(throws: ValidationFailure.self) { try bad.validated(questionCount: 2) }
        do {
            _ = try bad.validated(questionCount: 2)
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["answers.0", "answers.1", "coverNote", "portfolio", "portfolio.0"])
        }
        do {
            _ = try ApplicationInput(answers: ["one"]).validated(questionCount: 2)
        } catch {
            #expect(error.errors.map(\.field) == ["answers"])
        }
    }
}

@Suite("Blind screening")
struct BlindScreeningTests {
    @Test("names show at the project's reveal stage, and stay shown")
    func reveal() {
        let atShortlist = ScreeningSettings()
        let atOffer = ScreeningSettings(revealAt: .offer)
        #expect(ApplicationState.allCases.filter { BlindScreening.reveals(entering: $0, atShortlist) } == [.shortlisted, .offered])
        #expect(ApplicationState.allCases.filter { BlindScreening.reveals(entering: $0, atOffer) } == [.offered])
        #expect(!BlindScreening.identityVisible(atShortlist, revealed: false))
        #expect(BlindScreening.identityVisible(atShortlist, revealed: true))
        #expect(BlindScreening.identityVisible(ScreeningSettings(blind: false), revealed: false))
    }

    @Test("a handle is stable for an id, and reads without look-alike characters")
    func handles() {
        let id = UUID()
        #expect(BlindScreening.handle(for: id) == BlindScreening.handle(for: id))
        #expect(BlindScreening.handle(for: id).hasPrefix("Applicant "))
        let codes = (0..<500).map { _ in BlindScreening.code(for: UUID()) }
        #expect(codes.allSatisfy { $0.count == 4 && !$0.contains(where: { "01IO".contains($0) }) })
        #expect(Set(codes).count > 450, "codes spread out")
    }

    @Test("a blind applicant's time zone shows as its offset from UTC on the day, never by name")
    func utcOffset() {
        let january = Date(timeIntervalSince1970: 1_767_225_600), july = Date(timeIntervalSince1970: 1_783_000_000)
        #expect(BlindScreening.utcOffset(of: "Asia/Singapore", at: january) == "UTC+8")
        #expect(BlindScreening.utcOffset(of: "America/Sao_Paulo", at: january) == "UTC-3")
        #expect(BlindScreening.utcOffset(of: "Asia/Kolkata", at: january) == "UTC+5:30")
        #expect(BlindScreening.utcOffset(of: "Europe/London", at: january) == "UTC")
        #expect(BlindScreening.utcOffset(of: "Europe/London", at: july) == "UTC+1")
        #expect(BlindScreening.utcOffset(of: "Nowhere/Atlantis", at: january) == nil)
    }

    static let january = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01, winter in Europe
    static let july = Date(timeIntervalSince1970: 1_783_000_000)  // 2026-07-02, summer time in Europe and America

    private func overlap(_ candidate: String, project zone: String?, on day: Date = january) -> WorkingHoursOverlap? {
        WorkingHoursOverlap(candidate: candidate, project: MatchProject(Brief(timeZone: zone)), on: day)
    }

    @Test("the overlap of a candidate's 9:00–17:00 with the project's, on the day's offsets",
          arguments: [("Asia/Singapore", "Europe/Berlin", january, 1.0), ("Asia/Singapore", "Europe/Berlin", july, 2),
                      ("Europe/Berlin", "Europe/Berlin", january, 8), ("Europe/London", "Europe/Berlin", january, 7),
                      ("America/Los_Angeles", "Europe/Berlin", january, 0), ("America/Los_Angeles", "Europe/Berlin", july, 0),
                      ("Asia/Kolkata", "Europe/Berlin", january, 3.5), ("America/New_York", "America/Los_Angeles", january, 5),
                      ("Pacific/Auckland", "America/Los_Angeles", january, 5)])
    func overlapHours(example: (candidate: String, project: String, day: Date, hours: Double)) throws {
        #expect(try #require(overlap(example.candidate, project: example.project, on: example.day)).hours == example.hours)
    }

    @Test("the overlap text names the offset and the project's hours, never the candidate's zone")
    func overlapText() throws {
        let singapore = try #require(overlap("Asia/Singapore", project: "Europe/Berlin"))
        #expect(singapore.text == "UTC+8 · 1 h overlap with the project's hours (9:00–17:00 Europe/Berlin)")
        #expect(singapore.summary == "UTC+8 · 1 h overlap")
        #expect(try #require(overlap("Asia/Kolkata", project: "Europe/Berlin")).summary == "UTC+5:30 · 3.5 h overlap")
        #expect(try #require(overlap("America/Los_Angeles", project: "Europe/Berlin")).text
                == "UTC-8 · no overlap with the project's hours (9:00–17:00 Europe/Berlin)")
        // Without the project's time zone, only the offset.
        let alone = try #require(overlap("Asia/Singapore", project: nil))
        #expect(alone.text == "UTC+8" && alone.hours == nil)
        #expect(overlap("Nowhere/Atlantis", project: "Europe/Berlin") == nil)
    }

    @Test("an organization's audit log shows its members' addresses; anyone else's only to platform admins")
    func auditAddresses() {
        #expect(AuditVisibility.showsAddress(actorIsMember: true, readerIsPlatformAdmin: false))
        #expect(!AuditVisibility.showsAddress(actorIsMember: false, readerIsPlatformAdmin: false))
        #expect(AuditVisibility.showsAddress(actorIsMember: false, readerIsPlatformAdmin: true))
    }

    @Test("the settings form: stage and answer window checked")
    func settings() throws {
        #expect(try ScreeningSettings.parse(["revealAt": "offer", "offerWindowDays": "3"]) == ScreeningSettings(blind: false, revealAt: .offer, offerWindowDays: 3))
        #expect(try ScreeningSettings.parse(["blind": "on", "revealAt": "shortlist", "offerWindowDays": "7"]) == ScreeningSettings())
        #expect(throws: ValidationFailure([FieldError("revealAt", "Choose when names are revealed."),
                                           FieldError("offerWindowDays", "Give candidates 1 to 30 days to answer an offer.")])) {
            try ScreeningSettings.parse(["revealAt": "never", "offerWindowDays": "31"])
        }
    }
}

@Suite("Matching")
struct MatchingTests {
    /// `points` of `possible` as the whole percentage a score shows. (Written out in each
    /// expectation, the literals' types took the compiler seconds to infer.)
    private func percent(_ points: Double, of possible: Double) -> Int { Int((100 * points / possible).rounded()) }

    static let sql = "esco:sql", python = "esco:python", charts = "esco:charts", stats = "esco:stats"
    static let start = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28
    static let project = MatchProject(
        skills: [SkillRequirement(uri: sql, level: 3, required: true), SkillRequirement(uri: python, level: 2, required: true),
                 SkillRequirement(uri: charts, level: 2, required: false)],
        estimatedHours: 24, durationWeeks: 3, startDate: start, locationMode: .remote, timeZone: TimeZone(identifier: "America/New_York"))

    @Test("a candidate with every skill proven, the hours, the dates and the time zone scores 100")
    func perfect() {
        let candidate = MatchCandidate(skills: [Self.sql: .init(verified: 3), Self.python: .init(verified: 4), Self.charts: .init(verified: 2)],
                                       hoursPerWeek: 8, timeZone: TimeZone(identifier: "America/Chicago"))
        let score = Matching.score(candidate, for: Self.project)
        #expect(score.total == 100)
        #expect(score.explanation == ["2 of 2 required skills, 2 verified by completed work", "1 of 1 nice-to-have skills, 1 verified by completed work",
                                      "Available 8 h/week of 8 needed", "Available for the whole project", "Working hours overlap 7 h a day"])
        #expect(score.missingRequired.isEmpty)
    }

    @Test("proven work weighs more than the same self-rating; missing skills are named")
    func verifiedOutweighsSelfRated() {
        let claimed = MatchCandidate(skills: [Self.sql: .init(selfRated: 3)], hoursPerWeek: 8)
        let proven = MatchCandidate(skills: [Self.sql: .init(verified: 3)], hoursPerWeek: 8)
        let project = MatchProject(skills: [SkillRequirement(uri: Self.sql, level: 3, required: true),
                                            SkillRequirement(uri: Self.stats, level: 2, required: true)],
                                   estimatedHours: 8, durationWeeks: 1)
        let a = Matching.score(claimed, for: project), b = Matching.score(proven, for: project)
        #expect(a.total < b.total)
        #expect(a.missingRequired == [Self.stats] && b.missingRequired == [Self.stats])
        // Required skills 45 of 60 possible: half the skills held, self-rated at 0.6 → 45 × 0.3 = 13.5, hours 15.
        #expect(a.total == percent(13.5 + 15, of: 60))
        #expect(b.total == percent(22.5 + 15, of: 60))
        // A lower level earns part of the credit.
        #expect(Matching.credit(.init(verified: 1), level: 4) == 0.25)
        #expect(Matching.credit(.init(selfRated: 4, verified: 1), level: 4) == 0.6)
    }

    @Test("too few hours, part of the dates and far time zones lower the score, with the reasons")
    func constraints() {
        let candidate = MatchCandidate(skills: [Self.sql: .init(verified: 3), Self.python: .init(verified: 2), Self.charts: .init(verified: 2)],
                                       hoursPerWeek: 4, availableFrom: Self.start.addingTimeInterval(7 * 86400),
                                       timeZone: TimeZone(identifier: "Asia/Tokyo"))
        let score = Matching.score(candidate, for: Self.project)
        #expect(score.explanation.suffix(3) == ["Available 4 h/week of 8 needed", "Available for 2 of the 3 weeks", "Working hours do not overlap"])
        // 45 + 15 + 7.5 + 10 × 2/3 + 0 of 100.
        let expected: Double = 45 + 15 + 7.5 + 10.0 * 2 / 3
        #expect(score.total == Int(expected.rounded()))
    }

    @Test("parts that do not apply drop out: on-site work ignores time zones, no start date ignores dates")
    func partsThatDoNotApply() {
        let project = MatchProject(skills: [SkillRequirement(uri: Self.sql, level: 2, required: true)], estimatedHours: 10,
                                   durationWeeks: 2, locationMode: .onSite, timeZone: TimeZone(identifier: "Europe/Paris"))
        let candidate = MatchCandidate(skills: [Self.sql: .init(verified: 2)], timeZone: TimeZone(identifier: "Asia/Tokyo"))
        let score = Matching.score(candidate, for: project)
        #expect(score.parts.map(\.kind) == [.requiredSkills, .hours])
        #expect(score.explanation.last == "Hours per week not given; 5 needed")
        #expect(score.total == percent(45 + 7.5, of: 60))
        #expect(Matching.score(MatchCandidate(skills: [:]), for: project).total == percent(7.5, of: 60))
    }

    @Test("a remote brief's time zone counts in the match; without one the time-zone part drops out")
    func briefTimeZone() {
        var brief = Brief(skills: [SkillRequirement(uri: Self.sql, level: 2, required: true)], estimatedHours: 10, durationWeeks: 2)
        let candidate = MatchCandidate(skills: [Self.sql: .init(verified: 2)], hoursPerWeek: 5, timeZone: TimeZone(identifier: "Asia/Tokyo"))
        #expect(Matching.score(candidate, for: MatchProject(brief)).parts.map(\.kind) == [.requiredSkills, .hours])
        brief.timeZone = "Asia/Seoul"
        let near = Matching.score(candidate, for: MatchProject(brief))
        #expect(near.parts.map(\.kind) == [.requiredSkills, .hours, .timeZone])
        #expect(near.explanation.last == "Working hours overlap 8 h a day" && near.total == 100)
        brief.timeZone = "America/New_York"
        let far = Matching.score(candidate, for: MatchProject(brief))
        #expect(far.explanation.last == "Working hours do not overlap" && far.total == percent(60, of: 75))
    }
}

@Suite("Fairness report")
struct FairnessReportTests {
    private func people(_ count: Int, _ group: String?, shortlisted: Int, offered: Int) -> [FairnessReport.Applicant] {
        (0..<count).map { index in
            FairnessReport.Applicant(groups: group.map { [.gender: $0] } ?? [:], reachedShortlist: index < shortlisted,
                                     reachedOffer: index < offered)
        }
    }

    @Test("rates, impact ratios against the highest group, and the 0.80 flag")
    func impactRatios() throws {
        let applicants = people(20, "woman", shortlisted: 10, offered: 4) + people(25, "man", shortlisted: 10, offered: 5)
            + people(12, "non-binary", shortlisted: 3, offered: 3)
        let table = try #require(FairnessReport.compute(applicants).first { $0.dimension == .gender })
        #expect(table.groups.map(\.name) == ["man", "woman", "non-binary"])
        let woman = try #require(table.groups.first { $0.name == "woman" })
        #expect(woman.shortlist.rate == 0.5 && woman.shortlist.impactRatio == 1 && !woman.shortlist.flagged)
        let man = try #require(table.groups.first { $0.name == "man" })
        #expect(man.shortlist.rate == 0.4 && man.shortlist.impactRatio == 0.8 && !man.shortlist.flagged)
        let nonBinary = try #require(table.groups.first { $0.name == "non-binary" })
        #expect(nonBinary.shortlist.impactRatio == 0.5 && nonBinary.shortlist.flagged)
        // At offer the highest rate is 3 of 12 = 0.25; 4 of 20 = 0.2 is 0.8 of it, 5 of 25 likewise.
        #expect(nonBinary.offer.impactRatio == 1 && woman.offer.impactRatio == 0.8 && !woman.offer.flagged)
    }

    @Test("the voluntary form: blank is no answer, anything not offered is refused")
    func answers() throws {
        #expect(try FairnessReport.answers(["gender": "woman", "veteran": "", "disability": "no"]) == [.gender: "woman", .disability: "no"])
        #expect(throws: ValidationFailure([FieldError("gender", "Choose one of the answers, or prefer not to say.")])) {
            try FairnessReport.answers(["gender": "robot"])
        }
    }

    @Test("groups under 11 people are suppressed and left out of the highest rate; no answer is counted apart")
    func suppression() throws {
        let applicants = people(11, "a", shortlisted: 2, offered: 0) + people(10, "b", shortlisted: 10, offered: 10)
            + people(3, "c", shortlisted: 3, offered: 3) + people(7, nil, shortlisted: 7, offered: 7)
        let table = try #require(FairnessReport.compute(applicants).first { $0.dimension == .gender })
        #expect(table.groups.map(\.name) == ["a"])
        #expect(table.suppressedPeople == 13 && table.suppressedGroups == 2 && table.unknown == 7)
        #expect(table.groups[0].shortlist.impactRatio == 1, "the suppressed groups' higher rates do not count")
        #expect(table.groups[0].offer.impactRatio == nil, "no one selected: no ratio to show")
        let veteran = try #require(FairnessReport.compute(applicants).first { $0.dimension == .veteran })
        #expect(veteran.groups.isEmpty && veteran.unknown == applicants.count)
    }
}

@Suite("Candidate pool")
struct CandidatePoolTests {
    /// A reproducible population: a few skills each, some verified, hours, dates and time zones.
    static func population(_ count: Int, skills: Int, seed: UInt64) -> [(UUID, MatchCandidate)] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let zones = ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney"].compactMap(TimeZone.init(identifier:))
        return (0..<count).map { index in
            var held: [String: MatchCandidate.Evidence] = [:]
            for _ in 0..<(1 + next(4)) {
                held["s\(next(skills))"] = .init(selfRated: 1 + next(4), verified: next(3) == 0 ? 1 + next(4) : nil)
            }
            let start = MatchingTests.start.addingTimeInterval(Double(next(40) - 20) * 86400)
            let candidate = MatchCandidate(skills: held, hoursPerWeek: next(5) == 0 ? nil : 2 + next(20),
                                           availableFrom: next(2) == 0 ? start : nil, availableTo: next(3) == 0 ? start.addingTimeInterval(21 * 86400) : nil,
                                           timeZone: next(4) == 0 ? nil : zones[next(zones.count)])
            return (UUID(uuid: (UInt8(index & 255), UInt8(index >> 8 & 255), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), candidate)
        }
    }

    @Test("the pool's best are the best of scoring everyone, with the same explained scores", arguments: [1, 7, 50])
    func matchesBruteForce(limit: Int) {
        let people = Self.population(600, skills: 40, seed: UInt64(limit))
        var pool = CandidatePool()
        for (id, candidate) in people { pool.add(id: id, candidate) }
        let projects = [
            MatchingTests.project,
            MatchProject(skills: [SkillRequirement(uri: "s1", level: 2, required: true), SkillRequirement(uri: "s2", level: 4, required: true),
                                  SkillRequirement(uri: "s3", level: 1, required: false)],
                         estimatedHours: 30, durationWeeks: 4, startDate: MatchingTests.start, locationMode: .remote,
                         timeZone: TimeZone(identifier: "Europe/Berlin")),
            // A skill nobody holds: everyone is scored on the rest.
            MatchProject(skills: [SkillRequirement(uri: "unheld", level: 2, required: true)], estimatedHours: 10, durationWeeks: 2,
                         locationMode: .onSite),
        ]
        for project in projects {
            let brute = people.map { ($0.0, Matching.score($0.1, for: project)) }
            let ranked = pool.top(limit, for: project)
            let expectedScores = brute.map(\.1.total).sorted(by: >).prefix(limit)
            #expect(ranked.map(\.score.total) == Array(expectedScores))
            for (id, score) in ranked {
                #expect(score == brute.first { $0.0 == id }!.1)
            }
        }
    }
}

@Suite("A candidate's answer")
struct CandidateAnswerTests {
    @Test("each answer asks for its state")
    func targets() {
        #expect(CandidateAnswer.allCases.map(\.target) == [.accepted, .declined, .withdrawn])
    }

    @Test("a place may be given back only while its agreements are being signed")
    func workStarted() throws {
        try CandidateAnswers.check(engagement: nil)
        try CandidateAnswers.check(engagement: .contracting)
        for state in EngagementState.allCases where state != .contracting {
            #expect(throws: CandidateAnswerRefusal.workStarted) { try CandidateAnswers.check(engagement: state) }
        }
        #expect(CandidateAnswerRefusal.workStarted.description == "Work has started: end the engagement from its page instead.")
    }

    @Test("accepting starts the engagement; withdrawing from a place ends it; anything else leaves it be")
    func followUp() {
        #expect(CandidateAnswers.followUp(landed: .accepted, hasEngagement: false) == .startEngagement)
        #expect(CandidateAnswers.followUp(landed: .withdrawn, hasEngagement: true)
                == .endEngagement(reason: "The candidate withdrew before the work started."))
        #expect(CandidateAnswers.followUp(landed: .withdrawn, hasEngagement: false) == .none)
        #expect(CandidateAnswers.followUp(landed: .waitlisted, hasEngagement: false) == .none)
        #expect(CandidateAnswers.followUp(landed: .declined, hasEngagement: false) == .none)
    }
}
