import Foundation
import TryoutCore

extension SiteURL {
    /// An organization's webhooks, for its owners and admins: the list with the form that adds
    /// one, an endpoint's delivery log, removing it (asked first) and sending a message again;
    /// the same over the API.
    enum Webhooks: RoutePath {
        case list(Parameter<String>)
        case endpoint(Parameter<String>, Parameter<WebhookEndpointID>)
        case delete(Parameter<String>, Parameter<WebhookEndpointID>)
        case redeliver(Parameter<String>, Parameter<WebhookEndpointID>, Parameter<WebhookDeliveryID>)
        case api(API)

        enum API: Sendable {
            case endpoints(Parameter<String>)
            case endpoint(Parameter<String>, Parameter<WebhookEndpointID>)
        }

        var segments: [PathSegment] {
            switch self {
            case .list(let slug): Self.list(slug)
            case .endpoint(let slug, let id): Self.list(slug) + [.parameter("webhookID", id)]
            case .delete(let slug, let id): Self.list(slug) + [.parameter("webhookID", id), .constant("delete")]
            case .redeliver(let slug, let id, let delivery):
                Self.list(slug) + [.parameter("webhookID", id), .constant("deliveries"), .parameter("deliveryID", delivery), .constant("redeliver")]
            case .api(.endpoints(let slug)): SiteURL.apiPrefix + [.constant("organizations"), .parameter("slug", slug), .constant("webhooks")]
            case .api(.endpoint(let slug, let id)):
                SiteURL.apiPrefix + [.constant("organizations"), .parameter("slug", slug), .constant("webhooks"), .parameter("webhookID", id)]
            }
        }

        private static func list(_ slug: Parameter<String>) -> [PathSegment] {
            [.constant("orgs"), .parameter("slug", slug), .constant("webhooks")]
        }

        static var templates: [Self] {
            [.list(.key), .endpoint(.key, .key), .delete(.key, .key), .redeliver(.key, .key, .key),
             .api(.endpoints(.key)), .api(.endpoint(.key, .key))]
        }
    }
}
