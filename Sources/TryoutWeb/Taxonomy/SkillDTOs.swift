import TryoutCore
import Vapor

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
