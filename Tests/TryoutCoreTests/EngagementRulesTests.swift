import Foundation
import Testing
@testable import TryoutCore

@Suite("Engagement states")
struct EngagementStateTests {
    func progress(_ signed: Bool, _ checklist: Bool, _ milestones: [MilestoneState]) -> EngagementProgress {
        EngagementProgress(agreementsSigned: signed, checklistDone: checklist, milestones: milestones)
    }

    @Test("signatures, then the checklist, then the work decide the state")
    func derivedStates() {
        #expect(EngagementLifecycle.state(current: .contracting, progress(false, true, [.accepted])) == .contracting)
        #expect(EngagementLifecycle.state(current: .contracting, progress(true, false, [])) == .onboarding)
        #expect(EngagementLifecycle.state(current: .onboarding, progress(true, true, [.open, .submitted])) == .active)
        #expect(EngagementLifecycle.state(current: .active, progress(true, true, [.submitted, .accepted])) == .inReview)
        #expect(EngagementLifecycle.state(current: .inReview, progress(true, true, [.changesRequested, .accepted])) == .active)
        #expect(EngagementLifecycle.state(current: .inReview, progress(true, true, [.accepted, .accepted])) == .completed)
    }

    @Test("a finished engagement never moves again")
    func finalStates() {
        #expect(EngagementLifecycle.state(current: .terminated, progress(true, true, [.accepted])) == .terminated)
        #expect(EngagementLifecycle.state(current: .completed, progress(false, false, [.open])) == .completed)
    }

    @Test("work waits for signatures and the start date, and stops at the end")
    func workGate() throws {
        let start = BriefInput.parseDay("2026-03-02")!
        func check(_ engagement: EngagementState, _ milestone: MilestoneState, _ latest: Int, now: Date = BriefInput.parseDay("2026-03-05")!) throws(EngagementError) {
            try EngagementLifecycle.checkSubmit(engagement: engagement, milestone: milestone, latestVersion: latest, start: start, now: now)
        }
        #expect(throws: EngagementError.notStarted) { try check(.contracting, .open, 0) }
        #expect(throws: EngagementError.over(.terminated)) { try check(.terminated, .open, 0) }
        #expect(throws: EngagementError.awaitingFeedback(version: 2)) { try check(.active, .submitted, 2) }
        #expect(throws: EngagementError.milestoneAccepted) { try check(.active, .accepted, 1) }
        try check(.onboarding, .open, 0)
        try check(.active, .changesRequested, 1)
        #expect(throws: EngagementError.nothingToReview) { try EngagementLifecycle.checkFeedback(engagement: .active, milestone: .changesRequested) }
        try EngagementLifecycle.checkFeedback(engagement: .inReview, milestone: .submitted)
    }

    @Test("work opens on the start date: signed early, nothing can be handed in the day before, and the message names the day")
    func workOpensOnTheStartDate() throws {
        let start = BriefInput.parseDay("2026-03-02")!.addingTimeInterval(9 * 3600)
        func check(at now: Date) throws(EngagementError) {
            try EngagementLifecycle.checkSubmit(engagement: .onboarding, milestone: .open, latestVersion: 0, start: start, now: now)
        }
        let dayBefore = BriefInput.parseDay("2026-03-01")!.addingTimeInterval(86_399)
        #expect(throws: EngagementError.beforeStart(BriefInput.parseDay("2026-03-02")!)) { try check(at: dayBefore) }
        #expect(EngagementError.beforeStart(BriefInput.parseDay("2026-03-02")!).description.contains("Work opens on March 2, 2026"))
        // From the first moment of the start day (UTC), whatever the time the start was stored with.
        try check(at: BriefInput.parseDay("2026-03-02")!)
    }

