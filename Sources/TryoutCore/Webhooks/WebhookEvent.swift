import Foundation

/// Something that happened in an organization, as its webhooks tell it: the type, what it is
/// about (`data`, the JSON every receiver gets, described in the OpenAPI document's `webhooks`),
/// a sentence for people (Slack shows it) and the page in Tryout it links to.
public struct WebhookEvent: Sendable, Equatable {
    public let type: WebhookEventType
    public let organizationID: OrganizationID
    public let data: WebhookEventData
    public let summary: String
    public let link: String

    public init(_ type: WebhookEventType, organizationID: OrganizationID, data: WebhookEventData, summary: String, link: String) {
        self.type = type
        self.organizationID = organizationID
        self.data = data
        self.summary = summary
        self.link = link
    }

    /// The body a standard endpoint receives: `{type, timestamp, data}`, keys sorted so the same
    /// event always signs the same.
    public func standardBody(at timestamp: Date) throws -> String {
        struct Envelope: Encodable {
            var type: WebhookEventType
            var timestamp: Date
            var data: WebhookEventData
        }
        return try Self.encode(Envelope(type: type, timestamp: timestamp, data: data))
    }

    /// The body a Slack incoming webhook receives: Block Kit, one section with the sentence and a
    /// button back to Tryout; `text` is what notifications show.
    public func slackBody() throws -> String {
        struct Text: Encodable { var type: String; var text: String }
        struct Button: Encodable { var type = "button"; var text: Text; var url: String }
        struct Section: Encodable { var type = "section"; var text: Text; var accessory: Button }
        struct Message: Encodable { var text: String; var blocks: [Section] }
        let section = Section(text: Text(type: "mrkdwn", text: Self.slackEscaped(summary)),
                              accessory: Button(text: Text(type: "plain_text", text: "Open in Tryout"), url: link))
        return try Self.encode(Message(text: summary, blocks: [section]))
    }

    /// Slack reads `&`, `<` and `>` as markup: a title containing them would become a link.
    static func slackEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    private static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// What an event is about: one object under a key naming its kind (`{"project": {…}}`).
public enum WebhookEventData: Sendable, Equatable, Encodable {
    case project(Project)
    case application(Application)
    case engagement(Engagement)
    case agreement(Agreement)
    case submission(Submission)
    case review(Review)
    case dispute(Dispute)
    case payment(Payment)
    case payout(Payout)
    case credential(Credential)

    /// A credential issued for an engagement's accepted work: where anyone verifies it.
    public struct Credential: Sendable, Equatable, Encodable {
        public var id: CredentialID
        public var engagementID: EngagementID
        public var projectID: ProjectID
        public var name: String
        public var url: String

        public init(id: CredentialID, engagementID: EngagementID, projectID: ProjectID, name: String, url: String) {
            self.id = id
            self.engagementID = engagementID
            self.projectID = projectID
            self.name = name
            self.url = url
        }
    }

    /// A payout batch the bank confirmed: what it carried of the pay this organization released.
    public struct Payout: Sendable, Equatable, Encodable {
        public var reference: String
        public var amountMinor: Int64
        public var currency: String
        public var candidates: Int
        public var paidAt: Date

        public init(reference: String, amountMinor: Int64, currency: String, candidates: Int, paidAt: Date) {
            self.reference = reference
            self.amountMinor = amountMinor
            self.currency = currency
            self.candidates = candidates
            self.paidAt = paidAt
        }
    }

    /// Pay released from a project's escrow for accepted work, in minor units.
    public struct Payment: Sendable, Equatable, Encodable {
        public var engagementID: EngagementID
        public var milestoneID: MilestoneID
        public var projectID: ProjectID
        public var amountMinor: Int64
        public var feeMinor: Int64
        public var currency: String
        /// An employee's pay goes to the employer's payroll instead of a payout.
        public var viaPayroll: Bool
        public var url: String

        public init(engagementID: EngagementID, milestoneID: MilestoneID, projectID: ProjectID, amountMinor: Int64, feeMinor: Int64,
                    currency: String, viaPayroll: Bool, url: String) {
            self.engagementID = engagementID
            self.milestoneID = milestoneID
            self.projectID = projectID
            self.amountMinor = amountMinor
            self.feeMinor = feeMinor
            self.currency = currency
            self.viaPayroll = viaPayroll
            self.url = url
        }
    }

    public struct Project: Sendable, Equatable, Encodable {
        public var id: ProjectID
        public var title: String
        public var state: String
        public var url: String

        public init(id: ProjectID, title: String, state: String, url: String) {
            self.id = id
            self.title = title
            self.state = state
            self.url = url
        }
    }

    /// An application as its organization may see it: the candidate's name and address only once
    /// they are revealed, the handle ("Applicant 7F3A") always.
    public struct Application: Sendable, Equatable, Encodable {
        public var id: ApplicationID
        public var projectID: ProjectID
        public var projectTitle: String
        public var handle: String
        public var previousState: String?
        public var state: String
        public var candidate: Candidate?
        public var url: String

        public struct Candidate: Sendable, Equatable, Encodable {
            public var name: String
            public var email: String

