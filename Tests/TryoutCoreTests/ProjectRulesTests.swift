import Foundation
import Testing
@testable import TryoutCore

/// A brief that passes every lint rule, for tests to break one rule at a time.
func publishableBrief() -> Brief {
    Brief(title: "Churn analysis", summary: "Find why customers leave.", body: "## Context\n\nData.",
          deliverables: [Deliverable(title: "Memo", description: "One page.", dueOffsetDays: 10, weight: 100)],
          rubric: [BriefTemplates.criterion("Insight", 60, "The insight"), BriefTemplates.criterion("Clarity", 40, "The memo")],
          estimatedHours: 20, durationWeeks: 3, pay: Money(amountMinor: 60_000, currency: "USD"),
          classification: .contractor, agreements: [.contractorAgreement, .ipAssignment])
}

func passingInternTest() -> InternTest {
    InternTest(answers: Dictionary(uniqueKeysWithValues: InternTest.Factor.allCases.map {
        ($0, InternTest.Answer(holds: true, explanation: "Explained in writing to the intern and the school."))
    }))
}

@Suite("Compliance lint")
struct ComplianceLintTests {
    @Test("a complete paid brief passes with no findings")
    func passes() {
        let report = ComplianceLint.check(publishableBrief())
        #expect(report.canPublish)
        #expect(report.errors.isEmpty && report.warnings.isEmpty)
    }

    @Test("every problem is listed at once")
    func allReasons() {
        var brief = publishableBrief()
        brief.deliverables = []
        brief.rubric[0].weight = 50
        brief.estimatedHours = 45
        brief.durationWeeks = 9
        brief.agreements = []
        let fields = ComplianceLint.check(brief).errors.map(\.field)
        #expect(fields.contains("deliverables"))
        #expect(fields.contains("rubric"))
        #expect(fields.contains("estimatedHours"))
        #expect(fields.contains("durationWeeks"))
        #expect(fields.filter { $0 == "agreements" }.count == 2)
    }

    @Test("rubric weights must add up to 100 and every level must be described")
    func rubric() {
        var brief = publishableBrief()
        brief.rubric = []
        #expect(ComplianceLint.check(brief).errors.map(\.field) == ["rubric"])
        brief.rubric = [RubricCriterion(title: "Insight", weight: 100, levels: ["a", "b", " ", "d"])]
        #expect(ComplianceLint.check(brief).errors.first?.message.contains("all four levels") == true)
        brief.rubric = [BriefTemplates.criterion("Insight", 70, "x"), BriefTemplates.criterion("Clarity", 20, "y")]
        #expect(ComplianceLint.check(brief).errors.first?.message == "Rubric weights add up to 90; they must add up to 100.")
    }

    @Test("hours 5–40 and weeks 1–8", arguments: [(4, 1, false), (5, 1, true), (40, 8, true), (41, 8, false), (10, 0, false), (10, 9, false)])
    func ranges(hours: Int, weeks: Int, ok: Bool) {
        var brief = publishableBrief()
        brief.estimatedHours = hours
        brief.durationWeeks = weeks
        brief.deliverables[0].dueOffsetDays = 5
        brief.pay = Money(amountMinor: Int64(hours) * 25_00, currency: "USD")
        #expect(ComplianceLint.check(brief).canPublish == ok)
    }

    @Test("no deliverable may fall due after the project ends; the last day itself is fine")
    func dueWithinTheDuration() {
        var brief = publishableBrief()
        brief.durationWeeks = 2
        brief.deliverables = [Deliverable(title: "Clean-up", description: "", dueOffsetDays: 14, weight: 50),
                              Deliverable(title: "Trend view", description: "", dueOffsetDays: 20, weight: 50)]
        let errors = ComplianceLint.check(brief).errors
        #expect(errors == [LintFinding("deliverables", "“Trend view” is due on day 20, after the project ends on day 14 (2 weeks); move it earlier or make the project longer.")])
        brief.durationWeeks = 3
        #expect(ComplianceLint.check(brief).canPublish)
    }

