/// Where a job is in its life. `failed` jobs wait for their next attempt; `dead` ones have used
/// every attempt (or failed in a way retrying cannot fix) and wait for an administrator.
public enum JobState: String, Codable, Sendable, CaseIterable {
    case queued
    case running
    case done
    case failed
    case dead

    public var label: String {
        switch self {
        case .queued: "Queued"
        case .running: "Running"
        case .done: "Done"
        case .failed: "Failed, will retry"
        case .dead: "Dead"
        }
    }
}
