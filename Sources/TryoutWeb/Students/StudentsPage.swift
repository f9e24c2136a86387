import Foundation
import Plot
import TryoutCore
import TryoutStore

/// `/orgs/:slug/students`: a partner's students, pending invitations and the invite form.
struct StudentsPage: Component {
    /// One student of the partner.
    struct Student: Sendable {
        var id: StudentID
        var displayName: String
        var email: String
        var joined: Date
        var outcomes: HomeFacts.StudentOutcomes
    }

    var csrf: String
    var org: OrganizationView
    var students: [Student]
    var invitations: [PendingInvitations.Item]
    var errors: [FieldError]
    var emails: String

    static let headings = ["Name", "E-mail", "Joined", "Applications", "Working now", "Completed", "Credentials"]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "\(org.name): students")
            Tag("p", [:]) {
                Tag.link("Public page", to: org.url())
                Text(" · ")
                Tag.link("Members", to: org.url(.members))
            }
            Tag.text("p", "Students see the projects employers share with \(org.name), besides the public ones.", ["class": "lead"])
            ErrorSummary(errors: errors)
            if students.isEmpty {
                Tag.text("p", "No students yet: invite them below.")
            } else {
                Tag("table", [:]) {
                    Tag.text("caption", "Students of \(org.name), with what they have done on Tryout", ["class": "visually-hidden"])
                    Tag("thead", [:]) {
                        Tag("tr", [:]) {
                            for heading in Self.headings { Tag.text("th", heading, ["scope": "col"]) }
                            Tag("th", ["scope": "col"]) { Tag.text("span", "Actions", ["class": "visually-hidden"]) }
                        }
                    }
                    Tag("tbody", [:]) {
                        for student in students {
                            Tag("tr", [:]) {
                                Tag.text("th", student.displayName, ["scope": "row"])
                                let outcomes = student.outcomes
                                for (heading, value) in zip(Self.headings.dropFirst(), [student.email, DateText.day(student.joined), String(outcomes.applications),
                                                                                       String(outcomes.working), String(outcomes.completed), String(outcomes.credentials)]) {
                                    Tag.text("td", value, ["data-label": heading])
                                }
                                Tag("td", [:]) {
                                    ActionLink(title: "Remove", url: SiteURL.students(.remove(.value(org.slug), .value(student.id))).path, detail: student.email)
                                }
                            }
                        }
                    }
                }
            }
            PendingInvitations(csrf: csrf, items: invitations)
            Tag.text("h2", "Invite students", ["id": "invite-title"])
            PostForm(action: SiteURL.students(.invitations(.value(org.slug))).path, csrf: csrf) {
                TextAreaField(name: "emails", label: "E-mail addresses", value: emails, error: errors.message("emails"),
                              hint: "Up to \(EmailAddress.maxListCount) at a time, separated by commas or one a line. "
                                  + "Each gets a link that works for 7 days, only for that address.")
                Submit("Send invitations")
            }
        }
    }
}