    @Test("hours out of range still get the pay checked: 60 hours at USD 10 an hour reports both")
    func everyFindingAtOnce() {
        var brief = publishableBrief()
        brief.estimatedHours = 60
        brief.pay = Money(amountMinor: 60 * 10_00, currency: "USD")
        let errors = ComplianceLint.check(brief).errors
        #expect(errors.map(\.field) == ["estimatedHours", "pay"])
        #expect(errors.last?.message == "Pay works out at USD 10.00 an hour, below the floor of USD 15.00.")
        // Without a classification the pay is still judged, and unpaid work is still refused.
        brief.classification = nil
        #expect(ComplianceLint.check(brief).errors.map(\.field) == ["estimatedHours", "classification", "pay"])
        brief.pay = Money(amountMinor: 0, currency: "USD")
        #expect(ComplianceLint.check(brief).errors.map(\.field) == ["estimatedHours", "classification", "pay"])
    }

    @Test("a classification must be chosen")
    func classification() {
        var brief = publishableBrief()
        brief.classification = nil
        #expect(ComplianceLint.check(brief).errors.map(\.field) == ["classification"])
    }

    @Test("unpaid work is refused unless it is an internship that passes the seven-factor test")
    func unpaid() {
        var brief = publishableBrief()
        brief.pay = Money(amountMinor: 0, currency: "USD")
        #expect(ComplianceLint.check(brief).errors.map(\.field) == ["pay"])
        brief.classification = .intern
        brief.agreements = [.internshipAgreement, .ipAssignment]
        #expect(ComplianceLint.check(brief).errors.map(\.field) == ["internTest"])
        brief.internTest = passingInternTest()
        #expect(ComplianceLint.check(brief).canPublish)
    }

    @Test("the intern test judges its answers")
    func internTest() {
        var test = passingInternTest()
        test.answers[.complementsEmployees]?.holds = false
        #expect(test.problems.count == 1)
        test = passingInternTest()
        test.answers[.tiedToEducation]?.holds = false
        test.answers[.academicCalendar]?.holds = false
        test.answers[.limitedDuration]?.holds = false
        #expect(test.problems == ["Only 4 of 7 intern-test factors favour the intern; at least 5 must, or the work must be paid."])
        test = passingInternTest()
        test.answers[.educationalTraining] = InternTest.Answer(holds: true, explanation: "yes")
        test.answers[.noEntitlementToJob] = nil
        #expect(test.problems.count == 2)
    }

    @Test("pay below the floor blocks; below the fair rate warns")
    func payFloor() {
        var brief = publishableBrief()
        brief.pay = Money(amountMinor: 20 * 14_99, currency: "USD")
        #expect(ComplianceLint.check(brief).errors.map(\.field) == ["pay"])
        brief.pay = Money(amountMinor: 20 * 15_00, currency: "USD")
        let report = ComplianceLint.check(brief)
        #expect(report.canPublish)
        #expect(report.warnings.map(\.field) == ["pay"])
        // An organization's own floor raises the default, and cannot lower it.
        #expect(!ComplianceLint.check(brief, hourlyFloor: Money(amountMinor: 18_00, currency: "USD")).canPublish)
        brief.pay = Money(amountMinor: 20 * 14_00, currency: "USD")
        #expect(!ComplianceLint.check(brief, hourlyFloor: Money(amountMinor: 10_00, currency: "USD")).canPublish)
        // A floor in another currency leaves this brief to the platform's floor.
        #expect(!ComplianceLint.check(brief, hourlyFloor: Money(amountMinor: 10_00, currency: "EUR")).canPublish)
    }

