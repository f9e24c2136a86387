import Foundation
import Plot
import TryoutApp
import TryoutCore

/// What verifying found, in one line: valid, revoked, or not to be relied on.
struct VerificationBanner: Component {
    var verification: CredentialVerification
    var revocationReason: String?

    var body: Component {
        switch verification.status {
        case .valid:
            Tag.text("p", "Verified: signed by its issuer's published key, within its dates, and not revoked.", ["class": "flash", "role": "status"])
        case .revoked:
            Tag.text("p", "Revoked by its issuer" + (revocationReason.map { ": \($0)" } ?? "."), ["class": "flash flash-error", "role": "status"])
        case .invalid:
            Tag.text("p", "Does not verify: see the failed checks below. Do not rely on this credential.", ["class": "flash flash-error", "role": "status"])
        }
    }
}

/// Each check verifying ran, and what it found.
struct VerificationChecks: Component {
    var verification: CredentialVerification

    var body: Component {
        ComponentGroup {
            Tag.text("h2", "How it was checked")
            Tag("dl", ["class": "facts"]) {
                for check in verification.checks {
                    Tag.text("dt", check.name)
                    Tag.text("dd", "\(check.outcome.rawValue.capitalized): \(check.detail)")
                }
            }
        }
    }
}

/// `/credentials/{id}`: the credential verified now, what it says, and its downloads.
struct CredentialPage: Component {
    var view: CredentialView
    var csrf: String
    var endorsement = ""
    var errors: [FieldError] = []

    private var credential: OpenBadgeCredential? { view.verification.credential }

    var body: Component {
        ComponentGroup {
            Tag.text("h1", view.name)
            ErrorSummary(errors: errors)
            VerificationBanner(verification: view.verification, revocationReason: view.revocationReason)
            Tag("section", ["class": "panel", "aria-labelledby": "about-title"]) {
                Tag.text("h2", "What it says", ["id": "about-title"])
                Tag("dl", ["class": "facts"]) {
                    Tag.text("dt", "Issued by")
                    Tag.text("dd", "\(credential?.issuer.name ?? "") (\(credential?.issuer.id ?? view.verification.issuer ?? ""))")
                    Tag.text("dt", "Work set and judged by")
                    Tag.text("dd", credential?.credentialSubject.achievement.creator.name ?? view.organizationName)
                    Tag.text("dt", "Issued")
                    Tag.text("dd", DateText.day(view.issuedAt))
                    if let start = credential?.credentialSubject.activityStartDate, let end = credential?.credentialSubject.activityEndDate {
                        Tag.text("dt", "Work done")
                        Tag.text("dd", "\(start.prefix(10)) to \(end.prefix(10))")
                    }
                    Tag.text("dt", "Earned by")
                    Tag.text("dd", "The holder of an e-mail address, kept as a salted hash: the credential proves it to anyone they tell the address to.")
                }
                if let achievement = credential?.credentialSubject.achievement {
                    Tag.text("p", achievement.description)
                    Tag.text("h3", "Criteria")
                    Tag.text("p", achievement.criteria.narrative, ["class": "pre-line"])
                }
            }
            if let alignment = credential?.credentialSubject.achievement.alignment, !alignment.isEmpty {
                Tag("section", ["class": "panel", "aria-labelledby": "skills-title"]) {
                    Tag.text("h2", "Skills shown (ESCO)", ["id": "skills-title"])
                    Tag("ul", ["class": "inline-list"]) {
                        for skill in alignment { Tag("li", [:]) { Tag.link(skill.targetName, to: skill.targetUrl) } }
                    }
                }
            }
            CredentialResults(credential: credential)
            if let evidence = credential?.evidence, !evidence.isEmpty, view.revokedAt == nil {
                Tag("section", ["class": "panel", "aria-labelledby": "evidence-title"]) {
                    Tag.text("h2", "Accepted work", ["id": "evidence-title"])
                    Tag("ul", [:]) { for item in evidence { Tag("li", [:]) { Tag.link(item.name, to: item.id) } } }
                }
            }
            Endorsements(endorsements: view.endorsements)
            Tag("section", ["class": "panel", "aria-labelledby": "downloads-title"]) {
                Tag.text("h2", "Download and share", ["id": "downloads-title"])
                Tag("ul", [:]) {
                    Tag("li", [:]) {
                        Tag.link("The signed credential (VC-JWT)", to: SiteURL.credentials(.download(.value(view.id), .jwt)).path)
                    }
                    Tag("li", [:]) {
                        Tag.link("The credential as JSON", to: SiteURL.credentials(.download(.value(view.id), .json)).path)
                    }
                    if let linkedIn = view.linkedInURL {
                        Tag("li", [:]) { Tag.link("Add to your LinkedIn profile", to: linkedIn, ["rel": "noopener"]) }
                    }
                }
                Tag("p", ["class": "meta"]) {
                    Text("Anyone can check it with standard tools against the issuer's ")
                    Tag.link("DID document", to: SiteURL.credentials(.didDocument).path)
                    Text(", or paste it into ")
                    Tag.link("Verify a credential", to: SiteURL.credentials(.verify).path)
                    Text(".")
                }
            }
            if view.mayEndorse {
                Tag("section", ["class": "panel", "aria-labelledby": "endorse-title"]) {
                    Tag.text("h2", "Endorse this work", ["id": "endorse-title"])
                    PostForm(action: SiteURL.credentials(.endorse(.value(view.id))).path, csrf: csrf) {
                        TextAreaField(name: "text", label: "A few sentences on the work, shown on the candidate's portfolio", value: endorsement,
                                      error: errors.message("text"), hint: "At most \(EndorsementText.maxLength) characters.", rows: 3)
                        Submit("Save endorsement", style: "secondary")
                    }
                }
            }
            VerificationChecks(verification: view.verification)
            if view.mayRevoke {
                Tag("p", [:]) { Tag.link("Revoke this credential…", to: SiteURL.credentials(.revoke(.value(view.id))).path) }
            }
        }
    }
}

