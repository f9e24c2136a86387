import Foundation
import TryoutApp
import TryoutCore
import TryoutStore

/// The evaluation page's values: the record's facts in words, what was recorded (the judgement
/// only for the employer), and what the reader may do.
struct EvaluationViewModel: Sendable {
    struct Recorded: Sendable {
        var overallScore: Int
        var reason: String
        var recommendation: String
        var satisfaction: String
        var summary: String
        /// The recommendation and satisfaction in words, for the employer only.
        var judgement: String?
    }

    var engagementID: EngagementID
    var title: String
    var facts: [(String, String)]
    var computedScore: Int?
    var recorded: Recorded?
    var isManager: Bool
    var mayEvaluate: Bool
    var mayAnswerSurvey: Bool
    var surveyAnswered: Bool

    init(_ sheet: EvaluationSheet) {
        engagementID = EngagementID(sheet.engagement.id!)
        title = sheet.engagement.project.title
        let signals = sheet.signals
        facts = [
            ("Result from the scorecards", sheet.computedScore.map { "\($0) out of 100" } ?? "No accepted version was scored"),
            ("Deliverables handed in on time", signals.onTimeRate.map { "\(Int(($0 * 100).rounded()))%" } ?? "None handed in"),
            ("Versions per deliverable", signals.versionsPerDeliverable.map { String(format: "%.1f", $0) } ?? "None"),
            ("Hours logged", String(format: "%.1f of an estimated %d", signals.hoursLogged, signals.hoursEstimated)),
            ("Median time to answer feedback", signals.medianHoursToAnswerFeedback.map { String(format: "%.1f hours", $0) } ?? "No changes were asked for"),
        ]
        computedScore = sheet.computedScore
        recorded = sheet.evaluation.map { evaluation in
            Recorded(overallScore: evaluation.overallScore, reason: evaluation.reason, recommendation: evaluation.recommendation.rawValue,
                     satisfaction: String(evaluation.satisfaction), summary: evaluation.summary,
                     judgement: sheet.showsJudgement ? "Hire recommendation: \(evaluation.recommendation.label). Satisfaction: \(evaluation.satisfaction) of 5." : nil)
        }
        isManager = sheet.role == .manager
        mayEvaluate = sheet.mayEvaluate
        mayAnswerSurvey = sheet.mayAnswerSurvey
        surveyAnswered = sheet.survey != nil
    }
}

/// How the marketplace words past candidates' exit surveys.
enum RatingText {
    static func sentence(_ rating: (scope: RatingScope, summary: SurveySummary)) -> String {
        let whose = rating.scope == .project ? "this project" : "this employer"
        return String(format: "Would recommend %@: %.1f out of 5, from %d exit surveys", whose, rating.summary.recommendation, rating.summary.responses)
    }
}
