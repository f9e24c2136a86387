import Foundation

/// One of the official ESCO CSV downloads, recognised by its header: `skills_en.csv`,
/// `occupations_en.csv` or `occupationSkillRelations_en.csv`. Columns are found by name, so the
/// column order of different ESCO versions does not matter.
public struct ESCOFile: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case skills, occupations, relations

        /// The columns each kind needs; the first tells the kinds apart.
        var requiredColumns: [String] {
            switch self {
            case .skills: ["skillType", "conceptUri", "preferredLabel"]
            case .occupations: ["iscoGroup", "conceptUri", "preferredLabel"]
            case .relations: ["occupationUri", "skillUri", "relationType"]
            }
        }
    }

    public struct Occupation: Equatable, Sendable {
        public var uri: String
        public var label: String
        public var altLabels: [String]
        public var description: String
    }

    public struct Relation: Equatable, Sendable {
        public var occupationURI: String
        public var skillURI: String
        /// ESCO's `relationType`: essential, or else optional.
        public var essential: Bool
    }

    /// A row left out, and why.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public enum ReadError: Error, Equatable, CustomStringConvertible {
        case unknownHeader([String])

        public var description: String {
            switch self {
            case .unknownHeader(let columns):
                "The header (\(columns.prefix(6).joined(separator: ", "))) is not one of skills_en.csv, occupations_en.csv "
                    + "or occupationSkillRelations_en.csv from the ESCO download."
            }
        }
    }

    public static let maxLabelLength = 300
    public static let maxDescriptionLength = 10_000

    public var kind: Kind
    public var skills: [Skill] = []
    public var occupations: [Occupation] = []
    public var relations: [Relation] = []
    public var problems: [Problem] = []

    /// How many entries the file holds.
    public var count: Int { skills.count + occupations.count + relations.count }

    public init(csv text: String) throws(ReadError) {
        let rows = CSV.rows(text)
        let header = rows.first?.fields ?? []
        guard let kind = Kind.allCases.first(where: { $0.requiredColumns.allSatisfy(header.contains) }) else {
            throw .unknownHeader(header)
        }
        self.kind = kind
        let columns = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for row in rows.dropFirst() {
            let value = { (name: String) -> String in
                columns[name].flatMap { $0 < row.fields.count ? row.fields[$0] : nil }?.trimmingCharacters(in: .whitespaces) ?? ""
            }
            do throws(Problem) {
                try read(value, line: row.line)
            } catch {
                problems.append(error)
            }
        }
    }

    private mutating func read(_ value: (String) -> String, line: Int) throws(Problem) {
        switch kind {
        case .skills:
            let (uri, label, alts, description) = try concept(value, line: line)
            // ESCO says "skill/competence" or "knowledge"; language skills and a few others leave it blank.
            let kind: Skill.Kind = value("skillType") == "knowledge" ? .knowledge : .skill
            skills.append(Skill(uri: uri, label: label, kind: kind, altLabels: alts, description: description))
        case .occupations:
            let (uri, label, alts, description) = try concept(value, line: line)
            occupations.append(Occupation(uri: uri, label: label, altLabels: alts, description: description))
        case .relations:
            let occupation = value("occupationUri"), skill = value("skillUri")
            guard Self.isConceptURI(occupation), Self.isConceptURI(skill) else {
                throw Problem(line: line, message: "occupationUri and skillUri must both be ESCO concept URIs.")
            }
            relations.append(Relation(occupationURI: occupation, skillURI: skill, essential: value("relationType") == "essential"))
        }
    }

    private func concept(_ value: (String) -> String, line: Int) throws(Problem)
        -> (uri: String, label: String, alts: [String], description: String) {
        let uri = value("conceptUri"), label = value("preferredLabel"), description = value("description")
        guard Self.isConceptURI(uri) else { throw Problem(line: line, message: "conceptUri must be an ESCO concept URI.") }
        guard !label.isEmpty, label.unicodeScalars.count <= Self.maxLabelLength, !label.contains("\n") else {
            throw Problem(line: line, message: "preferredLabel must be one line of 1 to \(Self.maxLabelLength) characters.")
        }
        guard description.unicodeScalars.count <= Self.maxDescriptionLength else {
            throw Problem(line: line, message: "description is longer than \(Self.maxDescriptionLength) characters.")
        }
        guard TextInput.isStorable(label + value("altLabels") + description) else {
            throw Problem(line: line, message: "the row contains control characters.")
        }
        var seen: Set<String> = [label.lowercased()]
        let alts = value("altLabels").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0.unicodeScalars.count <= Self.maxLabelLength && seen.insert($0.lowercased()).inserted }
        return (uri, label, alts, description)
    }

    /// `http://data.europa.eu/esco/…`, as ESCO names every concept.
    static func isConceptURI(_ text: String) -> Bool {
        text.hasPrefix("http://data.europa.eu/esco/") && text.count <= 200 && !text.contains(where: { $0.isWhitespace })
    }
}
