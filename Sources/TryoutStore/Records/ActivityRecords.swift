import FluentKit
import Foundation
import TryoutCore

/// A booked check-in, and afterwards what was said and who came.
public final class CheckInRecord: Model, @unchecked Sendable {
    public static let schema = "check_ins"
    public var properties: [any AnyProperty] {
        [
            $id, $engagement, $startsAt, $minutes, $agenda, $notes, $candidateAttended, $createdBy, $createdAt
        ]
    }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "minutes") public var minutes: Int
    @Field(key: "agenda") public var agenda: String
    @Field(key: "notes") public var notes: String
    @OptionalField(key: "candidate_attended") public var candidateAttended: Bool?
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A message in an engagement's thread.
public final class MessageRecord: Model, @unchecked Sendable {
    public static let schema = "engagement_messages"
    public var properties: [any AnyProperty] { [$id, $engagement, $author, $body, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @Parent(key: "author_id") public var author: UserRecord
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// When a person last read an engagement's thread, for their unread count.
public final class MessageReadRecord: Model, @unchecked Sendable {
    public static let schema = "message_reads"
    public var properties: [any AnyProperty] { [$id, $engagement, $user, $readAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @Parent(key: "user_id") public var user: UserRecord
    @Field(key: "read_at") public var readAt: Date

    public init() {}
}

/// Hours the candidate logged on a day.
public final class TimeEntryRecord: Model, @unchecked Sendable {
    public static let schema = "time_entries"
    public var properties: [any AnyProperty] { [$id, $engagement, $milestone, $day, $minutes, $note, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "engagement_id") public var engagement: EngagementRecord
    @OptionalParent(key: "milestone_id") public var milestone: MilestoneRecord?
    @Field(key: "day") public var day: Date
    @Field(key: "minutes") public var minutes: Int
    @Field(key: "note") public var note: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A person's private calendar address; only the token's hash is kept.
public final class CalendarFeedRecord: Model, @unchecked Sendable {
    public static let schema = "calendar_feeds"
    public var properties: [any AnyProperty] { [$id, $user, $tokenHash, $createdAt] }

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserRecord
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
