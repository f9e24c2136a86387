import Foundation

/// An Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential, data model 2.0): what a
/// candidate takes away from an engagement whose work was accepted. Its JSON is the payload of
/// the signed VC-JWT, so the members and their names are the specifications'.
public struct OpenBadgeCredential: Codable, Sendable, Equatable {
    public static let contexts = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
    public static let types = ["VerifiableCredential", "OpenBadgeCredential"]

    public var context: [String]
    public var id: String
    public var type: [String]
    public var name: String
    public var issuer: Profile
    public var validFrom: String
    public var credentialSubject: AchievementSubject
    public var evidence: [Evidence]?
    public var credentialStatus: StatusEntry?

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case id, type, name, issuer, validFrom, credentialSubject, evidence, credentialStatus
    }

    public init(id: String, name: String, issuer: Profile, validFrom: Date, credentialSubject: AchievementSubject,
                evidence: [Evidence], credentialStatus: StatusEntry?) {
        context = Self.contexts
        self.id = id
        type = Self.types
        self.name = name
        self.issuer = issuer
        self.validFrom = OpenBadgeCredential.timestamp(validFrom)
        self.credentialSubject = credentialSubject
        self.evidence = evidence.isEmpty ? nil : evidence
        self.credentialStatus = credentialStatus
    }

    /// XML Schema dateTime in UTC without fractions, as VC 2.0 examples write it.
    public static func timestamp(_ date: Date) -> String {
        DateText.iso(date)
    }

    /// The issuer, or an achievement's creator.
    public struct Profile: Codable, Sendable, Equatable {
        public var id: String
        public var type: [String]
        public var name: String
        public var url: String?

        public init(id: String, name: String, url: String?) {
            self.id = id
            type = ["Profile"]
            self.name = name
            self.url = url
        }
    }

    public struct AchievementSubject: Codable, Sendable, Equatable {
        public var type: [String]
        public var identifier: [IdentityObject]
        public var achievement: Achievement
        public var result: [Result]?
        public var activityStartDate: String?
        public var activityEndDate: String?

        public init(identifier: IdentityObject, achievement: Achievement, result: [Result], activityStartDate: Date?, activityEndDate: Date?) {
            type = ["AchievementSubject"]
            self.identifier = [identifier]
            self.achievement = achievement
            self.result = result.isEmpty ? nil : result
            self.activityStartDate = activityStartDate.map(OpenBadgeCredential.timestamp)
            self.activityEndDate = activityEndDate.map(OpenBadgeCredential.timestamp)
        }
    }

    /// The recipient, named by a salted hash of their e-mail address: the credential proves who
    /// earned it to someone who knows the address, without publishing it.
    public struct IdentityObject: Codable, Sendable, Equatable {
        public var type: String
        public var identityHash: String
        public var identityType: String
        public var hashed: Bool
        public var salt: String

        /// `sha256Hex` is the hex SHA-256 of the lower-cased address followed by `salt`.
        public init(emailSHA256Hex sha256Hex: String, salt: String) {
            type = "IdentityObject"
            identityHash = "sha256$" + sha256Hex
            identityType = "emailAddress"
            hashed = true
            self.salt = salt
        }
    }

    public struct Achievement: Codable, Sendable, Equatable {
        public var id: String
        public var type: [String]
        public var achievementType: String
        public var name: String
        public var description: String
        public var criteria: Criteria
        public var creator: Profile
        public var alignment: [Alignment]?
        public var resultDescription: [ResultDescription]?

        public init(id: String, name: String, description: String, criteria: String, creator: Profile,
                    alignment: [Alignment], resultDescription: [ResultDescription]) {
            self.id = id
            type = ["Achievement"]
            // A piece of work set and judged like an assignment, with its criteria fixed in advance.
            achievementType = "Assignment"
            self.name = name
            self.description = description
            self.criteria = Criteria(narrative: criteria)
            self.creator = creator
            self.alignment = alignment.isEmpty ? nil : alignment
            self.resultDescription = resultDescription.isEmpty ? nil : resultDescription
        }
    }

    public struct Criteria: Codable, Sendable, Equatable {
        public var narrative: String
    }

    /// A skill the achievement shows, in the ESCO taxonomy.
    public struct Alignment: Codable, Sendable, Equatable {
        public var type: [String]
        public var targetName: String
        public var targetUrl: String
        public var targetFramework: String
        public var targetType: String

        public init(escoLabel: String, uri: String) {
            type = ["Alignment"]
            targetName = escoLabel
            targetUrl = uri
            targetFramework = "ESCO"
            targetType = "ceasn:Competency"
        }
    }

    /// One rubric criterion and its levels, from "not yet" to "exemplary".
    public struct ResultDescription: Codable, Sendable, Equatable {
        public var id: String
        public var type: [String]
        public var name: String
        public var resultType: String
        public var rubricCriterionLevel: [RubricCriterionLevel]

        public init(id: String, name: String, levels: [RubricCriterionLevel]) {
            self.id = id
            type = ["ResultDescription"]
            self.name = name
            resultType = "RubricCriterionLevel"
            rubricCriterionLevel = levels
        }
    }

    public struct RubricCriterionLevel: Codable, Sendable, Equatable {
        public var id: String
        public var type: [String]
        public var name: String
        public var description: String?

        public init(id: String, name: String, description: String?) {
            self.id = id
            type = ["RubricCriterionLevel"]
            self.name = name
            self.description = description
        }
    }

    /// The level reached on one criterion, naming its description and level by id.
    public struct Result: Codable, Sendable, Equatable {
        public var type: [String]
        public var resultDescription: String
        public var achievedLevel: String

        public init(resultDescription: String, achievedLevel: String) {
            type = ["Result"]
            self.resultDescription = resultDescription
            self.achievedLevel = achievedLevel
        }
    }

    /// A deliverable the employer lets anyone see.
    public struct Evidence: Codable, Sendable, Equatable {
        public var id: String
        public var type: [String]
        public var name: String

        public init(url: String, name: String) {
            id = url
            type = ["Evidence"]
            self.name = name
        }
    }

    /// Where the credential's revocation bit is published.
    public struct StatusEntry: Codable, Sendable, Equatable {
        public var id: String
        public var type: String
        public var statusPurpose: String
        public var statusListIndex: String
        public var statusListCredential: String

        public init(listURL: String, index: Int) {
            id = "\(listURL)#\(index)"
            type = "BitstringStatusListEntry"
            statusPurpose = "revocation"
            statusListIndex = String(index)
            statusListCredential = listURL
        }
    }
}
