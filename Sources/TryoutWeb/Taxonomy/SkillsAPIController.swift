import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// `GET /api/v1/skills`: ESCO skills by label or alternative label, for autocomplete. The
/// taxonomy is public, so no token is needed; the brief form's script calls it as people type.
struct SkillsAPIController: RouteCollection {
    struct Parameters: Content {
        var q: String?
        var limit: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1").get("skills", use: search)
    }

    func search(req: Request) async throws -> DTO.SkillList {
        let parameters = try req.query.decode(Parameters.self)
        var v = Validator()
        // Blank text finds nothing rather than failing: it is what an emptied field sends.
        let text = parameters.q ?? ""
        v.check(TextInput.isStorable(text), "q", "q contains control characters; remove them.")
        v.check(text.unicodeScalars.count <= SkillSearch.maxQueryLength, "q", "q must be at most \(SkillSearch.maxQueryLength) characters.")
        var limit = 10
        if let raw = parameters.limit {
            if let value = Int(raw), (1...SkillSearch.maxResults).contains(value) {
                limit = value
            } else {
                v.add(FieldError("limit", "limit must be a whole number from 1 to \(SkillSearch.maxResults)."))
            }
        }
        try v.finish()
        return DTO.SkillList(items: try await Taxonomy.search(text, limit: limit, on: req.db).map(DTO.SkillMatch.init))
    }
}

extension DTO {
    struct SkillMatch: Content {
        var uri: String
        var label: String
        var kind: Skill.Kind
        var description: String
        /// The alternative label that matched, when the preferred one did not.
        var matchedAltLabel: String?

        init(_ match: SkillSearch.Match) {
            uri = match.skill.uri
            label = match.skill.label
            kind = match.skill.kind
            description = match.skill.description
            matchedAltLabel = match.matchedAltLabel
        }
    }

    struct SkillList: Content {
        var items: [SkillMatch]
    }
}
