import Foundation

/// Why a change to an organization's membership is refused.
public enum MembershipError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAllowed
    case roleNotOffered(MemberRole, OrganizationKind)
    case onlyOwnersManageOwners
    case lastOwner

    public var description: String {
        switch self {
        case .notAllowed: "You cannot change this organization's members."
        case .roleNotOffered(let role, let kind): "\(role.label) is not a role in \(kind == .employer ? "an employer" : "a partner") organization."
        case .onlyOwnersManageOwners: "Only an owner can grant, change or remove the owner role."
        case .lastOwner: "An organization needs at least one owner: make someone else an owner first."
        }
    }
}

extension MembershipError {
    /// A role the organization does not offer is bad input on the role field, not a refusal.
    public var asInputError: any Error {
        if case .roleNotOffered = self { return ValidationFailure([FieldError("role", description)]) }
        return self
    }
}

/// The rules for changing who belongs to an organization and in which role.
public struct MembershipRules: Sendable {
    public let kind: OrganizationKind
    /// The number of owners the organization has now.
    public let ownerCount: Int

    public init(kind: OrganizationKind, ownerCount: Int) {
        self.kind = kind
        self.ownerCount = ownerCount
    }

    /// Checks that `actorRole` may move a member from `current` to `new`.
    public func checkRoleChange(by actorRole: MemberRole?, from current: MemberRole, to new: MemberRole) throws(MembershipError) {
        guard actorRole?.managesOrganization == true else { throw .notAllowed }
        guard MemberRole.roles(for: kind).contains(new) else { throw .roleNotOffered(new, kind) }
        if (current == .owner || new == .owner) && actorRole != .owner { throw .onlyOwnersManageOwners }
        if current == .owner && new != .owner && ownerCount <= 1 { throw .lastOwner }
    }

    /// Checks that a member in `memberRole` may be removed, by a manager or by themself (`isSelf`).
    public func checkRemoval(by actorRole: MemberRole?, of memberRole: MemberRole, isSelf: Bool) throws(MembershipError) {
        if !isSelf {
            guard actorRole?.managesOrganization == true else { throw .notAllowed }
            if memberRole == .owner && actorRole != .owner { throw .onlyOwnersManageOwners }
        }
        if memberRole == .owner && ownerCount <= 1 { throw .lastOwner }
    }

    /// Checks that `actorRole` may invite someone into `role`.
    public func checkInvitation(by actorRole: MemberRole?, role: MemberRole) throws(MembershipError) {
        guard actorRole?.managesOrganization == true else { throw .notAllowed }
        guard MemberRole.roles(for: kind).contains(role) else { throw .roleNotOffered(role, kind) }
        if role == .owner && actorRole != .owner { throw .onlyOwnersManageOwners }
    }
}

/// How long the links Tryout e-mails stay usable.
public enum LinkLifetime {
    public static let invitation: TimeInterval = 7 * 24 * 3600
    public static let passwordReset: TimeInterval = 3600
    public static let emailVerification: TimeInterval = 24 * 3600
}
