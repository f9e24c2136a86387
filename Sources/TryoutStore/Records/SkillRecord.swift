import FluentKit
import Foundation
import TryoutCore

/// An ESCO concept, keyed by its URI.
public final class SkillRecord: Model, @unchecked Sendable {
    public static let schema = "skills"
    public var properties: [any AnyProperty] { [$id, $label, $kind, $altLabels, $description] }

    @ID(custom: "uri", generatedBy: .user) public var id: String?
    @Field(key: "label") public var label: String
    @Field(key: "kind") public var kind: String
    /// Alternative labels, one a line, so that search can match them.
    @Field(key: "alt_labels") public var altLabels: String
    @Field(key: "description") public var description: String

    public init() {}

    public var skill: Skill {
        Skill(uri: id ?? "", label: label, kind: Skill.Kind(rawValue: kind) ?? .skill,
              altLabels: altLabels.split(separator: "\n").map(String.init), description: description)
    }
}
