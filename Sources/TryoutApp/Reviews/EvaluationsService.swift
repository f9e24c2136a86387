import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// An engagement's final evaluation and exit survey as one of its two sides reads them.
public struct EvaluationSheet: Sendable {
    public let engagement: EngagementRecord
    public let role: EngagementRole
    /// The manager's evaluation; the candidate reads its result and summary, never the
    /// recommendation or the satisfaction (`EvaluationSheet.showsJudgement`).
    public let evaluation: FinalEvaluationRecord?
    /// The overall result the accepted versions' scorecards give (0–100); nil when none were scored.
    public let computedScore: Int?
    public let signals: ObjectiveSignals
    /// The candidate's own survey; the employer never reads one alone.
    public let survey: ExitSurveyRecord?

    public var showsJudgement: Bool { role == .manager }
    public var mayEvaluate: Bool { role == .manager && engagement.state == .completed }
    public var mayAnswerSurvey: Bool { role == .candidate && engagement.state.isOver && survey == nil }
}

/// The final evaluation a manager records once an engagement completes, the facts beside it, and
/// the candidate's exit survey, which the organization reads only as averages of at least three.
public enum EvaluationsService {
    /// For the candidate and the employer's managers; mentors and everyone else are told it does not exist.
    public static func sheet(in participant: EngagementParticipant, _ ctx: ActionContext) async throws -> EvaluationSheet {
        guard participant.role != .mentor else { throw ActionError.notFound }
        let engagementID = participant.id.uuid
        let facts = try await facts(of: participant.engagement, on: ctx.db)
        return EvaluationSheet(engagement: participant.engagement, role: participant.role,
                               evaluation: try await Evaluations.evaluation(of: engagementID, on: ctx.db), computedScore: facts.computed,
                               signals: facts.signals,
                               survey: participant.role == .candidate ? try await Evaluations.survey(of: engagementID, on: ctx.db) : nil)
    }

    /// Records the evaluation, or changes it; the candidate hears the first time.
    public static func evaluate(_ draft: FinalEvaluationDraft, in participant: EngagementParticipant, _ ctx: ActionContext) async throws {
        try participant.require(.giveFeedback)
        try await participant.perform(nil, ctx) { move in
            let tx = move.context
            guard move.engagement.state == .completed else {
                throw ActionError.conflict("The final evaluation is recorded once the engagement has completed.")
            }
            let facts = try await facts(of: move.engagement, on: tx.db)
            let input = try draft.checked(computed: facts.computed)
            let first = try await Evaluations.evaluation(of: participant.id.uuid, on: tx.db) == nil
            try await Evaluations.saveEvaluation(input, computed: facts.computed, signals: facts.signals, of: move.engagement,
                                                 by: participant.userID.uuid, at: tx.now, on: tx.db)
            try await tx.audit(.finalEvaluationRecorded, by: participant.user, organizationID: move.engagement.$organization.id,
                               detail: "\(move.engagement.project.title) · \(move.engagement.candidate.displayName): \(input.overallScore)/100, \(input.recommendation.rawValue)")
            if first {
                let link = tx.mail.links.path(.evaluation(participant.id))
                try await RemindersService.tell(move.engagement.candidate, "Your final evaluation on “\(move.engagement.project.title)” is in, with an exit survey for you.",
                                                subject: "\(move.engagement.project.title): your final evaluation", link: link, tx)
            }
        }
    }

    /// The candidate's exit survey, once the engagement is over, once.
    public static func answerSurvey(_ input: ExitSurveyInput, in participant: EngagementParticipant, _ ctx: ActionContext) async throws {
        guard participant.role == .candidate else { throw ActionError.forbidden("Only the candidate answers the exit survey.") }
        try await participant.perform(nil, ctx) { move in
            let tx = move.context
            guard move.engagement.state.isOver else { throw ActionError.conflict("The exit survey opens when the engagement is over.") }
            guard try await Evaluations.survey(of: participant.id.uuid, on: tx.db) == nil else {
                throw ActionError.conflict("You have answered the exit survey already.")
            }
            try await Evaluations.saveSurvey(input, of: move.engagement, at: tx.now, on: tx.db)
            try await tx.audit(.exitSurveyAnswered, by: participant.user, organizationID: move.engagement.$organization.id,
                               detail: move.engagement.project.title)
        }
    }

