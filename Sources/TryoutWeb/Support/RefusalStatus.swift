import TryoutApp
import TryoutCore
import Vapor

/// How the application layer's refusals answer over HTTP, in one place: a handler that does not
/// word a refusal itself lets it through, and the error middleware renders this.
extension AccountRefusal: AbortError {
    public var status: HTTPResponseStatus {
        switch self {
        case .tooMany: .tooManyRequests
        case .wrongCredentials: .unauthorized
        case .linkUnusable: .notFound
        case .weakPassword: .unprocessableEntity
        case .unconfirmedAddress: .forbidden
        }
    }

    public var reason: String {
        switch self {
        case .tooMany(let wait): "Too many requests. Try again in \(max(1, (wait + 59) / 60)) minutes."
        case .wrongCredentials: "The e-mail address or password is not right."
        case .linkUnusable: "This link has expired or was already used. Ask for a new one."
        case .weakPassword(let problem): problem
        case .unconfirmedAddress(let email):
            "Confirm your e-mail address first: open the link we sent to \(email), or ask for a new one under Settings."
        }
    }

    public var headers: HTTPHeaders {
        guard case .tooMany(let wait) = self else { return [:] }
        return ["Retry-After": String(wait)]
    }
}

extension ActionError: AbortError {
    public var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .conflict: .conflict
        case .tooLarge: .payloadTooLarge
        case .unavailable: .serviceUnavailable
        }
    }

    public var reason: String {
        switch self {
        case .notFound: "Not Found"
        case .forbidden(let reason), .conflict(let reason), .tooLarge(let reason), .unavailable(let reason): reason
        }
    }

    /// A refused upload closes the connection rather than read a body it will not use.
    public var headers: HTTPHeaders {
        guard case .tooLarge = self else { return [:] }
        return ["Connection": "close"]
    }
}

extension ProfileRefusal: AbortError {
    public var status: HTTPResponseStatus {
        switch self {
        case .notACandidate: .notFound
        }
    }

    public var reason: String {
        switch self {
        case .notACandidate: "Only candidates have a profile."
        }
    }
}

/// Core's membership refusals: a person outside the organization learns nothing (404).
extension MembershipError: AbortError {
    public var status: HTTPResponseStatus {
        switch self {
        case .notAllowed: .notFound
        case .roleNotOffered: .unprocessableEntity
        case .onlyOwnersManageOwners: .forbidden
        case .lastOwner: .conflict
        }
    }

    public var reason: String { description }
}

extension InvitationRefusal: AbortError {
    public var status: HTTPResponseStatus {
        switch self {
        case .unusable: .notFound
        case .sentToAnotherAddress: .forbidden
        }
    }

    public var reason: String {
        switch self {
        case .unusable(let reason): reason
        case .sentToAnotherAddress(let email): "This invitation was sent to \(email). Sign in with that address to accept it."
        }
    }
}

/// The API answers 409 naming whom the change would reveal; the page asks instead.
extension RevealNeedsConfirmation: AbortError {
    public var status: HTTPResponseStatus { .conflict }
}
