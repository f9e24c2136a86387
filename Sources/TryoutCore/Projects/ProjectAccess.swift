import Foundation

/// Who may read a project's page: its own organization always; others only once it is
/// published (or closed or completed), and then as its visibility says.
public enum ProjectAccess {
    public static func canView(state: ProjectState, visibility: ProjectVisibility, organizationID: UUID,
                               partnerIDs: [UUID], invitedEmails: [String],
                               viewer: Principal?, viewerEmail: String?) -> Bool {
        if Policy.allows(viewer, .viewOrganization(organizationID)) { return true }
        guard [.published, .closed, .completed].contains(state) else { return false }
        switch visibility {
        case .public:
            return true
        case .partners:
            return partnerIDs.contains { viewer?.role(in: $0) != nil }
        case .inviteOnly:
            return viewerEmail.map(invitedEmails.contains) ?? false
        }
    }
}
