import Foundation

/// What an engagement leaves to put in its credential, as plain facts read by the issuing job.
public struct CredentialFacts: Sendable, Equatable {
    public struct Skill: Sendable, Equatable {
        public var uri: String
        public var label: String

        public init(uri: String, label: String) {
            self.uri = uri
            self.label = label
        }
    }

    /// The credential's own address on this server; the achievement's is derived from it.
    public var credentialURL: String
    public var issuer: OpenBadgeCredential.Profile
    /// The employer who set and judged the work.
    public var creator: OpenBadgeCredential.Profile
    public var title: String
    public var summary: String
    public var deliverables: [Deliverable]
    public var rubric: [RubricCriterion]
    /// The panel's median level per criterion over the accepted work; empty when nobody scored it.
    public var medians: [Double]
    public var skills: [Skill]
    public var started: Date?
    public var ended: Date?
    public var evidence: [OpenBadgeCredential.Evidence]
    public var identifier: OpenBadgeCredential.IdentityObject
    public var status: OpenBadgeCredential.StatusEntry
    public var issued: Date

    public init(credentialURL: String, issuer: OpenBadgeCredential.Profile, creator: OpenBadgeCredential.Profile, title: String,
                summary: String, deliverables: [Deliverable], rubric: [RubricCriterion], medians: [Double], skills: [Skill],
                started: Date?, ended: Date?, evidence: [OpenBadgeCredential.Evidence], identifier: OpenBadgeCredential.IdentityObject,
                status: OpenBadgeCredential.StatusEntry, issued: Date) {
        self.credentialURL = credentialURL
        self.issuer = issuer
        self.creator = creator
        self.title = title
        self.summary = summary
        self.deliverables = deliverables
        self.rubric = rubric
        self.medians = medians
        self.skills = skills
        self.started = started
        self.ended = ended
        self.evidence = evidence
        self.identifier = identifier
        self.status = status
        self.issued = issued
    }
}

/// Puts an engagement's facts into an Open Badges 3.0 credential: the project as the achievement,
/// the deliverables and rubric as its criteria, the ESCO skills as alignments, the rubric levels
/// reached as results.
public enum CredentialAssembly {
    /// The rubric's four levels, as the scorecards name them.
    public static let levelNames = ["Not yet", "Developing", "Proficient", "Exemplary"]

    public static func credential(_ facts: CredentialFacts) -> OpenBadgeCredential {
        let achievementID = facts.credentialURL + "#achievement"
        let descriptions = facts.rubric.enumerated().map { index, criterion in
            OpenBadgeCredential.ResultDescription(
                id: "\(achievementID)-criterion-\(index + 1)", name: criterion.title,
                levels: levelNames.indices.map { level in
                    OpenBadgeCredential.RubricCriterionLevel(id: "\(achievementID)-criterion-\(index + 1)-level-\(level + 1)",
                                                             name: levelNames[level],
                                                             description: criterion.levels.indices.contains(level) ? criterion.levels[level] : nil)
                })
        }
        var results: [OpenBadgeCredential.Result] = []
        if facts.medians.count == descriptions.count {
            for (description, median) in zip(descriptions, facts.medians) {
                let level = min(max(Int(median.rounded(.toNearestOrAwayFromZero)), 1), levelNames.count)
                results.append(.init(resultDescription: description.id, achievedLevel: description.rubricCriterionLevel[level - 1].id))
            }
        }
        let achievement = OpenBadgeCredential.Achievement(
            id: achievementID, name: facts.title, description: facts.summary, criteria: narrative(facts),
            creator: facts.creator, alignment: facts.skills.map { .init(escoLabel: $0.label, uri: $0.uri) }, resultDescription: descriptions)
        let subject = OpenBadgeCredential.AchievementSubject(identifier: facts.identifier, achievement: achievement, result: results,
                                                             activityStartDate: facts.started, activityEndDate: facts.ended)
        return OpenBadgeCredential(id: facts.credentialURL, name: facts.title, issuer: facts.issuer, validFrom: facts.issued,
                                   credentialSubject: subject, evidence: facts.evidence, credentialStatus: facts.status)
    }

    /// The criteria in words: what was to be delivered, then how it was judged, fixed before the work began.
    static func narrative(_ facts: CredentialFacts) -> String {
        var lines = ["Set by \(facts.creator.name) and judged on a rubric fixed before the work began.", "", "Deliverables:"]
        for (index, deliverable) in facts.deliverables.enumerated() {
            lines.append("\(index + 1). \(deliverable.title)" + (deliverable.description.isEmpty ? "" : ": \(deliverable.description)"))
        }
        if !facts.rubric.isEmpty {
            lines += ["", "Rubric:"]
            for criterion in facts.rubric {
                lines.append("- \(criterion.title) (\(criterion.weight)%)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// The credential that publishes a Bitstring Status List (W3C Bitstring Status List 1.0): its
/// `encodedList` is the list gzipped, then base64url without padding, with multibase's `u` prefix.
public struct BitstringStatusListCredential: Codable, Sendable, Equatable {
    public struct Subject: Codable, Sendable, Equatable {
        public var id: String
        public var type: String
        public var statusPurpose: String
        public var encodedList: String
    }

    public var context: [String]
    public var id: String
    public var type: [String]
    public var issuer: String
    public var validFrom: String
    public var credentialSubject: Subject

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case id, type, issuer, validFrom, credentialSubject
    }

    public init(id: String, issuer: String, validFrom: Date, gzippedList: [UInt8]) {
        context = ["https://www.w3.org/ns/credentials/v2"]
        self.id = id
        type = ["VerifiableCredential", "BitstringStatusListCredential"]
        self.issuer = issuer
        self.validFrom = DateText.iso(validFrom)
        credentialSubject = Subject(id: id + "#list", type: "BitstringStatusList", statusPurpose: "revocation",
                                    encodedList: "u" + Base64URL.encode(Data(gzippedList)))
    }

    /// The gzipped list inside `encodedList`; nil when it is not multibase base64url.
    public var gzippedList: [UInt8]? {
        guard credentialSubject.encodedList.hasPrefix("u"), let data = Base64URL.decode(String(credentialSubject.encodedList.dropFirst())) else { return nil }
        return [UInt8](data)
    }
}
