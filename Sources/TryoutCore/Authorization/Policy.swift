import Foundation

/// Everything a person may try that depends on who they are.
public enum Action: Sendable, Equatable {
    /// See an organization's private pages: members, invitations.
    case viewOrganization(UUID)
    /// Invite people, change roles, remove members.
    case manageMembers(UUID)
    /// Change the organization's public profile and its pay floor.
    case manageSettings(UUID)
    /// Invite and remove a partner organization's students.
    case manageStudents(UUID)
    /// Read the organization's audit log.
    case readAuditLog(UUID)
    /// Write, publish and run projects for the organization, and decide on their applicants.
    case authorProjects(UUID)
    /// Read the organization's applicants (blind until revealed) and their match.
    case viewApplicants(UUID)
    /// Read the organization's fairness reports.
    case readFairnessReport(UUID)
    /// Read how well the organization's reviewers agree, with every rating behind it.
    case readCalibration(UUID)
    /// Read the organization's balance, escrow and statements, and add funds.
    case manageBilling(UUID)
    /// List, verify and suspend any organization; read the platform audit log.
    case moderatePlatform
    /// Record funds received, grant credit, and batch and approve payouts.
    case managePayments
    /// Read every open dispute and decide it.
    case decideDisputes
    /// Revoke a credential the organization issued: its owner, or a platform admin.
    case revokeCredential(UUID)
    /// Endorse a candidate's credential from the organization's work: those who run projects.
    case endorse(UUID)
}

/// The one place that decides who may do what to which object. The web layer asks it on
/// every route and answers 404 when it says no, so another organization's data never shows.
public enum Policy {
    public static func allows(_ principal: Principal?, _ action: Action) -> Bool {
        guard let principal else { return false }
        switch action {
        case .moderatePlatform, .decideDisputes, .managePayments:
            return principal.isPlatformAdmin
        case .viewOrganization(let org):
            return principal.isPlatformAdmin || principal.role(in: org) != nil
        case .manageMembers(let org), .manageSettings(let org):
            return principal.role(in: org)?.managesOrganization == true
        case .manageStudents(let org):
            return [.owner, .admin, .staff].contains { principal.role(in: org) == $0 }
        case .readAuditLog(let org), .revokeCredential(let org):
            return principal.isPlatformAdmin || principal.role(in: org) == .owner
        case .viewApplicants(let org):
            return [.owner, .admin, .hiringManager, .reviewer].contains { principal.role(in: org) == $0 }
        case .readFairnessReport(let org), .readCalibration(let org), .manageBilling(let org):
            return principal.role(in: org)?.managesOrganization == true
        case .authorProjects(let org), .endorse(let org):
            guard let role = principal.role(in: org) else { return false }
            return role == .owner || role == .admin || role == .hiringManager
        }
    }
}
