import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

extension DTO {
    struct MatchPart: Content {
        var kind: String
        var points: Double
        var maximum: Double
        var explanation: String
    }

    /// A 0–100 score with the reasons behind it; `missingRequired` names required skills by label.
    struct Match: Content {
        var total: Int
        var parts: [MatchPart]
        var missingRequired: [String]

        init(_ score: MatchScore, labels: [String: String]) {
            total = score.total
            parts = score.parts.map { MatchPart(kind: $0.kind.rawValue, points: $0.points, maximum: $0.maximum, explanation: $0.explanation) }
            missingRequired = score.missingRequired.map { labels[$0] ?? $0 }
        }
    }

    /// An application as its candidate sees it.
    struct MyApplication: Content {
        var id: UUID
        var project: ProjectSummary
        var state: ApplicationState
        var appliedAt: Date
        var stateChangedAt: Date
        var offerExpiresAt: Date?
        var message: String
        var answers: [String]
        var coverNote: String
        var portfolio: [String]

        init(_ record: ApplicationRecord) throws {
            id = try record.requireID()
            project = ProjectSummary(record.project)
            state = record.state
            appliedAt = record.createdAt
            stateChangedAt = record.stateChangedAt
            offerExpiresAt = record.offerExpiresAt
            message = record.message
            answers = record.answers
            coverNote = record.coverNote
            portfolio = record.portfolio
        }
    }

    /// What `POST /api/v1/projects/{projectID}/applications` takes.
    struct ApplicationInputBody: Decodable {
        var answers: [String]?
        var coverNote: String?
        var portfolio: [String]?

        var input: ApplicationInput {
            ApplicationInput(answers: answers ?? [], coverNote: coverNote ?? "", portfolio: portfolio ?? [])
        }
    }

    struct ApplicantSkill: Content {
        var label: String
        var level: Int
    }

    struct Answer: Content {
        var question: String
        var answer: String
    }

    /// An applicant as employer users see them: blind until revealed.
    struct Applicant: Content {
        var id: UUID
        var handle: String
        var state: ApplicationState
        var appliedAt: Date
        var stateChangedAt: Date
        var offerExpiresAt: Date?
        var match: Match
        var skills: [ApplicantSkill]
        /// "UTC+8": the offset only; the zone's name is in `identity` once revealed.
        var utcOffset: String?
        /// Hours of a working day the candidate shares with the project's; absent when the project
        /// names no time zone or the candidate's is unknown.
        var overlapHours: Double?
        var hoursPerWeek: Int
        var answers: [Answer]
        var coverNote: String
        /// Absent while a blind project keeps the applicant anonymous.
        var identity: ApplicantView.Identity?
        /// The candidate's accommodations note, once they have accepted a place, for the people
        /// who run the engagement.
        var accommodations: String?

        init(_ view: ApplicantView) {
            id = view.id.uuid
            handle = view.handle
            state = view.state
            appliedAt = view.appliedAt
            stateChangedAt = view.stateChangedAt
            offerExpiresAt = view.offerExpiresAt
            match = Match(view.score, labels: [:])
            match.missingRequired = view.missing
            skills = view.skills.map { ApplicantSkill(label: $0.label, level: $0.level) }
            utcOffset = view.workingHours?.utcOffset
            overlapHours = view.workingHours?.hours
            hoursPerWeek = view.hoursPerWeek
            answers = view.answers.map { Answer(question: $0.question, answer: $0.answer) }
            coverNote = view.coverNote
            identity = view.identity
            accommodations = view.accommodations
        }
    }

    /// What `POST /api/v1/projects/{projectID}/decisions` takes.
    struct DecisionInput: Decodable {
        var applicationIDs: [UUID]
        var action: ApplicationState
        var message: String?
    }

    struct Screening: Content {
        var blind: Bool
        var revealAt: RevealStage
        var offerWindowDays: Int

        init(_ settings: ScreeningSettings) {
            blind = settings.blind
            revealAt = settings.revealAt
            offerWindowDays = settings.offerWindowDays
        }
    }

    struct Recommendation: Content {
        var project: ProjectSummary
        var match: Match
    }

    struct Notification: Content {
        var id: UUID
        var message: String
        var link: String
        var createdAt: Date
        var read: Bool

        init(_ record: NotificationRecord) throws {
            id = try record.requireID()
            message = record.message
            link = record.link
            createdAt = record.createdAt
            read = record.readAt != nil
        }
    }

    struct FairnessRate: Content {
        var selected: Int
        var rate: Double
        var impactRatio: Double?
        var flagged: Bool

        init(_ source: FairnessReport.Rate) {
            selected = source.selected
            rate = source.rate
            impactRatio = source.impactRatio
            flagged = source.flagged
        }
    }

    struct FairnessGroup: Content {
        var group: String
        var applicants: Int
        var shortlist: FairnessRate
        var offer: FairnessRate
    }

    struct FairnessTable: Content {
        var dimension: String
        var groups: [FairnessGroup]
        var suppressedPeople: Int
        var suppressedGroups: Int
        var unknown: Int

        init(_ table: FairnessReport.Table) {
            dimension = table.dimension.rawValue
            groups = table.groups.map { FairnessGroup(group: $0.name, applicants: $0.applicants, shortlist: FairnessRate($0.shortlist), offer: FairnessRate($0.offer)) }
            suppressedPeople = table.suppressedPeople
            suppressedGroups = table.suppressedGroups
            unknown = table.unknown
        }
    }

    struct Fairness: Content {
        var minimumGroupSize: Int
        var flagBelow: Double
        var tables: [FairnessTable]

        init(_ tables: [FairnessReport.Table]) {
            minimumGroupSize = FairnessReport.minimumGroupSize
            flagBelow = FairnessReport.flagBelow
            self.tables = tables.map(FairnessTable.init)
        }
    }
}
