import Foundation

/// An entity's identifier, typed by the entity (named apart from Fluent's `@ID`), so that an engagement's id cannot be passed
/// where a milestone's belongs. It reads and prints as the lowercase UUID the site's addresses
/// and the API use, so route parameters and JSON decode it directly.
public struct TypedID<Entity>: Hashable, Sendable, Codable, LosslessStringConvertible {
    public let uuid: UUID

    public init(_ uuid: UUID) { self.uuid = uuid }

    public init?(_ description: String) {
        guard let uuid = UUID(uuidString: description) else { return nil }
        self.uuid = uuid
    }

    public var description: String { uuid.uuidString.lowercased() }

    public init(from decoder: any Decoder) throws {
        uuid = try decoder.singleValueContainer().decode(UUID.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The entities that have typed identifiers. Only names: the records live in the store.
public enum Entity {
    public enum User {}
    public enum Organization {}
    public enum Project {}
    public enum Application {}
    public enum Engagement {}
    public enum Agreement {}
    public enum Milestone {}
    public enum Submission {}
    public enum SubmissionFile {}
    public enum ChecklistItem {}
    public enum CheckIn {}
    public enum TimeEntry {}
    public enum Message {}
    public enum Invitation {}
    public enum Member {}
    public enum Student {}
    public enum StudentInvitation {}
    public enum CandidateProfile {}
    public enum APIToken {}
    public enum Notification {}
    public enum WebhookEndpoint {}
    public enum WebhookDelivery {}
    public enum Job {}
    public enum Dispute {}
    public enum Invoice {}
    public enum Payout {}
    public enum Credential {}
}

public typealias UserID = TypedID<Entity.User>
public typealias OrganizationID = TypedID<Entity.Organization>
public typealias ProjectID = TypedID<Entity.Project>
public typealias ApplicationID = TypedID<Entity.Application>
public typealias EngagementID = TypedID<Entity.Engagement>
public typealias AgreementID = TypedID<Entity.Agreement>
public typealias MilestoneID = TypedID<Entity.Milestone>
public typealias SubmissionID = TypedID<Entity.Submission>
public typealias SubmissionFileID = TypedID<Entity.SubmissionFile>
public typealias ChecklistItemID = TypedID<Entity.ChecklistItem>
public typealias CheckInID = TypedID<Entity.CheckIn>
public typealias TimeEntryID = TypedID<Entity.TimeEntry>
public typealias MessageID = TypedID<Entity.Message>
public typealias InvitationID = TypedID<Entity.Invitation>
public typealias MemberID = TypedID<Entity.Member>
/// A person's place among a partner's students (not the person: see `UserID`).
public typealias StudentID = TypedID<Entity.Student>
public typealias StudentInvitationID = TypedID<Entity.StudentInvitation>
public typealias CandidateProfileID = TypedID<Entity.CandidateProfile>
public typealias APITokenID = TypedID<Entity.APIToken>
public typealias NotificationID = TypedID<Entity.Notification>
public typealias DisputeID = TypedID<Entity.Dispute>
public typealias WebhookEndpointID = TypedID<Entity.WebhookEndpoint>
public typealias WebhookDeliveryID = TypedID<Entity.WebhookDelivery>
public typealias JobID = TypedID<Entity.Job>
public typealias InvoiceID = TypedID<Entity.Invoice>
public typealias PayoutID = TypedID<Entity.Payout>
public typealias CredentialID = TypedID<Entity.Credential>
