/// Why an action refused, in terms the web layer maps to a status in one table
/// (`RefusalStatus.swift`); the reason is worded for the person who asked.
public enum ActionError: Error, Equatable, Sendable {
    /// The thing does not exist, or the person may not know that it does.
    case notFound
    /// The person is known to be involved but may not do this.
    case forbidden(String)
    /// The state things are in does not allow it (see `StateRefusal`).
    case conflict(String)
    /// More than the limits allow.
    case tooLarge(String)
    /// Something outside the request failed (storage); nothing was changed.
    case unavailable(String)
}
