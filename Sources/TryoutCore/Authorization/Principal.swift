import Foundation

/// The signed-in person a request acts for, with every organization role they hold.
public struct Principal: Sendable, Equatable {
    public let userID: UUID
    public let isPlatformAdmin: Bool
    public let memberships: [UUID: MemberRole]
    /// Partner organizations the person studies with: they see the projects shared with them.
    public let schools: Set<UUID>
    /// The person's e-mail address once they have proved it is theirs; nil until then. What is
    /// shared by address (invite-only projects) opens only to a proved address.
    public let verifiedEmail: String?

    public init(userID: UUID, isPlatformAdmin: Bool = false, memberships: [UUID: MemberRole] = [:], schools: Set<UUID> = [],
                verifiedEmail: String? = nil) {
        self.userID = userID
        self.isPlatformAdmin = isPlatformAdmin
        self.memberships = memberships
        self.schools = schools
        self.verifiedEmail = verifiedEmail
    }

    /// Organizations whose partner-only projects this person may see: as a member or as a student.
    public var audiences: Set<UUID> {
        schools.union(memberships.keys)
    }

    public func role(in organizationID: UUID) -> MemberRole? {
        memberships[organizationID]
    }
}