    @Test("agreements change only while being signed; check-ins are written up once begun; ending needs a reason")
    func otherMoves() throws {
        try EngagementLifecycle.checkReissue(.contracting)
        #expect(throws: EngagementError.contractsFixed) { try EngagementLifecycle.checkReissue(.onboarding) }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try EngagementLifecycle.checkNotes(.active, startsAt: now, now: now, written: false)
        #expect(throws: EngagementError.checkInAhead) { try EngagementLifecycle.checkNotes(.active, startsAt: now + 60, now: now, written: false) }
        #expect(throws: EngagementError.over(.completed)) { try EngagementLifecycle.checkNotes(.completed, startsAt: now, now: now, written: false) }
        #expect(throws: EngagementError.checkInWrittenUp) { try EngagementLifecycle.checkNotes(.active, startsAt: now, now: now, written: true) }
        #expect(try TerminationInput(reason: " Budget cut ").reason == "Budget cut")
        #expect(throws: ValidationFailure.self) { try TerminationInput(reason: " ") }
        #expect(throws: ValidationFailure.self) { try TerminationInput(reason: String(repeating: "x", count: 2001)) }
    }

    @Test("accepted work is owed by weight, split exactly, and by equal shares without weights")
    func owed() {
        let pay = Money(amountMinor: 100_000, currency: "USD")
        #expect(EngagementLifecycle.owed(pay: pay, weights: [30, 70], accepted: [true, false]).amountMinor == 30_000)
        #expect(EngagementLifecycle.owed(pay: pay, weights: [0, 0, 0], accepted: [true, false, false]).amountMinor == 33_334)
        #expect(EngagementLifecycle.owed(pay: pay, weights: [0, 0, 0], accepted: [true, true, true]) == pay)
        #expect(EngagementLifecycle.owed(pay: pay, weights: [50, 50], accepted: [true, true]) == pay)
        #expect(EngagementLifecycle.owed(pay: pay, weights: [], accepted: []).amountMinor == 0)
    }

    @Test("due dates count from the start day, and late means after the due day ends")
    func dueDates() throws {
        let start = try #require(BriefInput.parseDay("2026-03-02")).addingTimeInterval(15 * 3600)
        let due = DueDates.due(start: start, offsetDays: 7)
        #expect(BriefInput.dayString(due) == "2026-03-09")
        #expect(!DueDates.isLate(submittedAt: due.addingTimeInterval(86_399), due: due))
        #expect(DueDates.isLate(submittedAt: due.addingTimeInterval(86_400), due: due))
        #expect(BriefInput.dayString(DueDates.end(start: start, weeks: 2)) == "2026-03-16")
        let accepted = try #require(BriefInput.parseDay("2026-03-05"))
        #expect(EngagementLifecycle.startDay(briefStart: start, acceptedAt: accepted) == accepted)
        #expect(EngagementLifecycle.startDay(briefStart: nil, acceptedAt: accepted.addingTimeInterval(3600)) == accepted)
    }

    @Test("the next step names who owes it")
    func nextStep() {
        let contracting = EngagementLifecycle.nextStep(state: .contracting, unsigned: [("NDA", .employer)], openItems: [], milestones: [])
        #expect(contracting == NextStep(owner: .employer, text: "Sign “NDA”."))
        let review = EngagementLifecycle.nextStep(state: .active, unsigned: [], openItems: [],
                                                  milestones: [("Memo", .accepted), ("Deck", .submitted), ("Data", .open)])
        #expect(review.owner == .employer && review.text.contains("Deck"))
        let todo = EngagementLifecycle.nextStep(state: .active, unsigned: [], openItems: [], milestones: [("Memo", .changesRequested)])
        #expect(todo.owner == .candidate && todo.text.contains("Memo"))
        #expect(EngagementLifecycle.nextStep(state: .completed, unsigned: [], openItems: [], milestones: []).owner == nil)
    }
}

@Suite("Proven skills")
struct ProvenSkillTests {
    @Test("skills proven by completed work join the self-ratings, and count more")
    func provenSkillsWeighMore() {
        var profile = CandidateProfile()
        profile.skills = [.init(uri: "sql", level: 2)]
        let project = MatchProject(Brief(skills: [SkillRequirement(uri: "sql", level: 3, required: true),
                                                  SkillRequirement(uri: "python", level: 3, required: true)]))
        let claimed = Matching.score(MatchCandidate(profile), for: project)
        profile.provenSkills = ["sql": 3, "python": 3]
        let candidate = MatchCandidate(profile)
        #expect(candidate.skills["sql"] == MatchCandidate.Evidence(selfRated: 2, verified: 3))
        #expect(candidate.skills["python"] == MatchCandidate.Evidence(verified: 3))
        let proven = Matching.score(candidate, for: project)
        #expect(proven.total > claimed.total && proven.missingRequired.isEmpty)
        #expect(proven.parts.contains { $0.explanation.contains("2 verified by completed work") })
    }
}

