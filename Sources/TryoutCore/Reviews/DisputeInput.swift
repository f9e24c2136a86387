import Foundation

/// Something in the engagement's own record a dispute points at: linked, never copied, so the
/// admin who decides reads the version, message or check-in as it is.
public struct DisputeEvidence: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case version
        case message
        case checkIn = "check_in"
    }

    public var kind: Kind
    public var id: UUID

    public init(kind: Kind, id: UUID) {
        self.kind = kind
        self.id = id
    }
}

/// A dispute as one side opens it: what about, which version (for a decision on one), the
/// statement, and the evidence. Whether the engagement allows it is `DisputeRules.checkOpen`'s.
public struct DisputeInput: Sendable, Equatable {
    public static let maxStatement = 5000
    public static let maxEvidence = 20

    public var subject: DisputeSubject
    public var submissionID: UUID?
    public var statement: String
    public var evidence: [DisputeEvidence]

    public init(subject: String, submissionID: UUID?, statement: String, evidence: [DisputeEvidence]) throws(ValidationFailure) {
        var v = Validator()
        let chosen = DisputeSubject(rawValue: subject)
        v.check(chosen != nil, "subject", "Choose what the dispute is about.")
        v.check(chosen != .versionDecision || submissionID != nil, "submissionID", "Choose the version the dispute is about.")
        self.statement = v.required(statement, "statement", label: "The statement", maxLength: Self.maxStatement)
        var seen = Set<DisputeEvidence>()
        self.evidence = evidence.filter { seen.insert($0).inserted }
        v.check(self.evidence.count <= Self.maxEvidence, "evidence", "Link at most \(Self.maxEvidence) items as evidence.")
        try v.finish()
        self.subject = chosen ?? .amountOwed
        // Only a decision on a version names one.
        self.submissionID = chosen == .versionDecision ? submissionID : nil
    }

    /// The other side's answer: the same bounds as a statement.
    public static func answer(_ text: String) throws(ValidationFailure) -> String {
        var v = Validator()
        let answer = v.required(text, "answer", label: "The answer", maxLength: maxStatement)
        try v.finish()
        return answer
    }
}

/// A platform admin's decision as entered: the outcome, the reasons both sides read, the share
/// of the deliverable's pay for a partial decision, and the new reviewer for a re-review.
public struct DisputeDecisionInput: Sendable, Equatable {
    public static let shares = 1...99

    public var outcome: DisputeOutcome
    public var note: String
    public var sharePercent: Int?
    public var reviewerID: UUID?

    public init(outcome: String, note: String, sharePercent: Int?, reviewerID: UUID?) throws(ValidationFailure) {
        var v = Validator()
        let chosen = DisputeOutcome(rawValue: outcome)
        v.check(chosen != nil, "outcome", "Choose an outcome.")
        self.note = v.required(note, "note", label: "The reasons", maxLength: DisputeInput.maxStatement)
        if chosen == .partial {
            v.check(sharePercent.map(Self.shares.contains) == true, "sharePercent",
                    "Give the share of the deliverable's pay owed, from \(Self.shares.lowerBound) to \(Self.shares.upperBound) percent.")
        }
        v.check(chosen != .reReview || reviewerID != nil, "reviewerID", "Choose the reviewer who reviews the version again.")
        try v.finish()
        self.outcome = chosen ?? .upheld
        self.sharePercent = chosen == .partial ? sharePercent : nil
        self.reviewerID = chosen == .reReview ? reviewerID : nil
    }
}
