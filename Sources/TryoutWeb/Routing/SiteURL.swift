import Foundation
import TryoutCore

/// Every page, form and API address, by feature: routes are registered from these cases and
/// every link and redirect is built from them, so no path is spelled twice. Each feature's
/// cases live in its folder (`Engagements/EngagementsRoutes.swift` and so on).
enum SiteURL: RoutePath {
    case site(Site)
    case service(Service)
    case accounts(Accounts)
    case organizations(Organizations)
    case students(Students)
    case admin(Admin)
    case profiles(Profiles)
    case skills(Skills)
    case projects(Projects)
    case applications(Applications)
    case engagements(Engagements)
    case webhooks(Webhooks)
    case notifications(Notifications)
    case reviews(Reviews)
    case reviewsAPI(ReviewsAPI)
    case calibrations(Calibrations)
    case disputes(Disputes)
    case disputesAPI(DisputesAPI)
    case evaluations(Evaluations)
    case billing(Billing)
    case payouts(Payouts)
    case credentials(Credentials)

    private var route: any RoutePath {
        switch self {
        case .site(let route): route
        case .service(let route): route
        case .accounts(let route): route
        case .organizations(let route): route
        case .students(let route): route
        case .admin(let route): route
        case .profiles(let route): route
        case .skills(let route): route
        case .projects(let route): route
        case .applications(let route): route
        case .engagements(let route): route
        case .webhooks(let route): route
        case .notifications(let route): route
        case .reviews(let route): route
        case .reviewsAPI(let route): route
        case .calibrations(let route): route
        case .disputes(let route): route
        case .disputesAPI(let route): route
        case .evaluations(let route): route
        case .billing(let route): route
        case .payouts(let route): route
        case .credentials(let route): route
        }
    }

    var segments: [PathSegment] { route.segments }

    var query: [URLQueryItem] { route.query }

    var path: String { route.path }

    static var templates: [SiteURL] {
        Site.templates.map(site) + Service.templates.map(service) + Accounts.templates.map(accounts)
            + Organizations.templates.map(organizations) + Students.templates.map(students) + Admin.templates.map(admin)
            + Profiles.templates.map(profiles) + Skills.templates.map(skills) + Projects.templates.map(projects)
            + Applications.templates.map(applications) + Engagements.templates.map(engagements)
            + Webhooks.templates.map(webhooks)
            + Notifications.templates.map(notifications)
            + Reviews.templates.map(reviews)
            + ReviewsAPI.templates.map(reviewsAPI)
            + Calibrations.templates.map(calibrations)
            + Disputes.templates.map(disputes)
            + DisputesAPI.templates.map(disputesAPI)
            + Evaluations.templates.map(evaluations)
            + Billing.templates.map(billing)
            + Payouts.templates.map(payouts)
            + Credentials.templates.map(credentials)
    }

    /// The absolute address for e-mails.
    func absolute(base: String) -> String { base + path }
}
