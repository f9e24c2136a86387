import Foundation
import TryoutCore

extension SiteURL {
    /// Scoring versions against the rubric: the versions a person is asked to score, one
    /// version's review page (GET shows it, POST hands in a scorecard) and its files, and a
    /// project's review settings for its authors.
    enum Reviews: RoutePath {
        case queue
        case review(Parameter<SubmissionID>)
        case file(Parameter<SubmissionID>, Parameter<SubmissionFileID>)
        case settings(Parameter<ProjectID>)

        var segments: [PathSegment] {
            switch self {
            case .queue: [.constant("reviews")]
            case .review(let id): Self.reviewSegments(id)
            case .file(let id, let file): Self.reviewSegments(id) + [.constant("files"), .parameter("fileID", file)]
            case .settings(let id): [.constant("projects"), .parameter("projectID", id), .constant("reviews")]
            }
        }

        private static func reviewSegments(_ id: Parameter<SubmissionID>) -> [PathSegment] {
            [.constant("reviews"), .parameter("submissionID", id)]
        }

        static var templates: [Self] {
            [.queue, .review(.key), .file(.key, .key), .settings(.key)]
        }
    }
}
