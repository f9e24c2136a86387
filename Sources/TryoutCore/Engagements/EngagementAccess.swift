import Foundation

/// Who may see an engagement, and in which role: its candidate, the employer's owners, admins and
/// hiring managers, and the members assigned to its team. Everyone else gets a 404.
public enum EngagementAccess {
    public static func role(of principal: Principal?, organizationID: UUID, candidateID: UUID, team: Set<UUID>) -> EngagementRole? {
        guard let principal else { return nil }
        if principal.userID == candidateID { return .candidate }
        if Policy.allows(principal, .authorProjects(organizationID)) { return .manager }
        // A mentor who has left the organization loses the engagement with it.
        if team.contains(principal.userID) && principal.role(in: organizationID) != nil { return .mentor }
        return nil
    }

    /// Who hears of a move in an engagement, in this order and once each: the candidate, and the
    /// employer's side, which is its team, or while nobody is assigned, every member who would
    /// run it as a manager. Never `actor`, the person who moved.
    public static func audience(candidateID: UUID, organizationID: UUID, team: [UUID], members: [(userID: UUID, role: MemberRole)],
                                except actor: UUID?) -> [UUID] {
        let employer = team.isEmpty ? members.filter { member in
            let principal = Principal(userID: member.userID, memberships: [organizationID: member.role])
            return role(of: principal, organizationID: organizationID, candidateID: candidateID, team: []) == .manager
        }.map(\.userID) : team
        var seen = Set<UUID>()
        return ([candidateID] + employer).filter { $0 != actor && seen.insert($0).inserted }
    }

    /// The things only one kind of person does in an engagement.
    public enum Duty: Sendable, Equatable {
        case sign(EngagementSide)
        case tick(EngagementSide)
        case submitWork
        case giveFeedback
        case writeUpCheckIn
        case manageTeam
        case terminate
        /// Read the candidate's accommodations note: the people who run the engagement, and the
        /// candidate. Members who only screen applicants never do.
        case readAccommodations
        /// Open, answer, withdraw and read the engagement's disputes: the two sides, not mentors.
        case dispute
    }

    public static func may(_ role: EngagementRole, _ duty: Duty) -> Bool {
        switch duty {
        case .sign(let side): side == .candidate ? role == .candidate : role == .manager
        case .tick(let side): role.side == side
        case .writeUpCheckIn: role.side == .employer
        case .submitWork: role == .candidate
        case .giveFeedback, .manageTeam: role == .manager
        case .terminate, .dispute: role == .candidate || role == .manager
        case .readAccommodations: true
        }
    }
}
