import FluentKit
import SQLKit

/// Every migration, in the order it runs. Append only: a shipped migration is never edited.
public enum TryoutMigrations {
    public static let all: [any Migration] = [
        CreateUsers(),
        CreateOrganizations(),
        CreateMembers(),
        CreateInvitations(),
        CreateSessions(),
        CreateAPITokens(),
        CreatePasswordResets(),
        CreateLoginAttempts(),
        CreateOutboxMessages(),
        CreateAuditEvents(),
        CreateSkills(),
        CreateCandidateProfiles(),
        CreateProjects(),
        UpdateProjectsAddBriefTerms(),
        CreateProjectBriefVersions(),
        CreateProjectAudiences(),
        CreateProjectSearchIndex(),
        CreateNarrowProjectSearch(),
        CreateOccupations(),
        UpdateOrganizationsAddPayFloor(),
        CreatePartnerStudents(),
        UpdateCandidateProfilesAddDetails(),
        CreateApplications(),
        CreateEngagements(),
        CreateEmailVerifications(),
        CreateRateLimitEvents(),
        CreateInstanceSecrets(),
        RevealApplicationsOnOpenProjects(),
        UpdateProjectsAddTimeZone(),
        CreateNotificationPreferences(),
        CreateDigests(),
        CreateJobs(),
        CreateWebhooks(),
        UpdateOutboxMessagesForDelivery(),
        CreateReviews(),
        CreateDisputes(),
        CreateEvaluations(),
        CreateLedger(),
        CreateLedgerPostFunction(),
        CreateIdempotencyKeys(),
        CreatePayouts(),
        CreateCredentials(),
        UpdateApplicationsAddMatchScore(),
        UpdateProjectsAddBriefHTML(),
        CreateCatalogVersion(),
        CreateApplicationsRankingIndexes(),
        CreateApplicantListVersions(),
        CreateEngagementVersions(),
        UpdateProjectSearchPendingList(),
    ]
}

extension Database {
    /// A table of one number for each row of `parent` (keyed by `key`), which triggers raise
    /// whenever what a kept page shows of that row may have changed.
    func createVersions(_ table: String, key: String, of parent: String) async throws {
        try await schema(table)
            .field(.string(key), .uuid, .identifier(auto: false), .references(parent, .id, onDelete: .cascade))
            .field("version", .int64, .required)
            .create()
    }

    /// Creates an index with SQLKit, which both drivers speak; Fluent's schema builder cannot.
    func createIndex(_ name: String, on table: String, _ columns: String...) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        let builder = sql.create(index: name).on(table)
        for column in columns { builder.column(column) }
        try await builder.run()
    }
}
