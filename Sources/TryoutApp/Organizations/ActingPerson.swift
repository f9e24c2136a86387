import FluentKit
import TryoutCore
import TryoutStore

extension ActionContext {
    /// The signed-in person; an action that needs one and has none finds nothing, as the policy
    /// answers anonymous people.
    func actingPrincipal() throws -> Principal {
        guard let principal else { throw ActionError.notFound }
        return principal
    }

    /// The signed-in person's account, for audit entries and e-mails in their name.
    func actingUser() async throws -> UserRecord {
        let id = try actingPrincipal().userID
        if let user, user.id == id { return user }
        guard let user = try await UserRecord.find(id, on: db) else { throw ActionError.notFound }
        return user
    }

    /// Refuses, as not found, what the policy does not allow the acting person.
    func authorize(_ action: Action) throws {
        guard Policy.allows(principal, action) else { throw ActionError.notFound }
    }
}
