import Foundation
import TryoutCore
import TryoutStore

/// Where a candidate's application stands, as their pages word it.
struct ApplicationStanding: Sendable {
    var state: ApplicationState
    var offerExpiresAt: Date?

    init(_ application: Applications.Summary) {
        state = application.state
        offerExpiresAt = application.offerExpiresAt
    }

    /// An offer can be answered until it lapses.
    func offerOpen(at now: Date) -> Bool {
        state == .offered && !offerExpired(at: now)
    }

    func offerExpired(at now: Date) -> Bool {
        offerExpiresAt.map { $0 <= now } ?? false
    }

    func text(at now: Date) -> String {
        guard state == .offered, let expires = offerExpiresAt else { return state.label }
        return offerExpired(at: now) ? "Offer expired" : "Offered: answer by \(DateText.short(expires))"
    }
}

/// One line of the candidate's list of applications.
struct MyApplicationRow: Sendable {
    var id: ApplicationID
    var projectTitle: String
    var organizationName: String
    var appliedAt: Date
    var standing: ApplicationStanding

    init(_ application: Applications.Summary) {
        id = ApplicationID(application.id)
        projectTitle = application.projectTitle
        organizationName = application.organizationName
        appliedAt = application.appliedAt
        standing = ApplicationStanding(application)
    }
}

/// One application as its candidate sees it, with what they sent.
struct MyApplicationDetail: Sendable {
    var row: MyApplicationRow
    var projectID: ProjectID
    var message: String
    var answers: [String]
    var coverNote: String
    var portfolio: [String]
    /// The engagement an accepted place started, if any.
    var engagementID: EngagementID?

    init(_ application: ApplicationRecord, engagementID: EngagementID?) throws {
        row = MyApplicationRow(try Applications.Summary(application))
        projectID = ProjectID(try application.project.requireID())
        message = application.message
        answers = application.answers
        coverNote = application.coverNote
        portfolio = application.portfolio
        self.engagementID = engagementID
    }
}

/// One of the person's notifications.
struct NotificationItem: Sendable {
    var message: String
    /// Opens the notification (`/notifications/ID`), which marks it read and leads on to what it is about.
    var link: String
    var createdAt: Date
    var unread: Bool

    init(_ notification: NotificationRecord) {
        message = notification.message
        link = notification.id.map { SiteURL.applications(.notification(.value(NotificationID($0)))).path } ?? notification.link
        createdAt = notification.createdAt
        unread = notification.readAt == nil
    }
}

/// What the apply panel says of the candidate's live application.
struct AppliedSummary: Sendable {
    var id: ApplicationID
    var appliedAt: Date
    var state: ApplicationState

    init(_ application: ApplicationRecord) throws {
        id = ApplicationID(try application.requireID())
        appliedAt = application.createdAt
        state = application.state
    }
}

/// The project an employer page about applicants is for.
struct ScreenedProject: Sendable {
    var id: ProjectID
    var title: String
    var state: ProjectState
    var screening: ScreeningSettings

    init(_ project: ProjectRecord) throws {
        id = ProjectID(try project.requireID())
        title = project.title
        state = project.state
        screening = project.screening
    }

    init(_ project: Applications.ListedProject) {
        id = ProjectID(project.id)
        title = project.title
        state = project.state
        screening = project.screening
    }
}
