import Foundation
import TryoutCore

extension SiteURL {
    /// The marketplace, a project's page and its authoring forms, an employer's project list,
    /// and the projects API. (A project's applicants, screening and applying belong to the
    /// applications feature.)
    enum Projects: RoutePath {
        case marketplace
        case project(Parameter<ProjectID>, Authoring? = nil)
        /// One step of the brief editor; `.project(id, .edit)` leads to the first.
        case editStep(Parameter<ProjectID>, Parameter<BriefStep>)
        case organizationProjects(Parameter<String>)
        case newProject(Parameter<String>, template: String? = nil)
        case api(API)

        /// What an author does to a project, each at its own address under the project.
        enum Authoring: String, Sendable, CaseIterable {
            case edit, publish, close, cancel, duplicate, onboarding
        }

        /// The projects API: the marketplace and brief authoring for scripts.
        enum API: Sendable {
            case projects
            case project(Parameter<ProjectID>)
            case publish(Parameter<ProjectID>)
            case close(Parameter<ProjectID>)
            case organizationProjects(Parameter<String>)
        }

        var segments: [PathSegment] {
            switch self {
            case .marketplace: [.constant("projects")]
            case .project(let id, nil): Self.projectSegments(id)
            case .project(let id, let authoring?): Self.projectSegments(id) + [.constant(authoring.rawValue)]
            case .editStep(let id, let step): Self.projectSegments(id) + [.constant(Authoring.edit.rawValue), .parameter("step", step)]
            case .organizationProjects(let slug): Self.organizationSegments(slug)
            case .newProject(let slug, _): Self.organizationSegments(slug) + [.constant("new")]
            case .api(.projects): SiteURL.apiPrefix + [.constant("projects")]
            case .api(.project(let id)): SiteURL.apiPrefix + Self.projectSegments(id)
            case .api(.publish(let id)): SiteURL.apiPrefix + Self.projectSegments(id) + [.constant("publish")]
            case .api(.close(let id)): SiteURL.apiPrefix + Self.projectSegments(id) + [.constant("close")]
            case .api(.organizationProjects(let slug)): SiteURL.apiPrefix + [.constant("organizations"), .parameter("slug", slug), .constant("projects")]
            }
        }

        private static func projectSegments(_ id: Parameter<ProjectID>) -> [PathSegment] {
            [.constant("projects"), .parameter("projectID", id)]
        }

        private static func organizationSegments(_ slug: Parameter<String>) -> [PathSegment] {
            [.constant("orgs"), .parameter("slug", slug), .constant("projects")]
        }

        var query: [URLQueryItem] {
            guard case .newProject(_, let template?) = self else { return [] }
            return [URLQueryItem(name: "template", value: template)]
        }

        static var templates: [Self] {
            [.marketplace, .project(.key), .organizationProjects(.key), .newProject(.key)]
                + Authoring.allCases.map { .project(.key, $0) } + [.editStep(.key, .key)]
                + [.api(.projects), .api(.project(.key)), .api(.publish(.key)), .api(.close(.key)), .api(.organizationProjects(.key))]
        }
    }
}

extension SiteURL.Projects {
    /// A project's page or one of its authoring addresses, from a stored id.
    static func project(_ id: UUID, _ authoring: Authoring? = nil) -> Self {
        .project(.value(ProjectID(id)), authoring)
    }
}