    @Test("organization settings: the floor may be raised, not lowered; website and description are checked")
    func organizationSettings() throws {
        let raised = try OrganizationSettings.parse(description: "  We build maps. ", website: "https://maps.example",
                                                    floorAmount: "22.50", floorCurrency: "USD")
        #expect(raised == OrganizationSettings(description: "We build maps.", website: "https://maps.example",
                                               payFloor: Money(amountMinor: 22_50, currency: "USD")))
        #expect(try OrganizationSettings.parse(description: nil, website: nil, floorAmount: " ", floorCurrency: "USD").payFloor == nil)
        // JPY has no platform floor, so any positive floor stands.
        #expect(try OrganizationSettings.parse(description: nil, website: nil, floorAmount: "900", floorCurrency: "JPY").payFloor
            == Money(amountMinor: 900, currency: "JPY"))
        func fields(_ description: String?, _ website: String?, _ amount: String?, _ currency: String?) -> [String] {
            do {
                _ = try OrganizationSettings.parse(description: description, website: website, floorAmount: amount, floorCurrency: currency)
                return []
            } catch {
                return error.errors.map(\.field)
            }
        }
        #expect(fields(nil, nil, "12", "USD") == ["payFloor"])
        #expect(fields(nil, nil, "lots", "USD") == ["payFloor"])
        #expect(fields(nil, nil, "0", "JPY") == ["payFloor"])
        #expect(fields(nil, nil, "20", "XXX") == ["payFloorCurrency"])
        #expect(fields(nil, "javascript:alert(1)", nil, nil) == ["website"])
        #expect(fields(String(repeating: "a", count: 2_001), "maps.example", nil, nil) == ["description", "website"])
        #expect(fields("bell\u{07}", nil, nil, nil) == ["description"])
    }

    @Test("briefs over two pages get a warning")
    func longBrief() {
        var brief = publishableBrief()
        brief.body = String(repeating: "word ", count: 1001)
        #expect(ComplianceLint.check(brief).warnings.map(\.field) == ["body"])
    }

    @Test("every template is publishable as it comes")
    func templates() {
        #expect(BriefTemplates.all.count == 8)
        for template in BriefTemplates.all {
            let report = ComplianceLint.check(template.brief)
            #expect(report.canPublish, "\(template.id): \(report.errors)")
            #expect(template.brief.deliverables.reduce(0) { $0 + $1.weight } == 100, "\(template.id)")
            #expect(template.brief.deliverables.allSatisfy { $0.dueOffsetDays <= template.brief.durationWeeks * 7 }, "\(template.id)")
            #expect(!template.skills.isEmpty)
        }
    }
}

@Suite("Project lifecycle")
struct ProjectLifecycleTests {
    @Test("allowed moves", arguments: [
        (ProjectState.draft, ProjectState.published, true), (.draft, .closed, false), (.published, .closed, true),
        (.closed, .completed, true), (.published, .completed, false), (.completed, .cancelled, false),
        (.cancelled, .draft, false), (.draft, .cancelled, true), (.closed, .published, false),
    ])
    func moves(from: ProjectState, to: ProjectState, allowed: Bool) {
        let result = Result { () throws(ProjectTransitionError) in
            try ProjectLifecycle.check(from: from, to: to, brief: publishableBrief(), organization: .verified)
        }
        #expect((try? result.get()) != nil || !allowed)
        if !allowed, case .failure(let error) = result {
            #expect(error == .notAllowed(from: from, to: to))
        }
    }

    @Test("publishing runs the lint and needs an organization in good standing")
    func publishing() {
        var brief = publishableBrief()
        #expect(throws: ProjectTransitionError.organizationSuspended) {
            try ProjectLifecycle.check(from: .draft, to: .published, brief: brief, organization: .suspended)
        }
        brief.deliverables = []
        #expect(throws: ProjectTransitionError.self) {
            try ProjectLifecycle.check(from: .draft, to: .published, brief: brief, organization: .unverified)
        }
    }
}

@Suite("Safe Markdown")
struct SafeMarkdownTests {
    @Test("the supported subset renders")
    func subset() {
        let html = SafeMarkdown.html("# Title\n\nSome **bold** and *em* and `x < y`.\n\n- one\n- two\n\n1. first\n\n> quote\n\n```\n<b>code</b>\n```\n\n[site](https://example.com/?a=1&b=2)")
        #expect(html.contains("<h2>Title</h2>"))
        #expect(html.contains("<strong>bold</strong>"))
        #expect(html.contains("<em>em</em>"))
        #expect(html.contains("<code>x &lt; y</code>"))
        #expect(html.contains("<ul><li>one</li><li>two</li></ul>"))
        #expect(html.contains("<ol><li>first</li></ol>"))
        #expect(html.contains("<blockquote><p>quote</p></blockquote>"))
        #expect(html.contains("<pre><code>&lt;b&gt;code&lt;/b&gt;</code></pre>"))
        #expect(html.contains(#"<a href="https://example.com/?a=1&amp;b=2" rel="nofollow noopener">site</a>"#))
    }

    @Test("hostile input comes out inert", arguments: [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](//evil.example)",
        #"[x](https://a.example" onmouseover="alert(1))"#,
        "<a href=\"javascript:alert(1)\">x</a>",
        "**<iframe src=//evil>**",
        "`</code><script>alert(1)</script>`",
        "<svg/onload=alert(1)>",
    ])
    func hostile(input: String) {
        let html = SafeMarkdown.html(input)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("<svg"))
        #expect(!html.lowercased().contains("href=\"javascript"))
        #expect(!html.contains("href=\"data:"))
        #expect(!html.contains("href=\"//"))
        #expect(!html.contains("\" onmouseover"))
    }
}
