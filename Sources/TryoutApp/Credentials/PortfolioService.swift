import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// A published portfolio as anyone reads it: what the candidate chose to show and what their
/// credentials prove. Never an e-mail address, demographics, accommodations or unshared work.
public struct PortfolioView: Sendable, Codable {
    public struct Entry: Sendable, Codable {
        public var id: CredentialID
        public var url: String
        public var name: String
        public var organization: String
        public var issued: Date
        public var skills: [String]
        /// Per rubric criterion, the level reached.
        public var results: [Result]
        public var evidence: [Evidence]
        public var endorsements: [CredentialView.Endorsement]
        /// The signed credential, so the download can be checked without this server.
        public var jwt: String
    }

    public struct Result: Sendable, Codable, Equatable {
        public var criterion: String
        public var level: String
    }

    public struct Evidence: Sendable, Codable, Equatable {
        public var name: String
        public var url: String
    }

    public struct SkillCount: Sendable, Codable, Equatable {
        public var name: String
        public var url: String
        public var credentials: Int
    }

    public var name: String
    public var slug: String
    public var headline: String
    public var credentials: [Entry]
    public var verifiedSkills: [SkillCount]
}

/// Portfolio settings for the candidate, and published portfolios for everyone.
public enum PortfolioService {
    public static func settings(_ ctx: ActionContext) async throws -> PortfolioSettings {
        try await Portfolios.of(userID: try ctx.actingPrincipal().userID, on: ctx.db)?.settings ?? PortfolioSettings()
    }

    @discardableResult
    public static func save(_ input: PortfolioSettingsInput, _ ctx: ActionContext) async throws -> PortfolioSettings {
        let userID = try ctx.actingPrincipal().userID
        let settings = try input.validated()
        let saved = try await ctx.act(locking: .none) { ctx in
            try await Portfolios.save(settings, of: userID, at: ctx.now, on: ctx.db)
        }
        guard saved else { throw ValidationFailure([FieldError("slug", "Someone else has the address “\(settings.slug)”; choose another.")]) }
        return settings
    }

    /// The portfolio published at `slug`; not found while it is unpublished.
    public static func published(slug: String?, _ ctx: ActionContext) async throws -> PortfolioView {
        guard let slug, let portfolio = try await Portfolios.published(slug: slug, on: ctx.db) else { throw ActionError.notFound }
        let records = try await Credentials.of(candidateID: portfolio.$user.id, includingRevoked: false, on: ctx.db)
        let endorsements = try await CredentialsService.endorsements(of: records.compactMap(\.id), on: ctx.db)
        var credentials: [OpenBadgeCredential] = []
        var entries: [PortfolioView.Entry] = []
        for record in records {
            guard let id = record.id, let credential = CredentialsService.decoded(record.jwt) else { continue }
            credentials.append(credential)
            let achievement = credential.credentialSubject.achievement
            let levels = Dictionary((achievement.resultDescription ?? []).flatMap { description in
                description.rubricCriterionLevel.map { ($0.id, (description.name, $0.name)) }
            }, uniquingKeysWith: { first, _ in first })
            entries.append(PortfolioView.Entry(
                id: CredentialID(id), url: credential.id, name: record.name, organization: record.organizationName, issued: record.issuedAt,
                skills: (achievement.alignment ?? []).map(\.targetName),
                results: (credential.credentialSubject.result ?? []).compactMap { levels[$0.achievedLevel].map { .init(criterion: $0.0, level: $0.1) } },
                evidence: (credential.evidence ?? []).map { .init(name: $0.name, url: $0.id) },
                endorsements: endorsements[id] ?? [], jwt: record.jwt))
        }
        return PortfolioView(name: portfolio.user.displayName, slug: portfolio.slug ?? slug, headline: portfolio.headline, credentials: entries,
                             verifiedSkills: VerifiedSkillCount.count(credentials).map { .init(name: $0.name, url: $0.url, credentials: $0.count) })
    }
}
