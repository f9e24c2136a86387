import Foundation
import TryoutApp
import TryoutCore

extension SiteURL {
    /// A person's engagements, each engagement's pages and forms, an employer's agreement
    /// templates, the calendar feed, and the engagements API.
    enum Engagements: RoutePath {
        case list
        case engagement(Parameter<EngagementID>, Part = .overview)
        case agreementTemplates(Parameter<String>)
        case agreementTemplate(Parameter<String>, kind: Parameter<String>, reset: Bool = false)
        case calendarSettings(revoke: Bool = false)
        /// `token.ics`: calendar apps want a file name.
        case calendarFeed(Parameter<String>)
        case api(API)

        /// The pages and forms under an engagement.
        enum Part: Sendable {
            case overview, board, checkIns, messages, time, team, terminate
            case tick(Parameter<ChecklistItemID>)
            case removeFromTeam(Parameter<UserID>)
            case agreement(Parameter<AgreementID>, AgreementAction? = nil)
            case milestone(Parameter<MilestoneID>)
            case submissions(Parameter<MilestoneID>)
            case feedback(Parameter<SubmissionID>)
            case file(Parameter<SubmissionFileID>)
            case checkInNotes(Parameter<CheckInID>)
            case deleteTimeEntry(Parameter<TimeEntryID>)
        }

        /// What is done to an agreement, each at its own address under it.
        enum AgreementAction: String, Sendable, CaseIterable {
            case text, print, sign, reissue
        }

        /// The engagements API: the same moves as the pages, for scripts.
        enum API: Sendable {
            case list
            case engagement(Parameter<EngagementID>, Part = .detail)

            enum Part: Sendable {
                case detail, checkIns, messages, timeEntries, termination
                case agreement(Parameter<AgreementID>)
                case signature(Parameter<AgreementID>)
                case tick(Parameter<ChecklistItemID>)
                case submissions(Parameter<MilestoneID>)
                case file(Parameter<SubmissionFileID>)
                case feedback(Parameter<SubmissionID>)
                case checkInNotes(Parameter<CheckInID>)
            }
        }

        var segments: [PathSegment] {
            switch self {
            case .list: [.constant("engagements")]
            case .engagement(let id, let part): Self.engagementSegments(id) + part.segments
            case .agreementTemplates(let slug): Self.templateSegments(slug)
            case .agreementTemplate(let slug, let kind, let reset):
                Self.templateSegments(slug) + [.parameter("kind", kind)] + (reset ? [.constant("reset")] : [])
            case .calendarSettings(let revoke): [.constant("settings"), .constant("calendar")] + (revoke ? [.constant("revoke")] : [])
            case .calendarFeed(let file): [.constant("calendar"), .parameter("file", file)]
            case .api(.list): SiteURL.apiPrefix + [.constant("engagements")]
            case .api(.engagement(let id, let part)): SiteURL.apiPrefix + Self.engagementSegments(id) + part.segments
            }
        }

        fileprivate static func engagementSegments(_ id: Parameter<EngagementID>) -> [PathSegment] {
            [.constant("engagements"), .parameter("engagementID", id)]
        }

        private static func templateSegments(_ slug: Parameter<String>) -> [PathSegment] {
            [.constant("orgs"), .parameter("slug", slug), .constant("agreements")]
        }

        static var templates: [Self] {
            [.list, .agreementTemplates(.key), .agreementTemplate(.key, kind: .key), .agreementTemplate(.key, kind: .key, reset: true),
             .calendarSettings(), .calendarSettings(revoke: true), .calendarFeed(.key), .api(.list)]
                + Part.templates.map { .engagement(.key, $0) }
                + API.Part.templates.map { .api(.engagement(.key, $0)) }
        }
    }
}