            public init(name: String, email: String) {
                self.name = name
                self.email = email
            }
        }

        public init(id: ApplicationID, projectID: ProjectID, projectTitle: String, handle: String, previousState: String?,
                    state: String, candidate: Candidate?, url: String) {
            self.id = id
            self.projectID = projectID
            self.projectTitle = projectTitle
            self.handle = handle
            self.previousState = previousState
            self.state = state
            self.candidate = candidate
            self.url = url
        }
    }

    public struct Engagement: Sendable, Equatable, Encodable {
        public var id: EngagementID
        public var projectID: ProjectID
        public var projectTitle: String
        public var candidateName: String
        public var state: String
        /// Why it ended early, for `engagement.terminated`.
        public var reason: String?
        public var url: String

        public init(id: EngagementID, projectID: ProjectID, projectTitle: String, candidateName: String, state: String,
                    reason: String? = nil, url: String) {
            self.id = id
            self.projectID = projectID
            self.projectTitle = projectTitle
            self.candidateName = candidateName
            self.state = state
            self.reason = reason
            self.url = url
        }
    }

    public struct Agreement: Sendable, Equatable, Encodable {
        public var id: AgreementID
        public var engagementID: EngagementID
        public var kind: String
        /// Who signed: `candidate` or `employer`.
        public var side: String
        public var url: String

        public init(id: AgreementID, engagementID: EngagementID, kind: String, side: String, url: String) {
            self.id = id
            self.engagementID = engagementID
            self.kind = kind
            self.side = side
            self.url = url
        }
    }

    public struct Submission: Sendable, Equatable, Encodable {
        public var id: SubmissionID
        public var engagementID: EngagementID
        public var milestoneID: MilestoneID
        public var milestoneTitle: String
        public var version: Int
        public var late: Bool
        /// For `submission.reviewed`: `accept` or `request_changes`.
        public var decision: String?
        public var url: String

        public init(id: SubmissionID, engagementID: EngagementID, milestoneID: MilestoneID, milestoneTitle: String, version: Int,
                    late: Bool, decision: String? = nil, url: String) {
            self.id = id
            self.engagementID = engagementID
            self.milestoneID = milestoneID
            self.milestoneTitle = milestoneTitle
            self.version = version
            self.late = late
            self.decision = decision
            self.url = url
        }
    }

    /// One reviewer's scorecard for a version: its weighted score and how much of the panel has
    /// scored. The levels stay in Tryout, where the independence rule guards them.
    public struct Review: Sendable, Equatable, Encodable {
        public var id: UUID
        public var submissionID: SubmissionID
        public var engagementID: EngagementID
        public var milestoneTitle: String
        public var version: Int
        public var weightedScore: Int
        public var scored: Int
        public var asked: Int
        public var url: String

        public init(id: UUID, submissionID: SubmissionID, engagementID: EngagementID, milestoneTitle: String, version: Int,
                    weightedScore: Int, scored: Int, asked: Int, url: String) {
            self.id = id
            self.submissionID = submissionID
            self.engagementID = engagementID
            self.milestoneTitle = milestoneTitle
            self.version = version
            self.weightedScore = weightedScore
            self.scored = scored
            self.asked = asked
            self.url = url
        }
    }

    /// A dispute in one of the organization's engagements: what about, who opened it, where it
    /// stands and, once decided, the outcome. The statements stay in Tryout.
    public struct Dispute: Sendable, Equatable, Encodable {
        public var id: DisputeID
        public var engagementID: EngagementID
        public var subject: String
        public var submissionID: SubmissionID?
        /// `candidate` or `employer`.
        public var openedSide: String
        public var state: String
        public var outcome: String?
        public var sharePercent: Int?
        public var url: String

        public init(id: DisputeID, engagementID: EngagementID, subject: String, submissionID: SubmissionID?, openedSide: String,
                    state: String, outcome: String?, sharePercent: Int?, url: String) {
            self.id = id
            self.engagementID = engagementID
            self.subject = subject
            self.submissionID = submissionID
            self.openedSide = openedSide
            self.state = state
            self.outcome = outcome
            self.sharePercent = sharePercent
            self.url = url
        }
    }

    private enum Key: String, CodingKey { case project, application, engagement, agreement, submission, review, dispute, payment, payout, credential }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .project(let value): try container.encode(value, forKey: .project)
        case .application(let value): try container.encode(value, forKey: .application)
        case .engagement(let value): try container.encode(value, forKey: .engagement)
        case .agreement(let value): try container.encode(value, forKey: .agreement)
        case .submission(let value): try container.encode(value, forKey: .submission)
        case .review(let value): try container.encode(value, forKey: .review)
        case .dispute(let value): try container.encode(value, forKey: .dispute)
        case .payment(let value): try container.encode(value, forKey: .payment)
        case .payout(let value): try container.encode(value, forKey: .payout)
        case .credential(let value): try container.encode(value, forKey: .credential)
        }
    }
}

/// When an endpoint is turned off: after this many failed deliveries in a row, whatever the events.
public enum WebhookHealth {
    public static let failuresBeforeTurningOff = 50
}
