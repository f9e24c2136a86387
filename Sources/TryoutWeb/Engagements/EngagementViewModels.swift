import Foundation
import TryoutApp
import TryoutCore
import TryoutStore

/// What the engagement pages show, as plain values built from what the services read: the
/// pages never see a record.
struct EngagementView: Sendable {
    var id: EngagementID
    var title: String
    var organizationName: String
    var candidateName: String
    var classification: WorkerClassification
    var state: EngagementState
    var endReason: String
    var pay: Money
    var startDate: Date
    var endDate: Date
    var estimatedHours: Int

    init(_ record: EngagementRecord) throws {
        id = EngagementID(try record.requireID())
        title = record.project.title
        organizationName = record.organization.name
        candidateName = record.candidate.displayName
        classification = record.classification
        state = record.state
        endReason = record.endReason
        pay = record.pay
        startDate = record.startDate
        endDate = record.endDate
        estimatedHours = record.estimatedHours
    }
}

/// A line of the engagements list.
struct EngagementListRow: Sendable {
    var engagement: EngagementView
    var unread: Int
}

struct AgreementRow: Sendable {
    var id: AgreementID
    var kind: AgreementKind
    var version: Int
    var candidateSignedAt: Date?
    var employerSignedAt: Date?
}

struct ChecklistRow: Sendable {
    var id: ChecklistItemID
    var title: String
    var owner: EngagementSide
    var doneAt: Date?
}

struct MilestoneRow: Sendable {
    var id: MilestoneID
    var title: String
    var description: String
    var state: MilestoneState
    var dueAt: Date
    var weight: Int

    func isOverdue(at now: Date) -> Bool { state != .accepted && DueDates.isLate(submittedAt: now, due: dueAt) }
}

struct SubmittedFileRow: Sendable {
    var id: SubmissionFileID
    var name: String
    var size: Int64
}

/// One version of a deliverable, newest first within its milestone.
struct VersionRow: Sendable {
    var id: SubmissionID
    var milestoneID: MilestoneID
    var version: Int
    var createdAt: Date
    var state: MilestoneState
    var late: Bool
    var turnaround: TimeInterval?
    var note: String
    var files: [SubmittedFileRow]
    var links: [String]
    var feedback: String
}

struct CheckInRow: Sendable {
    var id: CheckInID
    var startsAt: Date
    var minutes: Int
    var agenda: String
    var notes: String
    var candidateAttended: Bool?
}

struct TeamMemberRow: Sendable {
    var userID: UserID
    var name: String
    /// The member's role in the organization, for the list of people who may join.
    var roleLabel = ""
}

/// An engagement's overview as the person sees it, shared by every engagement page.
struct EngagementOverview: Sendable {
    var engagement: EngagementView
    var role: EngagementRole
    var team: [TeamMemberRow]
    var agreements: [AgreementRow]
    var checklist: [ChecklistRow]
    var milestones: [MilestoneRow]
    var versions: [VersionRow]
    var checkIns: [CheckInRow]
    var unreadMessages: Int
    var minutesLogged: Int
    var nextStep: NextStep
    var owed: Money
    var credentialID: CredentialID?

    var id: EngagementID { engagement.id }

    func may(_ duty: EngagementAccess.Duty) -> Bool { EngagementAccess.may(role, duty) }

    func versions(of milestone: MilestoneRow) -> [VersionRow] {
        versions.filter { $0.milestoneID == milestone.id }
    }

    init(_ snapshot: EngagementSnapshot) throws {
        let participant = snapshot.participant
        engagement = try EngagementView(snapshot.engagement)
        role = participant.role
        team = participant.team.map { TeamMemberRow(userID: UserID($0.$user.id), name: $0.user.displayName) }
        agreements = try snapshot.agreements.map {
            AgreementRow(id: AgreementID(try $0.requireID()), kind: $0.kind, version: $0.version,
                         candidateSignedAt: $0.candidateSignedAt, employerSignedAt: $0.employerSignedAt)
        }
        checklist = try snapshot.checklist.map {
            ChecklistRow(id: ChecklistItemID(try $0.requireID()), title: $0.title, owner: $0.owner, doneAt: $0.doneAt)
        }
        milestones = try snapshot.milestones.map {
            MilestoneRow(id: MilestoneID(try $0.requireID()), title: $0.title, description: $0.description, state: $0.state, dueAt: $0.dueAt,
                         weight: $0.weight)
        }
        versions = try snapshot.submissions.map { submission in
            VersionRow(id: SubmissionID(try submission.requireID()), milestoneID: MilestoneID(submission.$milestone.id), version: submission.version,
                       createdAt: submission.createdAt, state: submission.state, late: submission.late, turnaround: submission.turnaround,
                       note: submission.note,
                       files: try submission.files.map { SubmittedFileRow(id: SubmissionFileID(try $0.requireID()), name: $0.name, size: $0.size) },
                       links: submission.links, feedback: submission.feedback)
        }
        checkIns = try snapshot.checkIns.map {
            CheckInRow(id: CheckInID(try $0.requireID()), startsAt: $0.startsAt, minutes: $0.minutes, agenda: $0.agenda, notes: $0.notes,
                       candidateAttended: $0.candidateAttended)
        }
        unreadMessages = snapshot.unreadMessages
        minutesLogged = snapshot.minutesLogged
        nextStep = snapshot.nextStep
        owed = snapshot.owed
        credentialID = snapshot.credentialID
    }
}

/// One agreement as its page shows it.
struct AgreementDocument: Sendable {
    var id: AgreementID
    var kind: AgreementKind
    var version: Int
    var text: String
    var sha256: String
    var isIntact: Bool
    var superseded: Bool
    var candidateName: String?
    var candidateSignedAt: Date?
    var candidateIP: String?
    var employerName: String?
    var employerSignedAt: Date?
    var employerIP: String?

    func signedAt(_ side: EngagementSide) -> Date? { side == .candidate ? candidateSignedAt : employerSignedAt }

    init(_ record: AgreementRecord) throws {
        id = AgreementID(try record.requireID())
        kind = record.kind
        version = record.version
        text = record.text
        sha256 = record.sha256
        isIntact = record.isIntact
        superseded = record.supersededAt != nil
        candidateName = record.candidateName
        candidateSignedAt = record.candidateSignedAt
        candidateIP = record.candidateIP
        employerName = record.employerName
        employerSignedAt = record.employerSignedAt
        employerIP = record.employerIP
    }
}

struct MessageRow: Sendable {
    var authorName: String
    var createdAt: Date
    var body: String

    init(_ message: EngagementActivity.Message) {
        authorName = message.authorName
        createdAt = message.createdAt
        body = message.body
    }
}

struct TimeEntryRow: Sendable {
    var id: TimeEntryID
    var day: Date
    var minutes: Int
    var milestoneID: MilestoneID?
    var note: String

    init(_ record: TimeEntryRecord) throws {
        id = TimeEntryID(try record.requireID())
        day = record.day
        minutes = record.minutes
        milestoneID = record.$milestone.id.map(MilestoneID.init)
        note = record.note
    }
}