/// The rubric levels reached, per criterion.
struct CredentialResults: Component {
    var credential: OpenBadgeCredential?

    var body: Component {
        let descriptions = credential?.credentialSubject.achievement.resultDescription ?? []
        let levels = Dictionary(descriptions.flatMap { $0.rubricCriterionLevel.map { ($0.id, $0.name) } }, uniquingKeysWith: { first, _ in first })
        let names = Dictionary(descriptions.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let results = credential?.credentialSubject.result ?? []
        return ComponentGroup {
            if !results.isEmpty {
                Tag("section", ["class": "panel", "aria-labelledby": "result-title"]) {
                    Tag.text("h2", "Result on the rubric", ["id": "result-title"])
                    Tag("dl", ["class": "facts"]) {
                        for result in results {
                            Tag.text("dt", names[result.resultDescription] ?? "Criterion")
                            Tag.text("dd", levels[result.achievedLevel] ?? "")
                        }
                    }
                }
            }
        }
    }
}

struct Endorsements: Component {
    var endorsements: [CredentialView.Endorsement]

    var body: Component {
        ComponentGroup {
            if !endorsements.isEmpty {
                Tag("section", ["class": "panel", "aria-labelledby": "endorsements-title"]) {
                    Tag.text("h2", "Endorsements", ["id": "endorsements-title"])
                    for endorsement in endorsements {
                        Tag("figure", [:]) {
                            Tag.text("blockquote", endorsement.text)
                            Tag.text("figcaption", "\(endorsement.author), \(DateText.day(endorsement.date))", ["class": "meta"])
                        }
                    }
                }
            }
        }
    }
}

/// `/verify`: paste any VC-JWT and read what checking it found.
struct VerifyPage: Component {
    var csrf: String
    var jwt = ""
    var verification: CredentialVerification?
    var errors: [FieldError] = []

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Verify a credential")
            ErrorSummary(errors: errors)
            Tag.text("p", "Paste an Open Badges 3.0 credential signed as a VC-JWT, from Tryout or any issuer whose key is in a did:web document or embedded in the credential.",
                     ["class": "lead"])
            PostForm(action: SiteURL.credentials(.verify).path, csrf: csrf) {
                TextAreaField(name: "jwt", label: "The credential (VC-JWT)", value: jwt, error: errors.message("jwt"),
                              hint: "Three parts joined by dots, starting eyJ.", rows: 6)
                Submit("Verify")
            }
            if let verification {
                Tag("section", ["class": "panel", "aria-labelledby": "result-title"]) {
                    Tag.text("h2", "Result", ["id": "result-title"])
                    VerificationBanner(verification: verification)
                    if let credential = verification.credential {
                        Tag("dl", ["class": "facts"]) {
                            Tag.text("dt", "Credential")
                            Tag.text("dd", credential.name)
                            Tag.text("dt", "Issuer")
                            Tag.text("dd", "\(credential.issuer.name) (\(credential.issuer.id))")
                            Tag.text("dt", "Work set and judged by")
                            Tag.text("dd", credential.credentialSubject.achievement.creator.name)
                        }
                    }
                    VerificationChecks(verification: verification)
                }
            }
        }
    }
}