@Suite("Engagement access")
struct EngagementAccessTests {
    let org = UUID()
    let candidate = UUID()

    @Test("the candidate, the employer's managers and the assigned team, nobody else")
    func roles() {
        let mentor = UUID()
        func role(_ principal: Principal?) -> EngagementRole? {
            EngagementAccess.role(of: principal, organizationID: org, candidateID: candidate, team: [mentor])
        }
        #expect(role(Principal(userID: candidate)) == .candidate)
        #expect(role(Principal(userID: UUID(), memberships: [org: .hiringManager])) == .manager)
        #expect(role(Principal(userID: UUID(), memberships: [org: .owner])) == .manager)
        #expect(role(Principal(userID: mentor, memberships: [org: .reviewer])) == .mentor)
        #expect(role(Principal(userID: mentor)) == nil)
        #expect(role(Principal(userID: UUID(), memberships: [org: .reviewer])) == nil)
        #expect(role(Principal(userID: UUID(), memberships: [UUID(): .owner])) == nil)
        #expect(role(Principal(userID: UUID(), isPlatformAdmin: true)) == nil)
        #expect(role(nil) == nil)
    }

    @Test("each side signs and ticks its own; only managers judge work")
    func duties() {
        #expect(EngagementAccess.may(.candidate, .sign(.candidate)))
        #expect(!EngagementAccess.may(.candidate, .sign(.employer)))
        #expect(EngagementAccess.may(.manager, .sign(.employer)))
        #expect(!EngagementAccess.may(.mentor, .sign(.employer)))
        #expect(EngagementAccess.may(.mentor, .tick(.employer)))
        #expect(!EngagementAccess.may(.mentor, .tick(.candidate)))
        #expect(EngagementAccess.may(.candidate, .submitWork) && !EngagementAccess.may(.manager, .submitWork))
        #expect(EngagementAccess.may(.manager, .giveFeedback) && !EngagementAccess.may(.mentor, .giveFeedback))
        #expect(!EngagementAccess.may(.mentor, .terminate) && EngagementAccess.may(.candidate, .terminate))
        #expect(EngagementAccess.may(.mentor, .writeUpCheckIn) && EngagementAccess.may(.manager, .writeUpCheckIn))
        #expect(!EngagementAccess.may(.candidate, .writeUpCheckIn))
    }

    @Test("the accommodations note reaches the people who run the engagement and its candidate; other members have no role")
    func accommodations() {
        #expect([EngagementRole.candidate, .manager, .mentor].allSatisfy { EngagementAccess.may($0, .readAccommodations) })
        let reviewer = Principal(userID: UUID(), memberships: [org: .reviewer])
        #expect(EngagementAccess.role(of: reviewer, organizationID: org, candidateID: candidate, team: []) == nil)
    }
}

@Suite("Agreements")
struct AgreementRulesTests {
    let terms = AgreementTerms(
        organization: "Northwind", candidate: "Ada Lovelace", candidateEmail: "ada@example.com", project: "Churn memo",
        deliverables: [Deliverable(title: "Memo", description: "", dueOffsetDays: 7, weight: 100)],
        pay: Money(amountMinor: 60_000, currency: "USD"), hours: 20, start: BriefInput.parseDay("2026-03-02")!,
        end: BriefInput.parseDay("2026-03-16")!, classification: .contractor, issued: BriefInput.parseDay("2026-02-20")!)

    @Test("every standard agreement renders with the terms and no placeholder left")
    func standardTemplates() throws {
        for kind in AgreementKind.allCases {
            let text = AgreementTemplate.standard(kind).render(terms)
            #expect(!text.contains("{{"), "\(kind) left a placeholder")
            #expect(text.hasPrefix("Worker classification: Independent contractor"))
            #expect(text.contains("Ada Lovelace") && text.contains("Northwind"))
            _ = try AgreementTemplate.validated(kind: kind, body: AgreementTemplate.standard(kind).body)
        }
        let contract = AgreementTemplate.standard(.contractorAgreement).render(terms)
        #expect(contract.contains("USD 600.00") && contract.contains("March 2, 2026") && contract.contains("- Memo (due 7 days after the start)"))
    }

