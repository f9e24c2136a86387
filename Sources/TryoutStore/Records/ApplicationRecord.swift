import FluentKit
import Foundation
import TryoutCore

/// A candidate's application to a project, with the answers as sent.
public final class ApplicationRecord: Model, @unchecked Sendable {
    public static let schema = "applications"
    public var properties: [any AnyProperty] {
        [
            $id, $project, $candidate, $state, $briefVersion, $answersJSON, $coverNote, $portfolioLines, $message,
            $createdAt, $stateChangedAt, $shortlistedAt, $offeredAt, $offerExpiresAt, $revealedAt
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "project_id") public var project: ProjectRecord
    @Parent(key: "user_id") public var candidate: UserRecord
    @Enum(key: "state") public var state: ApplicationState
    /// The brief version the candidate applied to: the deliverables and rubric they saw.
    @Field(key: "brief_version") public var briefVersion: Int
    /// Answers to the screening questions, as a JSON array in question order.
    @Field(key: "answers") public var answersJSON: String
    @Field(key: "cover_note") public var coverNote: String
    /// Links to earlier work, one a line.
    @Field(key: "portfolio") public var portfolioLines: String
    /// The employer's last message to the candidate (with a rejection, an offer, a shortlist).
    @Field(key: "message") public var message: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "state_changed_at") public var stateChangedAt: Date
    @OptionalField(key: "shortlisted_at") public var shortlistedAt: Date?
    @OptionalField(key: "offered_at") public var offeredAt: Date?
    @OptionalField(key: "offer_expires_at") public var offerExpiresAt: Date?
    /// When employer users were first shown who the candidate is, on a blind project.
    @OptionalField(key: "revealed_at") public var revealedAt: Date?

    public init() {}

    public init(projectID: UUID, userID: UUID, briefVersion: Int, input: ApplicationInput, at now: Date) {
        self.$project.id = projectID
        self.$candidate.id = userID
        state = .submitted
        self.briefVersion = briefVersion
        answersJSON = (try? String(decoding: JSONEncoder().encode(input.answers), as: UTF8.self)) ?? "[]"
        coverNote = input.coverNote
        portfolioLines = input.portfolio.joined(separator: "\n")
        message = ""
        createdAt = now
        stateChangedAt = now
    }

    public var answers: [String] { Self.answers(answersJSON) }

    public var portfolio: [String] { Self.portfolio(portfolioLines) }

    /// The answers stored as `json`; none when it does not read.
    static func answers(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }

    /// The links stored as `lines`.
    static func portfolio(_ lines: String) -> [String] {
        lines.split(separator: "\n").map(String.init)
    }

    public var handle: String {
        id.map(BlindScreening.handle) ?? "Applicant"
    }

    public func offerExpired(at now: Date) -> Bool {
        offerExpiresAt.map { $0 <= now } ?? false
    }
}

/// One line in a person's notifications page: what changed, and where to look.
public final class NotificationRecord: Model, @unchecked Sendable {
    public static let schema = "notifications"
    public var properties: [any AnyProperty] { [$id, $user, $message, $link, $createdAt, $readAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserRecord
    @Field(key: "message") public var message: String
    @Field(key: "link") public var link: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "read_at") public var readAt: Date?

    public init() {}

    public init(userID: UUID, message: String, link: String, at now: Date) {
        self.$user.id = userID
        self.message = message
        self.link = link
        createdAt = now
    }
}
