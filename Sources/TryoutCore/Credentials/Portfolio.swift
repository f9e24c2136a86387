import Foundation

/// A candidate's public portfolio settings: off until they publish it, at an address they choose.
public struct PortfolioSettings: Codable, Sendable, Equatable {
    public var published: Bool
    public var slug: String
    public var headline: String

    public init(published: Bool = false, slug: String = "", headline: String = "") {
        self.published = published
        self.slug = slug
        self.headline = headline
    }
}

/// The portfolio settings form or payload, checked field by field.
public struct PortfolioSettingsInput: Sendable, Equatable {
    public var published: Bool
    public var slug: String?
    public var headline: String?

    /// Addresses that would read as the platform's own pages rather than a person's.
    static let reserved: Set<String> = ["admin", "api", "me", "new", "settings", "tryout", "support", "help", "about", "portfolio"]

    public init(published: Bool, slug: String?, headline: String?) {
        self.published = published
        self.slug = slug
        self.headline = headline
    }

    public func validated() throws(ValidationFailure) -> PortfolioSettings {
        var v = Validator()
        let slug = TextInput.trimmed(slug ?? "").lowercased()
        let shaped = (3...40).contains(slug.count) && slug.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
            && !slug.hasPrefix("-") && !slug.hasSuffix("-")
        if slug.isEmpty {
            v.check(!published, "slug", "Choose the address of your portfolio before publishing it.")
        } else {
            v.check(shaped, "slug", "The address has 3 to 40 lower-case letters, digits and dashes, like ada-okafor.")
            v.check(!Self.reserved.contains(slug), "slug", "“\(slug)” is kept for the platform; choose another address.")
        }
        let headline = TextInput.trimmed(headline ?? "")
        v.check(TextInput.isStorable(headline), "headline", "The headline contains control characters; remove them.")
        v.check(headline.unicodeScalars.count <= 140, "headline", "The headline must be at most 140 characters.")
        try v.finish()
        return PortfolioSettings(published: published, slug: slug, headline: headline)
    }
}

/// A short endorsement a manager writes about a candidate's work on their organization's project.
public enum EndorsementText {
    public static let maxLength = 500

    public static func validated(_ raw: String?) throws(ValidationFailure) -> String {
        var v = Validator()
        let text = v.required(raw, "text", label: "The endorsement", maxLength: maxLength)
        try v.finish()
        return text
    }
}

/// Why a credential is revoked: recorded, shown on its page and told to the candidate.
public enum RevocationReason {
    public static func validated(_ raw: String?) throws(ValidationFailure) -> String {
        var v = Validator()
        let reason = v.required(raw, "reason", label: "The reason", maxLength: 500)
        try v.finish()
        return reason
    }
}

/// LinkedIn's "add a certification" link, filled in from a credential so the candidate only confirms.
public enum LinkedInCertification {
    public static func url(name: String, organization: String, issued: Date, credentialURL: String, credentialID: String) -> String {
        let day = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: issued)
        var components = URLComponents(string: "https://www.linkedin.com/profile/add")!
        components.queryItems = [
            URLQueryItem(name: "startTask", value: "CERTIFICATION_NAME"),
            URLQueryItem(name: "name", value: name),
            URLQueryItem(name: "organizationName", value: organization),
            URLQueryItem(name: "issueYear", value: String(day.year ?? 1970)),
            URLQueryItem(name: "issueMonth", value: String(day.month ?? 1)),
            URLQueryItem(name: "certUrl", value: credentialURL),
            URLQueryItem(name: "certId", value: credentialID),
        ]
        // `+` is a space to LinkedIn's form decoder; spell it out.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.url!.absoluteString
    }
}

/// How many of a candidate's credentials show each skill, most shown first (then by name).
public enum VerifiedSkillCount {
    public static func count(_ credentials: [OpenBadgeCredential]) -> [(name: String, url: String, count: Int)] {
        var counts: [String: (name: String, count: Int)] = [:]
        for credential in credentials {
            for alignment in credential.credentialSubject.achievement.alignment ?? [] {
                counts[alignment.targetUrl, default: (alignment.targetName, 0)].count += 1
            }
        }
        return counts.map { (name: $0.value.name, url: $0.key, count: $0.value.count) }
            .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
    }
}
