import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// A project as lists show it: the cards of the marketplace, the home page and an organization's
/// page, and the API's list. Lists read it as plain values with only these columns: read as
/// `ProjectRecord`s, every column of each, the 20 projects of a search nobody made before were a
/// quarter of its time (Benchmarks/README.md, thirteenth round).
public struct ProjectListing: Decodable, Equatable, Sendable {
    public var id: UUID
    public var title: String
    public var summary: String
    public var state: ProjectState
    public var organizationSlug: String
    public var organizationName: String
    public var payMinor: Int64
    public var currency: String
    public var estimatedHours: Int
    public var durationWeeks: Int
    public var locationMode: LocationMode
    public var place: String
    public var applicationDeadline: Date?
    public var publishedAt: Date?

    public var pay: Money { Money(amountMinor: payMinor, currency: currency) }

    // The columns' names written out: SQLKit's snake-case strategy converted every key of every
    // row, a seventh of a new search's time.
    private enum CodingKeys: String, CodingKey {
        case id, title, summary, state, currency, place
        case organizationSlug = "organization_slug", organizationName = "organization_name", payMinor = "pay_minor"
        case estimatedHours = "estimated_hours", durationWeeks = "duration_weeks", locationMode = "location_mode"
        case applicationDeadline = "application_deadline", publishedAt = "published_at"
    }
}

extension ProjectListing {
    /// A stored project (read, so it has its id) whose organization is loaded, for lists that read
    /// whole projects anyway (recommendations score them).
    public init(_ record: ProjectRecord) {
        self.init(id: record.id!, title: record.title, summary: record.summary, state: record.state,
                  organizationSlug: record.organization.slug, organizationName: record.organization.name,
                  payMinor: record.payMinor, currency: record.currency, estimatedHours: record.estimatedHours,
                  durationWeeks: record.durationWeeks, locationMode: record.locationMode, place: record.place,
                  applicationDeadline: record.applicationDeadline, publishedAt: record.publishedAt)
    }

    /// The listings matching `condition`, which names the project's columns as `p.column` and may
    /// end with `ORDER BY` and `LIMIT`.
    static func read(_ condition: SQLQueryString, on db: any Database) async throws -> [ProjectListing] {
        try await JobQueue.sqlDatabase(db).raw("""
            SELECT p.id, p.title, p.summary, p.state, o.slug AS organization_slug, o.name AS organization_name, p.pay_minor,
            p.currency, p.estimated_hours, p.duration_weeks, p.location_mode, p.place, p.application_deadline, p.published_at
            FROM projects AS p JOIN organizations AS o ON o.id = p.organization_id WHERE \(condition)
            """).all().map { try $0.decode(model: ProjectListing.self) }
    }
}
