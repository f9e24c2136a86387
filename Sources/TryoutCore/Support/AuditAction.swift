/// What the audit log records. Raw values are stored, so they never change.
public enum AuditAction: String, Codable, Sendable, CaseIterable {
    case signedUp = "account.signed_up"
    case signedIn = "session.signed_in"
    case signInFailed = "session.sign_in_failed"
    case signedOut = "session.signed_out"
    case passwordChanged = "account.password_changed"
    case passwordReset = "account.password_reset"
    case tokenCreated = "token.created"
    case tokenRevoked = "token.revoked"
    case organizationCreated = "organization.created"
    case memberInvited = "member.invited"
    case invitationRevoked = "member.invitation_revoked"
    case memberJoined = "member.joined"
    case roleChanged = "member.role_changed"
    case memberRemoved = "member.removed"
    case organizationVerified = "organization.verified"
    case organizationSuspended = "organization.suspended"
    case organizationReinstated = "organization.reinstated"
    case settingsChanged = "organization.settings_changed"

    public var label: String {
        switch self {
        case .signedUp: "Signed up"
        case .signedIn: "Signed in"
        case .signInFailed: "Failed sign-in"
        case .signedOut: "Signed out"
        case .passwordChanged: "Changed password"
        case .passwordReset: "Reset password"
        case .tokenCreated: "Created API token"
        case .tokenRevoked: "Revoked API token"
        case .organizationCreated: "Created organization"
        case .memberInvited: "Invited member"
        case .invitationRevoked: "Revoked invitation"
        case .memberJoined: "Joined"
        case .roleChanged: "Changed role"
        case .memberRemoved: "Removed member"
        case .organizationVerified: "Verified organization"
        case .organizationSuspended: "Suspended organization"
        case .organizationReinstated: "Reinstated organization"
        case .settingsChanged: "Changed organization settings"
        }
    }
}
