import Plot
import TryoutCore
import TryoutStore

/// `/orgs/:slug/students`: a partner's students, pending invitations and the invite form.
struct StudentsPage: Component {
    var csrf: String
    var org: OrganizationRecord
    var students: [PartnerStudentRecord]
    var invitations: [StudentInvitationRecord]
    var errors: [FieldError]
    var emails: String

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "\(org.name): students")
            Tag("p", [:]) {
                Tag.link("Public page", to: SiteURL.organization(org.slug).path)
                Text(" · ")
                Tag.link("Members", to: SiteURL.members(org.slug).path)
            }
            Tag.text("p", "Students see the projects employers share with \(org.name), besides the public ones.", ["class": "lead"])
            ErrorSummary(errors: errors)
            if students.isEmpty {
                Tag.text("p", "No students yet: invite them below.")
            } else {
                Tag("table", [:]) {
                    Tag.text("caption", "Students of \(org.name)", ["class": "visually-hidden"])
                    Tag("thead", [:]) {
                        Tag("tr", [:]) {
                            for heading in ["Name", "E-mail", "Joined"] { Tag.text("th", heading, ["scope": "col"]) }
                            Tag("th", ["scope": "col"]) { Tag.text("span", "Actions", ["class": "visually-hidden"]) }
                        }
                    }
                    Tag("tbody", [:]) {
                        for student in students {
                            Tag("tr", [:]) {
                                Tag.text("td", student.user.displayName)
                                Tag.text("td", student.user.email)
                                Tag.text("td", DateText.day(student.createdAt))
                                Tag("td", [:]) {
                                    PostForm(action: SiteURL.removeStudent(org.slug, student.id!).path, csrf: csrf) {
                                        Submit("Remove", style: "danger", detail: student.user.email)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            PendingInvitations(csrf: csrf, items: invitations.map {
                .init(email: $0.email, expires: $0.expiresAt, revoke: SiteURL.revokeStudentInvitation(org.slug, $0.id!).path)
            })
            Tag.text("h2", "Invite students")
            PostForm(action: SiteURL.studentInvitations(org.slug).path, csrf: csrf) {
                TextAreaField(name: "emails", label: "E-mail addresses", value: emails, error: errors.message("emails"),
                              hint: "Up to \(EmailAddress.maxListCount) at a time, separated by commas or one a line. "
                                  + "Each gets a link that works for 7 days, only for that address.")
                Submit("Send invitations")
            }
        }
    }
}
