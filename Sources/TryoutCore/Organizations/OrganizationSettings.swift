import Foundation

/// What an organization says about itself on its public page, and the pay floor its briefs must
/// meet to be published.
public struct OrganizationSettings: Equatable, Sendable {
    public static let maxDescriptionLength = 2_000
    public static let maxWebsiteLength = 200
    /// Anything above this per hour is a typo, not a policy.
    public static let maxFloorMinor: Int64 = 1_000_00

    public var description: String
    public var website: String
    /// Pay per estimated hour below which publishing is refused; nil keeps the platform's floor.
    public var payFloor: Money?
    /// Candidates see each reviewer's levels (without names) beside the panel's result.
    public var showReviewerScores: Bool
    /// Credentials link the accepted deliverables, and portfolios show them: off unless chosen,
    /// since work done for an employer is theirs to show.
    public var showcaseWork: Bool

    public init(description: String = "", website: String = "", payFloor: Money? = nil, showReviewerScores: Bool = false,
                showcaseWork: Bool = false) {
        self.description = description
        self.website = website
        self.payFloor = payFloor
        self.showReviewerScores = showReviewerScores
        self.showcaseWork = showcaseWork
    }

    /// Reads the settings form. The floor may raise the platform's floor for its currency, never
    /// lower it: the platform's floors are the least a micro-internship may pay.
    public static func parse(description: String?, website: String?, floorAmount: String?, floorCurrency: String?,
                             showReviewerScores: Bool = false, showcaseWork: Bool = false) throws(ValidationFailure) -> OrganizationSettings {
        var v = Validator()
        let text = TextInput.trimmed(description ?? "")
        v.check(TextInput.isStorable(text), "description", "The description contains control characters; remove them.")
        v.check(text.unicodeScalars.count <= maxDescriptionLength, "description",
                "The description must be at most \(maxDescriptionLength) characters.")
        let site = (website ?? "").trimmingCharacters(in: .whitespaces)
        if !site.isEmpty {
            let url = URL(string: site)
            v.check(site.count <= maxWebsiteLength && ["http", "https"].contains(url?.scheme?.lowercased() ?? "") && url?.host?.isEmpty == false,
                    "website", "Give the website as a full address, like https://example.com.")
        }
        var floor: Money?
        let amount = (floorAmount ?? "").trimmingCharacters(in: .whitespaces)
        let currency = floorCurrency ?? ""
        if !amount.isEmpty {
            if !BriefInput.currencies.contains(currency) {
                v.add(FieldError("payFloorCurrency", "Choose a supported currency."))
            } else if let money = Money.parse(amount, currency: currency), money.amountMinor > 0, money.amountMinor <= maxFloorMinor {
                if let platform = ComplianceLint.defaultHourlyFloor[currency], money.amountMinor < platform {
                    v.add(FieldError("payFloor", "The floor can be raised, not lowered: the platform's floor is "
                        + "\(Money(amountMinor: platform, currency: currency).formatted) an hour."))
                } else {
                    floor = money
                }
            } else {
                v.add(FieldError("payFloor", "Enter the hourly floor as an amount, like 22.50."))
            }
        }
        try v.finish()
        return OrganizationSettings(description: text, website: site, payFloor: floor, showReviewerScores: showReviewerScores,
                                    showcaseWork: showcaseWork)
    }
}
