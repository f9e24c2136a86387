import Foundation
import TryoutCore

extension SiteURL {
    /// Credentials: the issuer's keys and status lists, each credential's public page and
    /// downloads, verifying any VC-JWT, revoking and endorsing, and candidates' portfolios.
    enum Credentials: RoutePath {
        case didDocument
        case jwks
        case statusList(Parameter<Int>)
        case mine
        case credential(Parameter<CredentialID>)
        case download(Parameter<CredentialID>, Download)
        case evidence(Parameter<CredentialID>, Parameter<Int>)
        case revoke(Parameter<CredentialID>)
        case endorse(Parameter<CredentialID>)
        case verify
        case portfolioSettings
        case portfolio(Parameter<String>)
        case portfolioJSON(Parameter<String>)
        case api(API)

        enum Download: String, Sendable, CaseIterable {
            case jwt = "credential.jwt"
            case json = "credential.json"
        }

        enum API: Sendable {
            case mine
            case credential(Parameter<CredentialID>)
            case verify
            case revoke(Parameter<CredentialID>)
            case portfolio
        }

        var segments: [PathSegment] {
            switch self {
            case .didDocument: [.constant(".well-known"), .constant("did.json")]
            case .jwks: [.constant(".well-known"), .constant("jwks.json")]
            case .statusList(let list): Self.root + [.constant("status"), .parameter("list", list)]
            case .mine: Self.root
            case .credential(let id): Self.root + [.parameter("credentialID", id)]
            case .download(let id, let file): Self.root + [.parameter("credentialID", id), .constant(file.rawValue)]
            case .evidence(let id, let position): Self.root + [.parameter("credentialID", id), .constant("evidence"), .parameter("position", position)]
            case .revoke(let id): Self.root + [.parameter("credentialID", id), .constant("revoke")]
            case .endorse(let id): Self.root + [.parameter("credentialID", id), .constant("endorse")]
            case .verify: [.constant("verify")]
            case .portfolioSettings: [.constant("portfolio")]
            case .portfolio(let slug): [.constant("u"), .parameter("slug", slug)]
            case .portfolioJSON(let slug): [.constant("u"), .parameter("slug", slug), .constant("portfolio.json")]
            case .api(.mine): SiteURL.apiPrefix + [.constant("me"), .constant("credentials")]
            case .api(.credential(let id)): SiteURL.apiPrefix + Self.root + [.parameter("credentialID", id)]
            case .api(.verify): SiteURL.apiPrefix + Self.root + [.constant("verify")]
            case .api(.revoke(let id)): SiteURL.apiPrefix + Self.root + [.parameter("credentialID", id), .constant("revoke")]
            case .api(.portfolio): SiteURL.apiPrefix + [.constant("me"), .constant("portfolio")]
            }
        }

        private static let root: [PathSegment] = [.constant("credentials")]

        static var templates: [Self] {
            [.didDocument, .jwks, .statusList(.key), .mine, .credential(.key), .evidence(.key, .key), .revoke(.key), .endorse(.key), .verify,
             .portfolioSettings, .portfolio(.key), .portfolioJSON(.key),
             .api(.mine), .api(.credential(.key)), .api(.verify), .api(.revoke(.key)), .api(.portfolio)]
                + Download.allCases.map { .download(.key, $0) }
        }
    }
}
