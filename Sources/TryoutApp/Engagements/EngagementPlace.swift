import TryoutCore

/// A place in an engagement that notifications and e-mails point to; the web layer, which knows
/// its routes, turns it into a path (`MailLinks.path`).
public enum EngagementPlace: Sendable, Equatable {
    case overview(EngagementID)
    case agreement(EngagementID, AgreementID)
    case milestone(EngagementID, MilestoneID)
    case checkIns(EngagementID)
    case messages(EngagementID)
    /// Where a reviewer scores a version, apart from the engagement's own pages.
    case review(SubmissionID)
    /// A dispute, which both sides and the platform's admins open.
    case dispute(DisputeID)
    /// The final evaluation and the exit survey.
    case evaluation(EngagementID)
}