/// `/credentials/{id}/revoke`: a page of its own, since revoking cannot be undone.
struct RevokePage: Component {
    var view: CredentialView
    var csrf: String
    var reason = ""
    var errors: [FieldError] = []

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Revoke “\(view.name)”?")
            ErrorSummary(errors: errors)
            Tag.text("p", "The status list will say so to every verifier, the credential page will show the reason, and the candidate is told. It cannot be undone.")
            PostForm(action: SiteURL.credentials(.revoke(.value(view.id))).path, csrf: csrf) {
                TextAreaField(name: "reason", label: "Reason, shown on the credential's page and sent to the candidate", value: reason,
                              error: errors.message("reason"), rows: 3)
                Submit("Revoke the credential", style: "danger")
            }
            Tag("p", [:]) { Tag.link("Keep it", to: SiteURL.credentials(.credential(.value(view.id))).path) }
        }
    }
}

/// A showcased deliverable: what was asked and what was handed in and accepted.
struct EvidencePage: Component {
    var evidence: EvidenceView

    var body: Component {
        ComponentGroup {
            Tag.text("h1", evidence.title)
            Tag("p", ["class": "meta"]) {
                Text("Accepted work for the credential ")
                Tag.link(evidence.credentialName, to: evidence.credentialURL)
            }
            Tag("section", ["class": "panel", "aria-labelledby": "asked-title"]) {
                Tag.text("h2", "What was asked", ["id": "asked-title"])
                Tag.text("p", evidence.description, ["class": "pre-line"])
            }
            Tag("section", ["class": "panel", "aria-labelledby": "delivered-title"]) {
                Tag.text("h2", "What was delivered", ["id": "delivered-title"])
                if !evidence.note.isEmpty { Tag.text("p", evidence.note, ["class": "pre-line"]) }
                if !evidence.links.isEmpty {
                    Tag("ul", [:]) { for link in evidence.links { Tag("li", [:]) { Tag.link(link, to: link, ["rel": "nofollow noopener"]) } } }
                }
                if !evidence.files.isEmpty {
                    Tag.text("p", "Files handed in: " + evidence.files.map { "\($0.name) (\(ByteCountFormatter.string(fromByteCount: $0.size, countStyle: .file)))" }
                        .joined(separator: ", ") + ". The files stay with the employer.", ["class": "meta"])
                }
            }
        }
    }
}

/// `/credentials`: the signed-in person's credentials.
struct MyCredentialsPage: Component {
    var credentials: [(id: CredentialID, name: String, organization: String, issued: Date, revoked: Bool)]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "My credentials")
            Tag("p", [:]) {
                Text("Each completed engagement with accepted work earns a verifiable credential. Show them on ")
                Tag.link("your portfolio", to: SiteURL.credentials(.portfolioSettings).path)
                Text(".")
            }
            if credentials.isEmpty {
                Tag.text("p", "None yet.", ["class": "notice"])
            } else {
                Tag("ul", ["class": "cards"]) {
                    for credential in credentials {
                        Tag("li", ["class": "card"]) {
                            Tag("h2", [:]) { Tag.link(credential.name, to: SiteURL.credentials(.credential(.value(credential.id))).path) }
                            Tag.text("p", "\(credential.organization) · \(DateText.day(credential.issued))" + (credential.revoked ? " · revoked" : ""), ["class": "meta"])
                        }
                    }
                }
            }
        }
    }
}