    /// The organization's exit surveys in aggregate, overall and per project, for those who run its
    /// projects; a summary only from `SurveySummary.minimumResponses`, so nobody's answers stand alone.
    public static func surveys(slug: String, _ ctx: ActionContext) async throws -> SurveyReport {
        guard Slug.isValid(slug), let org = try await Organizations.find(slug: slug, on: ctx.db) else { throw ActionError.notFound }
        let id = try org.requireID()
        try ctx.authorize(.authorProjects(id))
        let byProject = try await Evaluations.surveyRatingsByProject(organizationID: id, on: ctx.db)
        let titles = try await Projects.titles(of: Array(byProject.keys), on: ctx.db)
        let projects = byProject.compactMap { projectID, ratings in
            SurveySummary(ratings).map { (id: ProjectID(projectID), title: titles[projectID] ?? "", summary: $0) }
        }.sorted { ($0.title, $0.id.uuid.uuidString) < ($1.title, $1.id.uuid.uuidString) }
        return SurveyReport(organization: org, overall: SurveySummary(Array(byProject.values.joined())), projects: projects,
                            responses: byProject.values.reduce(0) { $0 + $1.count })
    }

    /// What the marketplace shows of past candidates' surveys, for anyone; nil below the minimum.
    public static func publicRating(organizationID: UUID, projectID: UUID? = nil, on db: any Database) async throws -> SurveySummary? {
        SurveySummary(try await Evaluations.surveyRatings(organizationID: organizationID, projectID: projectID, on: db))
    }

    /// The result the accepted versions give (their panels' weighted scores, weighted like the
    /// deliverables) and the objective signals of the record.
    static func facts(of engagement: EngagementRecord, on db: any Database) async throws -> (computed: Int?, signals: ObjectiveSignals) {
        let engagementID = try engagement.requireID()
        let milestones = try await Engagements.milestones(of: engagementID, on: db)
        let versions = try await Submissions.of(engagementID: engagementID, on: db)
        guard let application = try await ApplicationRecord.find(engagement.$application.id, on: db) else { throw ActionError.notFound }
        let rubric = try await ProjectBriefs.brief(of: engagement.project, version: application.briefVersion, on: db).rubric
        var weighted = 0, weights = 0
        var deliverables: [ObjectiveSignals.Deliverable] = []
        for milestone in milestones {
            let mine = versions.filter { $0.$milestone.id == milestone.id }.sorted { $0.version < $1.version }
            deliverables.append(ObjectiveSignals.Deliverable(dueAt: milestone.dueAt, versions: mine.map {
                .init(handedIn: $0.createdAt, decidedAt: $0.respondedAt, changesRequested: $0.state == .changesRequested)
            }))
            guard let accepted = mine.last(where: { $0.state == .accepted }),
                  let score = ReviewPanel(rubric: rubric, cards: try await Reviews.scorecards(of: try accepted.requireID(), on: db).map(\.scorecard)).weightedScore
            else { continue }
            weighted += score * milestone.weight
            weights += milestone.weight
        }
        let minutes = try await EngagementActivity.minutesLogged(of: engagementID, on: db)
        return (weights == 0 ? nil : Int((Double(weighted) / Double(weights)).rounded()),
                ObjectiveSignals(deliverables: deliverables, minutesLogged: minutes, hoursEstimated: engagement.estimatedHours))
    }
}

/// An organization's exit surveys as its people may read them: only averages of enough answers.
public struct SurveyReport: Sendable {
    public let organization: OrganizationRecord
    public let overall: SurveySummary?
    /// The projects with enough answers to show, by title.
    public let projects: [(id: ProjectID, title: String, summary: SurveySummary)]
    /// How many answered in all, shown even when there are too few to summarize.
    public let responses: Int
}

/// The evaluation as a form or the API sends it, checked against the computed result when used.
public struct FinalEvaluationDraft: Sendable, Equatable {
    public var overallScore: Int?
    public var reason: String
    public var recommendation: String
    public var satisfaction: Int?
    public var summary: String

    public init(overallScore: Int?, reason: String, recommendation: String, satisfaction: Int?, summary: String) {
        self.overallScore = overallScore
        self.reason = reason
        self.recommendation = recommendation
        self.satisfaction = satisfaction
        self.summary = summary
    }

    func checked(computed: Int?) throws -> FinalEvaluationInput {
        try FinalEvaluationInput(overallScore: overallScore, computed: computed, reason: reason, recommendation: recommendation,
                                 satisfaction: satisfaction, summary: summary)
    }
}
