import FluentKit
import FluentSQL
import Foundation
import TryoutCore

/// Projects for a candidate, best match first.
public enum Recommendations {
    /// How many of the newest projects asking for one of the candidate's skills are scored.
    public static let considered = ProjectSearchQuery.maxLimit

    /// The best `limit` among the newest published projects the viewer may see that ask for at
    /// least one of the candidate's skills, each with its explained score. Projects the candidate
    /// has applied to (so also those they work on) are left out: they know them already.
    public static func projects(for profile: CandidateProfile, of candidateID: UUID, viewer: SearchViewer, limit: Int,
                                on db: any Database) async throws -> [(project: ProjectRecord, score: MatchScore)] {
        guard !profile.skills.isEmpty else { return [] }
        var query = ProjectSearchQuery()
        query.skillURIs = profile.skills.map(\.uri)
        query.sort = .newest
        query.limit = considered
        let ids = try await ProjectSearch.search(query, viewer: viewer, on: db).projectIDs
        guard !ids.isEmpty else { return [] }
        let notApplied = SQLQueryString("""
            \(ident: ProjectRecord.schema).\(ident: "id") NOT IN \
            (SELECT \(ident: "project_id") FROM \(ident: ApplicationRecord.schema) WHERE \(ident: "user_id") = \(bind: candidateID))
            """)
        let projects = try await ProjectRecord.query(on: db).filter(\.$id ~~ ids).filter(.sql(notApplied))
            .with(\.$organization).with(\.$skills).all()
        let candidate = MatchCandidate(profile)
        let scored = projects.map { ($0, Matching.score(candidate, for: $0.matchProject)) }
        // Best score first; among equals, the newer project.
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return Array(scored.sorted { ($0.1.total, -order[$0.0.id!]!) > ($1.1.total, -order[$1.0.id!]!) }.prefix(limit))
    }
}

extension ProjectRecord {
    /// What matching needs of the project; its skills must be loaded.
    public var matchProject: MatchProject {
        MatchProject(skills: skills.map { SkillRequirement(uri: $0.$skill.id, level: $0.level, required: $0.required) },
                     estimatedHours: estimatedHours, durationWeeks: durationWeeks, startDate: startDate, locationMode: locationMode,
                     timeZone: timeZone.flatMap(TimeZoneName.zone))
    }
}
