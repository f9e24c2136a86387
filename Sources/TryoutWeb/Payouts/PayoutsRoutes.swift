import Foundation
import TryoutCore

extension SiteURL {
    /// Payouts: the platform admins' batches (made, approved, downloaded for the bank, marked
    /// paid or cancelled) and each person's payout details.
    enum Payouts: RoutePath {
        case list
        case batch(Parameter<PayoutID>)
        case step(Parameter<PayoutID>, Step)
        case bankFile(Parameter<PayoutID>, BankFile)
        case details
        case api(API)

        /// What happens to a batch after it is made.
        enum Step: String, Sendable, CaseIterable {
            case approve, paid, cancel
        }

        enum BankFile: String, Sendable, CaseIterable {
            case csv = "transfers.csv"
            case pain001 = "pain001.xml"
        }

        enum API: Sendable {
            case list
            case batch(Parameter<PayoutID>)
            case step(Parameter<PayoutID>, Step)
            case bankFile(Parameter<PayoutID>)
            case details
        }

        var segments: [PathSegment] {
            switch self {
            case .list: Self.admin
            case .batch(let id): Self.admin + [.parameter("payoutID", id)]
            case .step(let id, let step): Self.admin + [.parameter("payoutID", id), .constant(step.rawValue)]
            case .bankFile(let id, let file): Self.admin + [.parameter("payoutID", id), .constant(file.rawValue)]
            case .details: [.constant("earnings"), .constant("payout-details")]
            case .api(.list): SiteURL.apiPrefix + Self.admin
            case .api(.batch(let id)): SiteURL.apiPrefix + Self.admin + [.parameter("payoutID", id)]
            case .api(.step(let id, let step)): SiteURL.apiPrefix + Self.admin + [.parameter("payoutID", id), .constant(step.rawValue)]
            case .api(.bankFile(let id)): SiteURL.apiPrefix + Self.admin + [.parameter("payoutID", id), .constant("bank-file")]
            case .api(.details): SiteURL.apiPrefix + [.constant("me"), .constant("payout-details")]
            }
        }

        private static let admin: [PathSegment] = [.constant("admin"), .constant("payouts")]

        static var templates: [Self] {
            [.list, .batch(.key), .details, .api(.list), .api(.batch(.key)), .api(.bankFile(.key)), .api(.details)]
                + Step.allCases.flatMap { [.step(.key, $0), .api(.step(.key, $0))] }
                + BankFile.allCases.map { .bankFile(.key, $0) }
        }
    }
}