extension SiteURL.Engagements.Part {
    /// After `/engagements/:engagementID`.
    var segments: [PathSegment] {
        switch self {
        case .overview: []
        case .board: [.constant("board")]
        case .checkIns: [.constant("check-ins")]
        case .messages: [.constant("messages")]
        case .time: [.constant("time")]
        case .team: [.constant("team")]
        case .terminate: [.constant("terminate")]
        case .tick(let id): [.constant("checklist"), .parameter("itemID", id), .constant("done")]
        case .removeFromTeam(let id): [.constant("team"), .parameter("userID", id), .constant("remove")]
        case .agreement(let id, let action):
            [.constant("agreements"), .parameter("agreementID", id)] + (action.map { [.constant($0.rawValue)] } ?? [])
        case .milestone(let id): [.constant("milestones"), .parameter("milestoneID", id)]
        case .submissions(let id): [.constant("milestones"), .parameter("milestoneID", id), .constant("submissions")]
        case .feedback(let id): [.constant("submissions"), .parameter("submissionID", id), .constant("feedback")]
        case .file(let id): [.constant("files"), .parameter("fileID", id)]
        case .checkInNotes(let id): [.constant("check-ins"), .parameter("checkInID", id), .constant("notes")]
        case .deleteTimeEntry(let id): [.constant("time"), .parameter("entryID", id), .constant("delete")]
        }
    }

    static var templates: [Self] {
        [.overview, .board, .checkIns, .messages, .time, .team, .terminate, .tick(.key), .removeFromTeam(.key), .agreement(.key),
         .milestone(.key), .submissions(.key), .feedback(.key), .file(.key), .checkInNotes(.key), .deleteTimeEntry(.key)]
            + SiteURL.Engagements.AgreementAction.allCases.map { .agreement(.key, $0) }
    }
}

extension SiteURL.Engagements.API.Part {
    /// After `/api/v1/engagements/:engagementID`.
    var segments: [PathSegment] {
        switch self {
        case .detail: []
        case .checkIns: [.constant("check-ins")]
        case .messages: [.constant("messages")]
        case .timeEntries: [.constant("time-entries")]
        case .termination: [.constant("termination")]
        case .agreement(let id): [.constant("agreements"), .parameter("agreementID", id)]
        case .signature(let id): [.constant("agreements"), .parameter("agreementID", id), .constant("signature")]
        case .tick(let id): SiteURL.Engagements.Part.tick(id).segments
        case .submissions(let id): SiteURL.Engagements.Part.submissions(id).segments
        case .file(let id): SiteURL.Engagements.Part.file(id).segments
        case .feedback(let id): SiteURL.Engagements.Part.feedback(id).segments
        case .checkInNotes(let id): SiteURL.Engagements.Part.checkInNotes(id).segments
        }
    }

    static var templates: [Self] {
        [.detail, .checkIns, .messages, .timeEntries, .termination, .agreement(.key), .signature(.key), .tick(.key), .submissions(.key),
         .file(.key), .feedback(.key), .checkInNotes(.key)]
    }
}

extension SiteURL.Engagements {
    /// The absolute address for e-mails and calendars.
    func absolute(base: String) -> String { base + path }

    /// An address under an engagement, from a stored id.
    static func engagement(_ id: EngagementID, _ part: Part = .overview) -> Self { .engagement(.value(id), part) }

    /// An organization's own wording of one kind of agreement.
    static func agreementTemplate(_ slug: String, _ kind: AgreementKind, reset: Bool = false) -> Self {
        .agreementTemplate(.value(slug), kind: .value(kind.rawValue), reset: reset)
    }
}

extension SiteMailLinks {
    func path(_ place: EngagementPlace) -> String {
        switch place {
        case .overview(let id): SiteURL.Engagements.engagement(id).path
        case .agreement(let id, let agreement): SiteURL.Engagements.engagement(id, .agreement(.value(agreement))).path
        case .milestone(let id, let milestone): SiteURL.Engagements.engagement(id, .milestone(.value(milestone))).path
        case .checkIns(let id): SiteURL.Engagements.engagement(id, .checkIns).path
        case .messages(let id): SiteURL.Engagements.engagement(id, .messages).path
        case .review(let id): SiteURL.Reviews.review(.value(id)).path
        case .dispute(let id): SiteURL.Disputes.dispute(.value(id)).path
        case .evaluation(let id): SiteURL.Evaluations.evaluation(.value(id)).path
        }
    }
}
