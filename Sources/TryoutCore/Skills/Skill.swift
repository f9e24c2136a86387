/// A concept from the ESCO taxonomy, identified by its public URI so that briefs, profiles and
/// credentials all point at the same skill.
public struct Skill: Equatable, Hashable, Sendable, Codable {
    public enum Kind: String, Codable, Sendable {
        case skill, knowledge
    }

    public var uri: String
    public var label: String
    public var kind: Kind
    public var altLabels: [String]
    public var description: String

    public init(uri: String, label: String, kind: Kind, altLabels: [String] = [], description: String = "") {
        self.uri = uri
        self.label = label
        self.kind = kind
        self.altLabels = altLabels
        self.description = description
    }
}
