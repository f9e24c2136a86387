import FluentKit
import Foundation
import TryoutCore

/// What a reminder may be due for: the things whose moment lies in a window (`after`, `upTo`],
/// as `Reminder.moments(dueAt:)` gives it. Each list is capped; a sweep that hits the cap leaves
/// the rest to the next run, which the sent-reminder keys make safe.
public enum DueReminders {
    public static let batch = 200

    /// Offers still unanswered, by expiry, with project, organization and candidate.
    public static func offers(expiring window: (after: Date, upTo: Date), on db: any Database) async throws -> [ApplicationRecord] {
        try await ApplicationRecord.query(on: db).filter(\.$state == .offered)
            .filter(\.$offerExpiresAt > window.after).filter(\.$offerExpiresAt <= window.upTo)
            .with(\.$project) { $0.with(\.$organization) }.with(\.$candidate)
            .sort(\.$offerExpiresAt).sort(\.$id).limit(batch).all()
    }

    /// Applications nobody has moved on from "submitted", by arrival, with project and organization.
    public static func waitingApplications(arrived window: (after: Date, upTo: Date), on db: any Database) async throws -> [ApplicationRecord] {
        try await ApplicationRecord.query(on: db).filter(\.$state == .submitted)
            .filter(\.$stateChangedAt > window.after).filter(\.$stateChangedAt <= window.upTo)
            .with(\.$project) { $0.with(\.$organization) }
            .sort(\.$stateChangedAt).sort(\.$id).limit(batch).all()
    }

    /// Published projects whose apply-by date lies in the window.
    public static func projects(closing window: (after: Date, upTo: Date), on db: any Database) async throws -> [ProjectRecord] {
        try await ProjectRecord.query(on: db).filter(\.$state == .published)
            .filter(\.$applicationDeadline > window.after).filter(\.$applicationDeadline <= window.upTo)
            .with(\.$organization).sort(\.$applicationDeadline).sort(\.$id).limit(batch).all()
    }

    /// Check-ins of engagements still running, by start.
    public static func checkIns(starting window: (after: Date, upTo: Date), on db: any Database) async throws -> [CheckInRecord] {
        try await CheckInRecord.query(on: db)
            .filter(\.$startsAt > window.after).filter(\.$startsAt <= window.upTo)
            .join(EngagementRecord.self, on: \CheckInRecord.$engagement.$id == \EngagementRecord.$id)
            .filter(EngagementRecord.self, \.$state !~ [.completed, .terminated])
            .sort(\.$startsAt).sort(\.$id).limit(batch).all()
    }

    /// Deliverables not yet in (to do, or sent back for changes) of engagements still running, by due date.
    public static func milestones(due window: (after: Date, upTo: Date), on db: any Database) async throws -> [MilestoneRecord] {
        try await MilestoneRecord.query(on: db).filter(\.$state ~~ [.open, .changesRequested])
            .filter(\.$dueAt > window.after).filter(\.$dueAt <= window.upTo)
            .join(EngagementRecord.self, on: \MilestoneRecord.$engagement.$id == \EngagementRecord.$id)
            .filter(EngagementRecord.self, \.$state !~ [.completed, .terminated])
            .sort(\.$dueAt).sort(\.$id).limit(batch).all()
    }

    /// Current agreements still missing a signature, of engagements still running, by issue.
    public static func unsignedAgreements(issued window: (after: Date, upTo: Date), on db: any Database) async throws -> [AgreementRecord] {
        try await AgreementRecord.query(on: db).filter(\.$supersededAt == nil)
            .group(.or) { $0.filter(\.$candidateSignedAt == nil).filter(\.$employerSignedAt == nil) }
            .filter(\.$createdAt > window.after).filter(\.$createdAt <= window.upTo)
            .join(EngagementRecord.self, on: \AgreementRecord.$engagement.$id == \EngagementRecord.$id)
            .filter(EngagementRecord.self, \.$state !~ [.completed, .terminated])
            .sort(\.$createdAt).sort(\.$id).limit(batch).all()
    }
}
