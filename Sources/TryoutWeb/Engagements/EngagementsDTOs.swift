import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

extension DTO {
    /// An engagement in a list.
    struct EngagementSummary: Content {
        var id: UUID
        var projectID: UUID
        var projectTitle: String
        var organization: String
        var candidateName: String
        var state: EngagementState
        var classification: WorkerClassification
        var startDate: Date
        var endDate: Date

        init(_ record: EngagementRecord) {
            id = record.id!
            projectID = record.$project.id
            projectTitle = record.project.title
            organization = record.organization.name
            candidateName = record.candidate.displayName
            state = record.state
            classification = record.classification
            startDate = record.startDate
            endDate = record.endDate
        }
    }

    struct NextStepBody: Content {
        var owner: EngagementSide?
        var text: String
    }

    /// An engagement whole: terms, what is next, agreements, checklist and milestones with versions.
    struct Engagement: Content {
        var summary: EngagementSummary
        var role: String
        var pay: Money
        var owed: Money
        var estimatedHours: Int
        var minutesLogged: Int
        var nextStep: NextStepBody
        var endReason: String
        var agreements: [AgreementSummary]
        var checklist: [ChecklistEntry]
        var milestones: [Milestone]

        init(_ snapshot: EngagementSnapshot) {
            let engagement = snapshot.engagement
            summary = EngagementSummary(engagement)
            role = snapshot.participant.role.rawValue
            pay = engagement.pay
            owed = snapshot.owed
            estimatedHours = engagement.estimatedHours
            minutesLogged = snapshot.minutesLogged
            let next = snapshot.nextStep
            nextStep = NextStepBody(owner: next.owner, text: next.text)
            endReason = engagement.endReason
            agreements = snapshot.agreements.map(AgreementSummary.init)
            checklist = snapshot.checklist.map(ChecklistEntry.init)
            milestones = snapshot.milestones.map { Milestone($0, versions: snapshot.versions(of: $0)) }
        }
    }

    struct AgreementSummary: Content {
        var id: UUID
        var kind: AgreementKind
        var version: Int
        var sha256: String
        var candidateSignedAt: Date?
        var employerSignedAt: Date?

        init(_ record: AgreementRecord) {
            id = record.id!
            kind = record.kind
            version = record.version
            sha256 = record.sha256
            candidateSignedAt = record.candidateSignedAt
            employerSignedAt = record.employerSignedAt
        }
    }

    /// An agreement with its exact text and both signatures.
    struct Agreement: Content {
        var summary: AgreementSummary
        var text: String
        var intact: Bool
        var superseded: Bool
        var candidateName: String?
        var employerName: String?

        init(_ record: AgreementRecord) {
            summary = AgreementSummary(record)
            text = record.text
            intact = record.isIntact
            superseded = record.supersededAt != nil
            candidateName = record.candidateName
            employerName = record.employerName
        }
    }

    struct ChecklistEntry: Content {
        var id: UUID
        var title: String
        var owner: EngagementSide
        var doneAt: Date?

        init(_ record: ChecklistItemRecord) {
            id = record.id!
            title = record.title
            owner = record.owner
            doneAt = record.doneAt
        }
    }

    struct Milestone: Content {
        var id: UUID
        var title: String
        var description: String
        var weight: Int
        var dueAt: Date
        var state: MilestoneState
        var versions: [Submission]

        init(_ record: MilestoneRecord, versions: [SubmissionRecord]) {
            id = record.id!
            title = record.title
            description = record.description
            weight = record.weight
            dueAt = record.dueAt
            state = record.state
            self.versions = versions.map(Submission.init)
        }
    }

    struct SubmittedFile: Content {
        var id: UUID
        var name: String
        var kind: UploadKind
        var size: Int64
        var sha256: String
    }

    /// One version of a deliverable and the answer to it; `turnaroundSeconds` once answered.
    struct Submission: Content {
        var id: UUID
        var milestoneID: UUID
        var version: Int
        var note: String
        var links: [String]
        var late: Bool
        var state: MilestoneState
        var createdAt: Date
        var feedback: String
        var respondedAt: Date?
        var turnaroundSeconds: Int?
        var files: [SubmittedFile]
        /// For the candidate, once the version is decided (`Engagement.addReviewResults`).
        var result: ReviewResult?

        init(_ record: SubmissionRecord) {
            id = record.id!
            milestoneID = record.$milestone.id
            version = record.version
            note = record.note
            links = record.links
            late = record.late
            state = record.state
            createdAt = record.createdAt
            feedback = record.feedback
            respondedAt = record.respondedAt
            turnaroundSeconds = record.turnaround.map { Int($0) }
            files = (record.$files.value ?? []).map { SubmittedFile(id: $0.id!, name: $0.name, kind: $0.kind, size: $0.size, sha256: $0.sha256) }
        }
    }

    struct CheckIn: Content {
        var id: UUID
        var startsAt: Date
        var minutes: Int
        var agenda: String
        var notes: String
        var candidateAttended: Bool?

        init(_ record: CheckInRecord) {
            id = record.id!
            startsAt = record.startsAt
            minutes = record.minutes
            agenda = record.agenda
            notes = record.notes
            candidateAttended = record.candidateAttended
        }
    }

    struct Message: Content {
        var id: UUID
        var authorName: String
        var mine: Bool
        var body: String
        var createdAt: Date

        init(_ message: EngagementActivity.Message, viewer: UUID) {
            id = message.id
            authorName = message.authorName
            mine = message.authorID == viewer
            body = message.body
            createdAt = message.createdAt
        }
    }

    struct TimeEntry: Content {
        var id: UUID
        var day: String
        var minutes: Int
        var milestoneID: UUID?
        var note: String

        init(_ record: TimeEntryRecord) {
            id = record.id!
            day = BriefInput.dayString(record.day)
            minutes = record.minutes
            milestoneID = record.$milestone.id
            note = record.note
        }
    }

    struct TimeLog: Content {
        var minutesLogged: Int
        var estimatedHours: Int
        var entries: [TimeEntry]
    }

    // MARK: Request bodies

    struct SignatureBody: Decodable {
        var fullName: String?
        var consent: Bool?
    }

    struct FeedbackBody: Decodable {
        var decision: String?
        var feedback: String?
        var scorecard: ScorecardBody?
    }

    struct CheckInBody: Decodable {
        var startsAt: String?
        var minutes: Int?
        var agenda: String?
    }

    struct CheckInNotesBody: Decodable {
        var notes: String?
        var candidateAttended: Bool?
    }

    struct MessageBody: Decodable {
        var body: String?
        var email: Bool?
    }

    struct TimeEntryBody: Decodable {
        var day: String?
        var hours: Double?
        var milestoneID: String?
        var note: String?
    }

    struct TerminationBody: Decodable {
        var reason: String?
    }
}