    @Test("a template with an unknown placeholder is refused, naming it")
    func unknownPlaceholder() {
        #expect(throws: ValidationFailure.self) { try AgreementTemplate.validated(kind: .nda, body: "Hi {{candidate.nmae}} and {{ project.title }}") }
        do {
            _ = try AgreementTemplate.validated(kind: .nda, body: "Hi {{candidate.nmae}}")
        } catch {
            #expect(error.message(for: "body")?.contains("{{candidate.nmae}}") == true)
        }
        #expect(throws: ValidationFailure.self) { try AgreementTemplate.validated(kind: .nda, body: "  ") }
    }

    @Test("placeholders are filled as they are read: spaces inside the braces count, values are never read again")
    func placeholdersInOnePass() throws {
        let template = try AgreementTemplate.validated(kind: .nda, body: "Between {{ organization.name }} and {{candidate.name}}.")
        #expect(template.render(terms) == "Worker classification: Independent contractor\n\nBetween Northwind and Ada Lovelace.")
        var odd = terms
        odd.candidate = "{{project.pay}}"
        #expect(template.render(odd).hasSuffix("Between Northwind and {{project.pay}}."))
        #expect(AgreementTemplate(kind: .nda, body: "{{ nope }} {{ unclosed").render(terms).hasSuffix("{{ nope }} {{ unclosed"))
    }

    @Test("a signature needs a name and consent")
    func signature() throws {
        #expect(try SignatureInput(fullName: " Ada Lovelace ", consent: true).fullName == "Ada Lovelace")
        do {
            _ = try SignatureInput(fullName: "", consent: false)
            Issue.record("an empty signature was taken")
        } catch {
            #expect(error.errors.map(\.field) == ["fullName", "consent"])
        }
    }
}

@Suite("Engagement inputs")
struct EngagementInputTests {
    let now = BriefInput.parseDay("2026-03-10")!.addingTimeInterval(12 * 3600)

