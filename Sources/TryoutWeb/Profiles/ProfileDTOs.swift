import Foundation
import TryoutApp
import TryoutCore
import Vapor

extension DTO {
    struct ProfileSkill: Content {
        var uri: String
        var label: String?
        var level: Int
    }

    /// The profile as its owner sees it, private note included.
    struct Profile: Content {
        var headline: String
        var skills: [ProfileSkill]
        var hoursPerWeek: Int
        var availableFrom: String?
        var availableTo: String?
        var timeZone: String
        var location: String
        var languages: [String]
        var education: String
        var accommodations: String
        var portfolioURL: String
        var githubURL: String
        var linkedInURL: String
        var discoverable: Bool

        init(_ own: OwnProfile) {
            let (profile, labels) = (own.profile, own.skillLabels)
            headline = profile.headline
            skills = profile.skills.map { ProfileSkill(uri: $0.uri, label: labels[$0.uri], level: $0.level) }
            hoursPerWeek = profile.hoursPerWeek
            availableFrom = profile.availableFrom.map { BriefInput.dayString($0) }
            availableTo = profile.availableTo.map { BriefInput.dayString($0) }
            timeZone = profile.timeZone
            location = profile.location
            languages = profile.languages
            education = profile.education
            accommodations = profile.accommodations
            portfolioURL = profile.portfolioURL
            githubURL = profile.githubURL
            linkedInURL = profile.linkedInURL
            discoverable = profile.discoverable
        }
    }

    struct ProfileInputSkill: Decodable {
        var uri: String
        var level: Int
    }

    /// What `PUT /api/v1/me/profile` takes; missing fields are empty.
    struct ProfileInput: Decodable {
        var headline: String?
        var skills: [ProfileInputSkill]?
        var hoursPerWeek: Int
        var availableFrom: String?
        var availableTo: String?
        var timeZone: String
        var location: String?
        var languages: [String]?
        var education: String?
        var accommodations: String?
        var portfolioURL: String?
        var githubURL: String?
        var linkedInURL: String?
        var discoverable: Bool?

        /// What the form cannot say: too many items, blank skill URIs, a language with a comma.
        func checkShape() throws(ValidationFailure) {
            var v = Validator()
            v.check((skills ?? []).count <= CandidateProfileInput.maxSkills, "skills", "At most \(CandidateProfileInput.maxSkills) skills.")
            for (index, skill) in (skills ?? []).enumerated() where TextInput.trimmed(skill.uri).isEmpty {
                v.add(FieldError("skills.\(index).uri", "Give the skill's ESCO URI."))
            }
            // As typed, before any trimming, as the API document's pattern reads it.
            let refused = { (scalar: Unicode.Scalar) in
                scalar == "," || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || [0x2028, 0x2029].contains(scalar.value)
            }
            for (index, language) in (languages ?? []).enumerated()
            where language.unicodeScalars.contains(where: refused) || TextInput.trimmed(language).isEmpty || language.unicodeScalars.count > 40 {
                v.add(FieldError("languages.\(index)", "One language an item, at most 40 characters, without commas or line breaks."))
            }
            try v.finish()
        }

        /// The same checks as the profile form: the input becomes the form's fields.
        var formInput: CandidateProfileInput {
            var fields: [String: String] = [
                "headline": headline ?? "", "hoursPerWeek": String(hoursPerWeek), "availableFrom": availableFrom ?? "",
                "availableTo": availableTo ?? "", "timeZone": timeZone, "location": location ?? "",
                "languages": (languages ?? []).joined(separator: ","), "education": education ?? "", "accommodations": accommodations ?? "",
                "portfolioURL": portfolioURL ?? "", "githubURL": githubURL ?? "", "linkedInURL": linkedInURL ?? "",
            ]
            if discoverable == true { fields["discoverable"] = "on" }
            for (index, skill) in (skills ?? []).prefix(CandidateProfileInput.maxSkills).enumerated() {
                fields["skill.\(index).label"] = skill.uri
                fields["skill.\(index).level"] = String(skill.level)
            }
            return CandidateProfileInput(fields)
        }
    }
}
