import Foundation
import Plot
import TryoutCore

/// One agreement: its exact text, its fingerprint, both signatures, and the signing form for
/// the side that has yet to sign. Printing the page gives the printable copy.
struct AgreementPage: Component {
    var engagement: EngagementView
    /// The reader's part in the engagement, and the name the signing form suggests.
    var role: EngagementRole
    var viewerName: String
    var agreement: AgreementDocument
    var csrf: String
    var errors: [FieldError] = []
    /// The standalone copy to print or keep: the text and signatures, no forms.
    var printable = false

    var body: Component {
        let id = engagement.id
        let agreementID = agreement.id
        let side = role.side
        return ComponentGroup {
            EngagementHeader(engagement: engagement, current: "")
            Tag.text("h2", "\(agreement.kind.label), version \(agreement.version)")
            Tag("dl", ["class": "facts"]) {
                Tag.text("dt", "Worker classification")
                Tag.text("dd", engagement.classification.label)
                Tag.text("dt", "SHA-256 of the text")
                Tag.text("dd", agreement.sha256, ["class": "fingerprint"])
                Tag.text("dt", "Text intact")
                Tag.text("dd", agreement.isIntact ? "Yes: the text matches its fingerprint." : "No: the text has changed since it was issued.",
                         ["class": agreement.isIntact ? "done" : "late"])
                // Each side sees the address it signed from, never the other's: a candidate's address
                // says where they are. Both stay stored as evidence.
                signature(.candidate, name: agreement.candidateName, at: agreement.candidateSignedAt,
                          ip: side == .candidate ? agreement.candidateIP : nil)
                signature(.employer, name: agreement.employerName, at: agreement.employerSignedAt,
                          ip: side == .employer ? agreement.employerIP : nil)
            }
            if agreement.superseded {
                Tag.text("p", "A newer version replaced this one; it is kept as it was.", ["class": "flash flash-error"])
            }
            if !printable {
                Tag("p", ["class": "actions no-print"]) {
                    Tag.link("Download the text (.txt)", to: SiteURL.Engagements.engagement(id, .agreement(.value(agreementID), .text)).path)
                    Tag.link("Download a printable copy (.html)", to: SiteURL.Engagements.engagement(id, .agreement(.value(agreementID), .print)).path)
                }
            }
            Tag("article", ["class": "agreement-text brief", "aria-label": "Agreement text"]) {
                Node<HTML.BodyContext>.raw(SafeMarkdown.html(agreement.text))
            }
            if !printable && !agreement.superseded && agreement.signedAt(side) == nil && EngagementAccess.may(role, .sign(side)) && !engagement.state.isOver {
                Tag("section", ["class": "panel no-print", "aria-labelledby": "sign-title"]) {
                    Tag.text("h2", "Sign as the \(side.label.lowercased())", ["id": "sign-title"])
                    ErrorSummary(errors: errors)
                    PostForm(action: SiteURL.Engagements.engagement(id, .agreement(.value(agreementID), .sign)).path, csrf: csrf) {
                        Field(name: "fullName", label: "Your full name", value: viewerName, error: errors.message("fullName"),
                              hint: "Typing your name signs the agreement. The time, your address and your browser are recorded with it.",
                              autocomplete: "name")
                        CheckboxField(name: "consent", label: "I have read this agreement and agree to it.", checked: false,
                                      error: errors.message("consent"))
                        Submit("Sign")
                    }
                }
            }
            if !printable && EngagementAccess.may(role, .sign(.employer)) && engagement.state == .contracting && !agreement.superseded {
                PostForm(action: SiteURL.Engagements.engagement(id, .agreement(.value(agreementID), .reissue)).path, csrf: csrf) {
                    Submit("Issue a new version from the current template", style: "secondary")
                }
            }
        }
    }

    private func signature(_ side: EngagementSide, name: String?, at: Date?, ip: String?) -> Component {
        ComponentGroup {
            Tag.text("dt", "\(side.label) signature")
            if let name, let at {
                Tag.text("dd", "\(name), \(DateText.short(at))" + (ip.map { ", from \($0)" } ?? ""))
            } else {
                Tag.text("dd", "Not signed yet")
            }
        }
    }
}

/// An organization's agreement templates: which kinds use its own wording.
struct AgreementTemplatesPage: Component {
    var slug: String
    /// When the organization last changed each kind it words itself.
    var changed: [AgreementKind: Date]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Agreement templates")
            Tag.text("p", "Every project's agreements are rendered from these when a candidate accepts a place. Agreements already issued keep their text.",
                     ["class": "lead"])
            Tag("ul", [:]) {
                for kind in AgreementKind.allCases {
                    Tag("li", [:]) {
                        Tag.link(kind.label, to: SiteURL.Engagements.agreementTemplate(slug, kind).path)
                        Text(changed[kind].map { " · your wording, changed \(DateText.short($0))" } ?? " · standard wording")
                    }
                }
            }
        }
    }
}

/// Editing one agreement template, with the placeholders it may use.
struct AgreementTemplatePage: Component {
    var slug: String
    var kind: AgreementKind
    var text: String
    var isOwn: Bool
    var csrf: String
    var errors: [FieldError] = []

    var body: Component {
        ComponentGroup {
            Tag.text("h1", kind.label)
            Tag("p", [:]) { Tag.link("All templates", to: SiteURL.Engagements.agreementTemplates(.value(slug)).path) }
            ErrorSummary(errors: errors)
            PostForm(action: SiteURL.Engagements.agreementTemplate(slug, kind).path, csrf: csrf) {
                TextAreaField(name: "body", label: "Agreement text (Markdown)", value: text, error: errors.message("body"),
                              hint: "Placeholders: " + AgreementField.allCases.map { "{{\($0.rawValue)}}" }.joined(separator: ", ")
                                  + ". The worker classification is printed at the top of every agreement.", rows: 20)
                Submit("Save the template")
            }
            if isOwn {
                PostForm(action: SiteURL.Engagements.agreementTemplate(slug, kind, reset: true).path, csrf: csrf) {
                    Submit("Go back to the standard wording", style: "secondary")
                }
            }
        }
    }
}
