import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// How well an organization's reviewers agree, for a project or the whole organization, with the
/// ratings behind it so anyone can recompute the figures. For owners and admins.
public struct CalibrationReport: Sendable {
    /// The project's title or the organization's name.
    public let scope: String
    public let organizationSlug: String
    public let calibration: Calibration<UUID>
    /// Reviewers' names by account.
    public let names: [UUID: String]
    /// Each reviewer's median time from being asked to scoring, for those who were asked.
    public let turnarounds: [UUID: TimeInterval]

    init(scope: String, organizationSlug: String, cards: [ScorecardRecord]) {
        self.scope = scope
        self.organizationSlug = organizationSlug
        calibration = Calibration(cards.flatMap { card in
            card.scorecard.levels.enumerated().map { criterion, level in
                Calibration.Rating(reviewer: card.$reviewer.id, submission: card.$submission.id, criterion: criterion, level: level)
            }
        })
        names = Dictionary(cards.map { ($0.$reviewer.id, $0.reviewer.displayName) }, uniquingKeysWith: { first, _ in first })
        turnarounds = Dictionary(grouping: cards.compactMap { card in card.turnaround.map { (card.$reviewer.id, $0) } }, by: \.0)
            .compactMapValues { Median.of($0.map(\.1)) }
    }
}

public enum CalibrationService {
    public static func project(_ id: ProjectID, _ ctx: ActionContext) async throws -> CalibrationReport {
        guard let project = try await Projects.find(id: id.uuid, on: ctx.db) else { throw ActionError.notFound }
        try ctx.authorize(.readCalibration(project.$organization.id))
        return CalibrationReport(scope: project.title, organizationSlug: project.organization.slug,
                                 cards: try await Reviews.scorecards(project: id.uuid, on: ctx.db))
    }

    public static func organization(slug: String, _ ctx: ActionContext) async throws -> CalibrationReport {
        guard Slug.isValid(slug), let org = try await Organizations.find(slug: slug, on: ctx.db) else { throw ActionError.notFound }
        try ctx.authorize(.readCalibration(try org.requireID()))
        return CalibrationReport(scope: org.name, organizationSlug: org.slug,
                                 cards: try await Reviews.scorecards(organization: try org.requireID(), on: ctx.db))
    }
}
