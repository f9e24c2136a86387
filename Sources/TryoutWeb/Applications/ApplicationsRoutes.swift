import Foundation
import TryoutApp
import TryoutCore

extension SiteURL {
    /// Applying and answering (the candidate's side), a project's applicants, screening, people
    /// to invite and fairness reports (the employer's side), notifications, and their API.
    enum Applications: RoutePath {
        case mine
        case application(Parameter<ApplicationID>, CandidateAnswer? = nil)
        case notifications
        case markNotificationsRead
        case notification(Parameter<NotificationID>)
        case project(Parameter<ProjectID>, ProjectPart)
        case organizationFairness(Parameter<String>)
        case api(API)

        /// The addresses under a project that belong to applying and screening.
        enum ProjectPart: Sendable {
            case apply
            case applicants
            case decide
            case applicant(Parameter<ApplicationID>)
            case screening
            case candidates
            case invite(Parameter<CandidateProfileID>)
            case fairness
        }

        /// The applications API: candidates apply and answer, employer users screen.
        enum API: Sendable {
            case apply(Parameter<ProjectID>)
            case mine
            case application(Parameter<ApplicationID>, CandidateAnswer? = nil)
            case recommendations
            case notifications
            case applicants(Parameter<ProjectID>)
            case applicant(Parameter<ProjectID>, Parameter<ApplicationID>)
            case decisions(Parameter<ProjectID>)
            case screening(Parameter<ProjectID>)
            case fairness(Parameter<ProjectID>)
            case organizationFairness(Parameter<String>)
        }

        var segments: [PathSegment] {
            switch self {
            case .mine: [.constant("applications")]
            case .application(let id, let answer): Self.application(id, answer)
            case .notifications: [.constant("notifications")]
            case .markNotificationsRead: [.constant("notifications"), .constant("read")]
            case .notification(let id): [.constant("notifications"), .parameter("notificationID", id)]
            case .project(let id, let part): Self.projectSegments(id) + part.segments
            case .organizationFairness(let slug): [.constant("orgs"), .parameter("slug", slug), .constant("fairness")]
            case .api(let route): SiteURL.apiPrefix + route.segments
            }
        }

        private static func application(_ id: Parameter<ApplicationID>, _ answer: CandidateAnswer?) -> [PathSegment] {
            [.constant("applications"), .parameter("applicationID", id)] + (answer.map { [.constant($0.rawValue)] } ?? [])
        }

        fileprivate static func projectSegments(_ id: Parameter<ProjectID>) -> [PathSegment] {
            [.constant("projects"), .parameter("projectID", id)]
        }

        static var templates: [Self] {
            let answers: [CandidateAnswer?] = [nil] + CandidateAnswer.allCases
            return [.mine, .notifications, .markNotificationsRead, .notification(.key), .organizationFairness(.key)]
                + answers.map { .application(.key, $0) }
                + ProjectPart.templates.map { .project(.key, $0) }
                + API.templates.map { .api($0) }
        }
    }
}

extension SiteURL.Applications.ProjectPart {
    var segments: [PathSegment] {
        switch self {
        case .apply: [.constant("apply")]
        case .applicants: [.constant("applicants")]
        case .decide: [.constant("applicants"), .constant("decide")]
        case .applicant(let id): [.constant("applicants"), .parameter("applicationID", id)]
        case .screening: [.constant("screening")]
        case .candidates: [.constant("candidates")]
        case .invite(let id): [.constant("candidates"), .parameter("profileID", id), .constant("invite")]
        case .fairness: [.constant("fairness")]
        }
    }

    static var templates: [Self] { [.apply, .applicants, .decide, .applicant(.key), .screening, .candidates, .invite(.key), .fairness] }
}

extension SiteURL.Applications.API {
    /// After `/api/v1`.
    var segments: [PathSegment] {
        let project = SiteURL.Applications.projectSegments
        let mine: [PathSegment] = [.constant("me"), .constant("applications")]
        return switch self {
        case .apply(let id): project(id) + [.constant("applications")]
        case .mine: mine
        case .application(let id, let answer): mine + [.parameter("applicationID", id)] + (answer.map { [.constant($0.rawValue)] } ?? [])
        case .recommendations: [.constant("me"), .constant("recommendations")]
        case .notifications: [.constant("me"), .constant("notifications")]
        case .applicants(let id): project(id) + [.constant("applicants")]
        case .applicant(let id, let application): project(id) + [.constant("applicants"), .parameter("applicationID", application)]
        case .decisions(let id): project(id) + [.constant("decisions")]
        case .screening(let id): project(id) + [.constant("screening")]
        case .fairness(let id): project(id) + [.constant("fairness")]
        case .organizationFairness(let slug): [.constant("organizations"), .parameter("slug", slug), .constant("fairness")]
        }
    }

    static var templates: [Self] {
        let answers: [CandidateAnswer?] = [nil] + CandidateAnswer.allCases
        return [.apply(.key), .mine, .recommendations, .notifications, .applicants(.key), .applicant(.key, .key), .decisions(.key),
                .screening(.key), .fairness(.key), .organizationFairness(.key)]
            + answers.map { .application(.key, $0) }
    }
}

extension SiteURL.Applications {
    /// The candidate's page of an application, from a stored id.
    static func application(_ id: UUID) -> Self { .application(.value(ApplicationID(id))) }

    /// An address under a project, from a stored id.
    static func project(_ id: UUID, _ part: ProjectPart) -> Self { .project(.value(ProjectID(id)), part) }
}

extension SiteMailLinks {
    func path(_ place: ApplicationPlace) -> String {
        switch place {
        case .application(let id): SiteURL.applications(.application(.value(id))).path
        case .project(let id): SiteURL.projects(.project(.value(id))).path
        case .applicants(let id): SiteURL.applications(.project(.value(id), .applicants)).path
        }
    }
}
