import Foundation
import Testing
@testable import TryoutCore

@Suite("Final evaluation and exit survey")
struct EvaluationTests {
    private let day: TimeInterval = 86_400
    private let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the overall result may differ from the scorecards' only with a reason; every field is checked at once")
    func evaluationInput() throws {
        let kept = try FinalEvaluationInput(overallScore: 72, computed: 72, reason: "", recommendation: "yes", satisfaction: 4, summary: "Solid.")
        #expect(kept.overallScore == 72 && kept.recommendation == .yes)
        #expect(throws: ValidationFailure([FieldError("reason", "Say why the overall result differs from the 72 the scorecards give.")])) {
            _ = try FinalEvaluationInput(overallScore: 80, computed: 72, reason: " ", recommendation: "yes", satisfaction: 4, summary: "Solid.")
        }
        let changed = try FinalEvaluationInput(overallScore: 80, computed: 72, reason: "The memo carried it.", recommendation: "strong_yes",
                                               satisfaction: 5, summary: "Solid.")
        #expect(changed.overallScore == 80 && changed.reason == "The memo carried it.")
        do {
            _ = try FinalEvaluationInput(overallScore: 101, computed: nil, reason: "", recommendation: "maybe", satisfaction: 0, summary: "")
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["overallScore", "recommendation", "satisfaction", "summary"])
        }
    }

    @Test("signals: on-time rate from first versions, versions per deliverable, hours against the estimate, median time to answer feedback")
    func signals() {
        let first = ObjectiveSignals.Deliverable(dueAt: start + 5 * day, versions: [
            .init(handedIn: start + 4 * day, decidedAt: start + 4.5 * day, changesRequested: true),
            .init(handedIn: start + 5.5 * day, decidedAt: start + 6 * day, changesRequested: false),
        ])
        let late = ObjectiveSignals.Deliverable(dueAt: start + 8 * day, versions: [
            .init(handedIn: start + 9 * day, decidedAt: start + 9.25 * day, changesRequested: true),
            .init(handedIn: start + 9.5 * day, decidedAt: nil, changesRequested: false),
        ])
        let never = ObjectiveSignals.Deliverable(dueAt: start + 10 * day, versions: [])
        let signals = ObjectiveSignals(deliverables: [first, late, never], minutesLogged: 1_230, hoursEstimated: 20)
        #expect(signals.onTimeRate == 0.5)
        #expect(signals.versionsPerDeliverable == 2)
        #expect(signals.hoursLogged == 20.5 && signals.hoursEstimated == 20)
        // Changes asked for at 4.5 d answered at 5.5 d (24 h), at 9.25 d answered at 9.5 d (6 h).
        #expect(signals.medianHoursToAnswerFeedback == 15)
        let empty = ObjectiveSignals(deliverables: [never], minutesLogged: 0, hoursEstimated: 5)
        #expect(empty.onTimeRate == nil && empty.versionsPerDeliverable == nil && empty.medianHoursToAnswerFeedback == nil)
    }

    @Test("an exit survey needs all five ratings from 1 to 5, kept in the questions' order")
    func surveyInput() throws {
        let answers: [String: Int?] = ["clarity": 4, "mentor": 5, "fairness": 3, "workload": 2, "recommend": 5]
        #expect(try ExitSurveyInput(ratings: answers, comment: " Good. ").ratings == [4, 5, 3, 2, 5])
        do {
            _ = try ExitSurveyInput(ratings: ["clarity": 6, "mentor": nil, "fairness": 3, "workload": 0], comment: "")
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["clarity", "mentor", "workload", "recommend"])
        }
    }

    @Test("surveys are summarized only from three answers, as averages per question")
    func suppression() {
        #expect(SurveySummary([[5, 5, 5, 5, 5], [1, 1, 1, 1, 1]]) == nil)
        let summary = SurveySummary([[5, 4, 3, 2, 1], [3, 4, 3, 2, 5], [4, 4, 3, 2, 3]])
        #expect(summary?.responses == 3 && summary?.means == [4, 4, 3, 2, 3] && summary?.recommendation == 3)
    }

    @Test("the median of an even count is the mean of the middle two; of none, nothing")
    func median() {
        #expect(Median.of([4, 1, 3, 2]) == 2.5 && Median.of([7]) == 7 && Median.of([]) == nil)
    }
}
