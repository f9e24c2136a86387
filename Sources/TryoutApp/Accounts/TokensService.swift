import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Personal API tokens: the secret is returned once, only its hash is kept.
public enum TokensService {
    /// A new token for `user`, whose address must be proved: a token outlives a session.
    public static func create(for user: UserRecord, name rawName: String?, _ ctx: ActionContext) async throws -> (APITokenRecord, String) {
        var v = Validator()
        let name = v.required(rawName, "name", label: "Token name", maxLength: 80)
        try v.finish()
        try AccountsService.requireConfirmed(user)
        return try await ctx.act(locking: .none) { ctx in
            let created = try await Accounts.createToken(userID: try user.requireID(), name: name, at: ctx.now, on: ctx.db)
            try await ctx.audit(.tokenCreated, by: user, detail: "\(name) (\(created.0.prefix)…)")
            return created
        }
    }

    /// Revokes one of the user's own live tokens; another's, or one already revoked, is not found.
    @discardableResult
    public static func revoke(_ id: APITokenID, of user: UserRecord, _ ctx: ActionContext) async throws -> APITokenRecord {
        try await ctx.act(locking: .none) { ctx in
            guard let token = try await Accounts.revokeToken(id: id.uuid, userID: try user.requireID(), at: ctx.now, on: ctx.db) else {
                throw ActionError.notFound
            }
            try await ctx.audit(.tokenRevoked, by: user, detail: "\(token.name) (\(token.prefix)…)")
            return token
        }
    }

    /// The person's live tokens, newest first as the store lists them.
    public static func list(of user: UserRecord, _ ctx: ActionContext) async throws -> [APITokenRecord] {
        try await Accounts.tokens(userID: try user.requireID(), on: ctx.db)
    }
}
