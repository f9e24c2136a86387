import Foundation

/// What an organization can hear about through a webhook. The raw values are the `type` of the
/// payload and never change once shipped; later features add credential events.
public enum WebhookEventType: String, Codable, Sendable, CaseIterable {
    case projectPublished = "project.published"
    case projectClosed = "project.closed"
    case applicationSubmitted = "application.submitted"
    /// Blind: names the applicant by handle only, until the organization reveals them.
    case applicationStateChanged = "application.state_changed"
    /// A candidate accepted a place: the engagement exists and waits for its agreements.
    case engagementStarted = "engagement.started"
    case agreementSigned = "agreement.signed"
    case submissionCreated = "submission.created"
    case submissionReviewed = "submission.reviewed"
    /// Nobody decided within the project's days: the version was accepted all the same.
    case submissionAutoAccepted = "submission.auto_accepted"
    /// One reviewer's scorecard is in.
    case reviewSubmitted = "review.submitted"
    case engagementCompleted = "engagement.completed"
    case engagementTerminated = "engagement.terminated"
    case disputeOpened = "dispute.opened"
    case disputeDecided = "dispute.decided"
    /// A deliverable's share of the pay left escrow for the candidate (or the employer's payroll).
    case paymentReleased = "payment.released"
    /// Pay the organization released reached its candidates' banks in a payout.
    case payoutPaid = "payout.paid"
    /// A candidate received a verifiable credential for accepted work.
    case credentialIssued = "credential.issued"

    /// How the settings page lists the event.
    public var label: String {
        switch self {
        case .projectPublished: "A project is published"
        case .projectClosed: "A project closes to applications"
        case .applicationSubmitted: "An application arrives"
        case .applicationStateChanged: "An application moves (shortlisted, offered, accepted…)"
        case .engagementStarted: "A candidate accepts a place"
        case .agreementSigned: "An agreement is signed"
        case .submissionCreated: "Work is submitted"
        case .submissionReviewed: "Submitted work is reviewed"
        case .submissionAutoAccepted: "Work is accepted automatically, without a decision"
        case .reviewSubmitted: "A reviewer scores a version"
        case .engagementCompleted: "An engagement is completed"
        case .engagementTerminated: "An engagement ends early"
        case .disputeOpened: "A dispute is opened"
        case .disputeDecided: "A dispute is decided"
        case .paymentReleased: "Pay is released for accepted work"
        case .payoutPaid: "Released pay reaches candidates' banks"
        case .credentialIssued: "A candidate receives a credential for accepted work"
        }
    }
}

/// Where an endpoint's messages go: a receiver that checks Standard Webhooks signatures, or a
/// Slack incoming webhook that shows a message in a channel (Slack does not check signatures).
public enum WebhookKind: String, Codable, Sendable, CaseIterable {
    case standard
    case slack

    public var label: String {
        switch self {
        case .standard: "Signed JSON (Standard Webhooks)"
        case .slack: "Slack incoming webhook"
        }
    }
}
