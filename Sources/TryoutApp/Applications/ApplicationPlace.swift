import TryoutCore

/// A page application notices point to; the web layer, which knows its routes, turns it into a
/// path (`MailLinks.path`). Notifications keep the path; e-mails put `MailLinks.base` before it.
public enum ApplicationPlace: Sendable, Equatable {
    /// The candidate's page of one application.
    case application(ApplicationID)
    /// A project's brief.
    case project(ProjectID)
    /// A project's applicants, as the employer screens them.
    case applicants(ProjectID)
}
