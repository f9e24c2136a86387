/// Employers post projects; partners (universities, bootcamps) share them with their students.
public enum OrganizationKind: String, Codable, Sendable, CaseIterable {
    case employer
    case partner
}

/// A member's role inside one organization.
public enum MemberRole: String, Codable, Sendable, CaseIterable, Comparable {
    case owner
    case admin
    case hiringManager = "hiring_manager"
    case reviewer
    case staff

    /// Roles an organization of `kind` can hand out.
    public static func roles(for kind: OrganizationKind) -> [MemberRole] {
        switch kind {
        case .employer: [.owner, .admin, .hiringManager, .reviewer]
        case .partner: [.owner, .admin, .staff]
        }
    }

    public var label: String {
        switch self {
        case .owner: "Owner"
        case .admin: "Admin"
        case .hiringManager: "Hiring manager"
        case .reviewer: "Reviewer"
        case .staff: "Staff"
        }
    }

    /// Owners and admins run the organization itself: members, settings, audit log.
    public var managesOrganization: Bool { self == .owner || self == .admin }

    private var rank: Int {
        switch self {
        case .owner: 0
        case .admin: 1
        case .hiringManager: 2
        case .reviewer, .staff: 3
        }
    }

    public static func < (lhs: MemberRole, rhs: MemberRole) -> Bool { lhs.rank < rhs.rank }
}

/// Whether a platform administrator has vouched for the organization or stopped it.
public enum OrganizationStatus: String, Codable, Sendable, CaseIterable {
    case unverified
    case verified
    case suspended
}
