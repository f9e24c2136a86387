import Foundation

/// Who may read a project's page: its own organization always; others only once it is
/// published (or closed or completed), and then as its visibility says: partner-only projects
/// show to the partners' members and students.
public enum ProjectAccess {
    /// Whether `canView` looks at the project's partners and invitations for a project of this
    /// visibility: a public project's page need not read them.
    public static func needsAudience(_ visibility: ProjectVisibility) -> Bool {
        visibility != .public
    }

    public static func canView(state: ProjectState, visibility: ProjectVisibility, organizationID: UUID,
                               partnerIDs: [UUID], invitedEmails: [String],
                               viewer: Principal?) -> Bool {
        if Policy.allows(viewer, .viewOrganization(organizationID)) { return true }
        guard [.published, .closed, .completed].contains(state) else { return false }
        switch visibility {
        case .public:
            return true
        case .partners:
            return partnerIDs.contains { viewer?.audiences.contains($0) == true }
        case .inviteOnly:
            // Only a proved address: anyone can sign up with an invited one.
            return viewer?.verifiedEmail.map(invitedEmails.contains) ?? false
        }
    }
}
