import Foundation

/// The signed-in person a request acts for, with every organization role they hold.
public struct Principal: Sendable, Equatable {
    public let userID: UUID
    public let isPlatformAdmin: Bool
    public let memberships: [UUID: MemberRole]

    public init(userID: UUID, isPlatformAdmin: Bool = false, memberships: [UUID: MemberRole] = [:]) {
        self.userID = userID
        self.isPlatformAdmin = isPlatformAdmin
        self.memberships = memberships
    }

    public func role(in organizationID: UUID) -> MemberRole? {
        memberships[organizationID]
    }
}
