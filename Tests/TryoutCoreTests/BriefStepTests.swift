import Foundation
import Testing
@testable import TryoutCore

@Suite("Brief editor steps")
struct BriefStepTests {
    private let brief = BriefInput(brief: Brief(title: "Churn", summary: "Why customers leave", deliverables: [Deliverable(title: "Report", description: "", dueOffsetDays: 5, weight: 100)],
                                                pay: Money(amountMinor: 600_00, currency: "EUR"), agreements: [.ipAssignment]),
                                   skillLabels: [:], partnerSlugs: ["lakeside"], invitedEmails: [])

    @Test("every field of the form, and every field the lint names, belongs to exactly one step")
    func everyFieldHasOneStep() {
        let lintFields = ["title", "summary", "deliverables", "rubric", "estimatedHours", "durationWeeks", "body", "classification",
                          "internTest", "pay", "agreements"]
        for field in Array(brief.fields.keys) + lintFields + ["skill.3.label", "choose.skill.0.label", "partner.hillside", "intern.1.why"] {
            #expect(BriefStep.allCases.filter { $0.holds(field) }.count == 1, "\(field)")
        }
        #expect(BriefStep.step(of: "rubric") == .work)
        #expect(BriefStep.step(of: "pay") == .terms)
        #expect(BriefStep.step(of: "partners") == .audience)
        #expect(BriefStep.step(of: "somethingElse") == .basics)
        #expect(BriefStep.allCases.compactMap(\.next) == Array(BriefStep.allCases.dropFirst()))
        #expect(BriefStep("audience") == .audience && BriefStep("nowhere") == nil)
    }

    @Test("a step replaces only its own fields; an unticked box is cleared; other steps' fields posted are ignored")
    func replacing() {
        let changed = brief.replacing(.terms, with: ["pay": "700", "currency": "EUR", "title": "Hijacked", "locationMode": "remote"])
        #expect(changed.fields["pay"] == "700")
        #expect(changed.fields["agreement.ip_assignment"] == nil, "the box was not ticked")
        #expect(changed.fields["title"] == "Churn")
        #expect(changed.fields["deliverable.0.title"] == "Report")
        #expect(changed.fields["classification"] == nil)
    }

    @Test("partners ticked by name join those typed; a did-you-mean choice replaces what was typed in its row")
    func partnersAndChoices() {
        let audience = brief.replacing(.audience, with: ["visibility": "partners", "partner.lakeside": "on", "partner.hillside": "on"])
        #expect(audience.fields["partners"] == "hillside\nlakeside")
        #expect(audience.partnerSlugs == ["hillside", "lakeside"])
        #expect(brief.replacing(.audience, with: ["visibility": "public"]).partnerSlugs.isEmpty, "unticking every partner clears them")
        let typed = brief.replacing(.audience, with: ["partners": "Riverside\n", "partner.lakeside": "on"])
        #expect(typed.partnerSlugs == ["riverside", "lakeside"])

        let chosen = brief.replacing(.skills, with: ["skill.0.label": "Excel", "skill.0.level": "2", "choose.skill.0.label": "use spreadsheets software"])
        #expect(chosen.fields["skill.0.label"] == "use spreadsheets software")
        #expect(chosen.fields["choose.skill.0.label"] == nil)
    }
}
