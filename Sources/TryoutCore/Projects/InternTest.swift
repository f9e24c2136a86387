/// The US Department of Labor's primary-beneficiary test for unpaid internships (Fact Sheet #71):
/// seven factors, each answered with whether it holds and why.
public struct InternTest: Equatable, Sendable, Codable {
    public enum Factor: Int, CaseIterable, Codable, Sendable {
        case noExpectationOfPay = 1
        case educationalTraining
        case tiedToEducation
        case academicCalendar
        case limitedDuration
        case complementsEmployees
        case noEntitlementToJob

        public var question: String {
            switch self {
            case .noExpectationOfPay:
                "Do the intern and the employer clearly understand that there is no expectation of compensation?"
            case .educationalTraining:
                "Does the internship provide training similar to that given in an educational environment?"
            case .tiedToEducation:
                "Is the internship tied to the intern's formal education by integrated coursework or academic credit?"
            case .academicCalendar:
                "Does the internship accommodate the intern's academic commitments by following the academic calendar?"
            case .limitedDuration:
                "Is the internship's duration limited to the period in which it provides beneficial learning?"
            case .complementsEmployees:
                "Does the intern's work complement, rather than displace, the work of paid employees while providing significant educational benefits?"
            case .noEntitlementToJob:
                "Do the intern and the employer understand that the internship comes without entitlement to a paid job at its end?"
            }
        }

        /// Factors without which the intern cannot be the primary beneficiary, however the rest read.
        public var isEssential: Bool {
            self == .noExpectationOfPay || self == .complementsEmployees || self == .noEntitlementToJob
        }
    }

    public struct Answer: Equatable, Sendable, Codable {
        public var holds: Bool
        public var explanation: String

        public init(holds: Bool, explanation: String) {
            self.holds = holds
            self.explanation = explanation
        }
    }

    public static let minimumExplanationLength = 20
    /// Factors that must weigh toward the intern for the lint to accept an unpaid internship.
    public static let requiredFactorsHolding = 5

    public var answers: [Factor: Answer]

    public init(answers: [Factor: Answer]) {
        self.answers = answers
    }

    /// Why the answers do not show the intern to be the primary beneficiary; empty when they do.
    public var problems: [String] {
        var problems: [String] = []
        for factor in Factor.allCases {
            guard let answer = answers[factor] else {
                problems.append("Answer factor \(factor.rawValue) of the intern test: \(factor.question)")
                continue
            }
            if TextInput.trimmed(answer.explanation).count < Self.minimumExplanationLength {
                problems.append("Explain factor \(factor.rawValue) of the intern test in at least \(Self.minimumExplanationLength) characters.")
            }
            if factor.isEssential && !answer.holds {
                problems.append("Factor \(factor.rawValue) must hold for an unpaid internship: \(factor.question)")
            }
        }
        let holding = answers.values.filter(\.holds).count
        if answers.count == Factor.allCases.count && holding < Self.requiredFactorsHolding {
            problems.append("Only \(holding) of 7 intern-test factors favour the intern; at least \(Self.requiredFactorsHolding) must, or the work must be paid.")
        }
        return problems
    }
}

import Foundation
