import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// API shapes, kept apart from database records and converted explicitly.
enum DTO {
    struct Membership: Content {
        var organizationID: UUID
        var organizationSlug: String
        var organizationName: String
        var role: MemberRole
    }

    struct Me: Content {
        var id: UUID
        var email: String
        var displayName: String
        var isPlatformAdmin: Bool
        var memberships: [Membership]
    }

    struct Token: Content {
        var id: UUID
        var name: String
        var prefix: String
        var createdAt: Date
        var lastUsedAt: Date?

        init(_ record: APITokenRecord) {
            id = record.id!
            name = record.name
            prefix = record.prefix
            createdAt = record.createdAt
            lastUsedAt = record.lastUsedAt
        }
    }

    struct CreatedToken: Content {
        var token: Token
        /// The secret itself, returned this once.
        var secret: String
    }

    /// A page of results; `nextCursor` is absent on the last page.
    struct Page<Item: Content>: Content {
        var items: [Item]
        var nextCursor: String?
    }

    struct NewToken: Content { var name: String }
}
