import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// Final evaluations and exit surveys.
public enum Evaluations {
    public static func evaluation(of engagementID: UUID, on db: any Database) async throws -> FinalEvaluationRecord? {
        try await FinalEvaluationRecord.query(on: db).filter(\.$engagement.$id == engagementID).first()
    }

    /// Records the evaluation, or changes the one recorded.
    public static func saveEvaluation(_ input: FinalEvaluationInput, computed: Int?, signals: ObjectiveSignals, of engagement: EngagementRecord,
                                      by userID: UUID, at now: Date, on db: any Database) async throws {
        let engagementID = try engagement.requireID()
        let record = try await evaluation(of: engagementID, on: db) ?? FinalEvaluationRecord()
        if record.id == nil {
            record.$engagement.id = engagementID
            record.$organization.id = engagement.$organization.id
            record.createdAt = now
        }
        record.computedScore = computed
        record.overallScore = input.overallScore
        record.reason = input.reason
        record.recommendation = input.recommendation
        record.satisfaction = input.satisfaction
        record.summary = input.summary
        record.signalsJSON = String(decoding: try JSONEncoder().encode(signals), as: UTF8.self)
        record.$recordedBy.id = userID
        record.updatedAt = now
        try await record.save(on: db)
    }

    public static func survey(of engagementID: UUID, on db: any Database) async throws -> ExitSurveyRecord? {
        try await ExitSurveyRecord.query(on: db).filter(\.$engagement.$id == engagementID).first()
    }

    public static func saveSurvey(_ input: ExitSurveyInput, of engagement: EngagementRecord, at now: Date, on db: any Database) async throws {
        let record = ExitSurveyRecord()
        record.$engagement.id = try engagement.requireID()
        record.$organization.id = engagement.$organization.id
        record.$project.id = engagement.$project.id
        record.ratingsJSON = String(decoding: try JSONEncoder().encode(input.ratings), as: UTF8.self)
        record.comment = input.comment
        record.createdAt = now
        try await record.create(on: db)
    }

    /// Every survey's ratings for the organization, or for one of its projects.
    public static func surveyRatings(organizationID: UUID, projectID: UUID? = nil, on db: any Database) async throws -> [[Int]] {
        var query = ExitSurveyRecord.query(on: db).filter(\.$organization.$id == organizationID)
        if let projectID { query = query.filter(\.$project.$id == projectID) }
        return try await query.all().map(\.ratings)
    }

    /// Every survey's ratings for the organization, by project.
    public static func surveyRatingsByProject(organizationID: UUID, on db: any Database) async throws -> [UUID: [[Int]]] {
        Dictionary(grouping: try await ExitSurveyRecord.read("organization_id = \(bind: organizationID)", on: db), by: \.$project.id)
            .mapValues { $0.map(\.ratings) }
    }
}