    @Test("a version needs a file or an https link")
    func submission() throws {
        #expect(try SubmissionInput(note: "Draft", links: ["https://example.com/doc", " "], fileCount: 0).links == ["https://example.com/doc"])
        _ = try SubmissionInput(note: "", links: [], fileCount: 1)
        #expect(throws: ValidationFailure([FieldError("files", "Attach a file or add a link to your work.")])) {
            try SubmissionInput(note: "Nothing", links: [], fileCount: 0)
        }
        #expect(throws: ValidationFailure.self) { try SubmissionInput(note: "", links: ["javascript:alert(1)"], fileCount: 1) }
        #expect(throws: ValidationFailure.self) { try SubmissionInput(note: String(repeating: "x", count: 4001), links: [], fileCount: 1) }
        #expect(throws: ValidationFailure.self) { try SubmissionInput(note: "", links: [], fileCount: 3, maxFiles: 2) }
        #expect(UploadLimits(perFile: 10 << 20, perEngagement: 25 << 20).requestBytes == 26 << 20)
        #expect(UploadLimits().requestBytes == 101 << 20)
        #expect(UploadLimits().perVersion == 100 << 20 && UploadLimits(perFile: 10 << 20, perEngagement: 25 << 20).perVersion == 25 << 20)
    }

    @Test("asking for changes needs words")
    func feedback() throws {
        #expect(try FeedbackInput(decision: "accept", feedback: "").decision == .accept)
        #expect(throws: ValidationFailure.self) { try FeedbackInput(decision: "request_changes", feedback: "  ") }
        #expect(throws: ValidationFailure.self) { try FeedbackInput(decision: "maybe", feedback: "x") }
    }

    @Test("check-ins take a UTC time, a length and an agenda")
    func checkIn() throws {
        let input = try CheckInInput(startsAt: "2026-03-12T14:30", minutes: 30, agenda: "Kickoff", now: now)
        #expect(input.startsAt == BriefInput.parseDay("2026-03-12")!.addingTimeInterval(14.5 * 3600))
        #expect(throws: ValidationFailure.self) { try CheckInInput(startsAt: "2026-02-30T14:30", minutes: 30, agenda: "x", now: now) }
        #expect(throws: ValidationFailure.self) { try CheckInInput(startsAt: "2026-03-12T14:30", minutes: 5, agenda: "x", now: now) }
        #expect(throws: ValidationFailure.self) { try CheckInInput(startsAt: "2025-01-01T14:30", minutes: 30, agenda: "x", now: now) }
    }

    @Test("time is logged in quarter hours on past days")
    func timeEntry() throws {
        #expect(try TimeEntryInput(day: "2026-03-09", hours: "1.75", note: "", now: now).minutes == 105)
        for bad in ["0", "0.1", "25", "abc", "nan", "inf", "-1"] {
            #expect(throws: ValidationFailure.self, "\(bad)") { try TimeEntryInput(day: "2026-03-09", hours: bad, note: "", now: now) }
        }
        #expect(throws: ValidationFailure.self) { try TimeEntryInput(day: "2026-03-11", hours: "1", note: "", now: now) }
        #expect(throws: ValidationFailure.self) { try TimeEntryInput(day: "", hours: "1", note: "", now: now) }
    }

    @Test("web addresses in messages become links, without trailing punctuation")
    func links() {
        #expect(MessageText.segments("See https://example.com/a?b=1. Thanks") ==
            [.text("See "), .link("https://example.com/a?b=1"), .text(". Thanks")])
        #expect(MessageText.segments("http://x.org and https://y.org") == [.link("http://x.org"), .text(" and "), .link("https://y.org")])
        #expect(MessageText.segments("no link: https://") == [.text("no link: https://")])
        #expect(MessageText.segments("javascript:alert(1)") == [.text("javascript:alert(1)")])
        #expect(MessageText.segments("httphttp://a.b httpss://c https:/d") == [.text("http"), .link("http://a.b"), .text(" httpss://c https:/d")])
    }

    @Test("links are cut by the rule, over random texts")
    func linksAsBefore() {
        let pieces = ["http", "https", "://", ":/", "s", "/", "x.org", " ", "\n", ".", ")", "'", "<", "\"", "é", "🦊", "e\u{301}", "日本"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(MessageText.segments(text) == Self.expectedSegments(text), "\(text.debugDescription)")
        }
    }

    /// The rule written another way, as a regular expression and a trim: an address runs from
    /// `http://` or `https://` to whitespace or `<>"`, less its trailing punctuation, and one with
    /// nothing after the scheme stays text.
    private static func expectedSegments(_ text: String) -> [MessageText.Segment] {
        var segments: [MessageText.Segment] = []
        func add(text piece: Substring) {
            guard !piece.isEmpty else { return }
            if case .text(let earlier)? = segments.last { segments[segments.count - 1] = .text(earlier + piece) } else { segments.append(.text(String(piece))) }
        }
        var rest = text[...]
        while let match = rest.firstMatch(of: /https?:\/\/[^\s<>"]*/) {
            var address = rest[match.range]
            let scheme = address.hasPrefix("https") ? 8 : 7
            while address.count > scheme, let last = address.last, ".,;:!?)]'".contains(last) { address.removeLast() }
            add(text: rest[..<match.range.lowerBound])
            if address.count > scheme { segments.append(.link(String(address))) } else { add(text: address) }
            rest = rest[address.endIndex...]
        }
        add(text: rest)
        return segments
    }

    @Test("a checklist needs an owner per item and at most twelve items")
    func checklist() throws {
        let items = try Onboarding.validated(titles: ["Kickoff", "", "Access"], owners: ["employer", "", "candidate"])
        #expect(items == [ChecklistItem(title: "Kickoff", owner: .employer), ChecklistItem(title: "Access", owner: .candidate)])
        #expect(throws: ValidationFailure.self) { try Onboarding.validated(titles: ["Kickoff"], owners: ["boss"]) }
        #expect(throws: ValidationFailure.self) { try Onboarding.validated(titles: [""], owners: []) }
        #expect(throws: ValidationFailure.self) { try Onboarding.validated(titles: Array(repeating: "x", count: 13), owners: Array(repeating: "employer", count: 13)) }
    }
}
