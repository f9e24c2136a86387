import Plot

/// Where an invitation e-mail leads: to join an organization as a member or as a student.
struct InvitationPage: Component {
    var csrf: String
    var organizationName: String
    /// "staff", "a student": what the person becomes.
    var joiningAs: String
    var email: String
    /// This page, to come back to after signing in.
    var link: String
    var accept: String
    var signedInEmail: String?

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Join \(organizationName)")
            Tag.text("p", "You have been invited to join \(organizationName) on Tryout as \(joiningAs).", ["class": "lead"])
            if signedInEmail == email {
                PostForm(action: accept, csrf: csrf) {
                    Submit("Accept and join")
                }
            } else if let signedInEmail {
                Tag.text("p", "You are signed in as \(signedInEmail), but the invitation was sent to \(email). Sign out and sign in with that address to accept it.")
            } else {
                Tag("p", [:]) {
                    Text("The invitation was sent to \(email). ")
                    Tag.link("Sign in", to: SiteURL.accounts(.signIn(next: link)).path)
                    Text(" with that address, or ")
                    Tag.link("create an account", to: SiteURL.accounts(.signUp()).path)
                    Text(" with it and open this link again.")
                }
            }
        }
    }
}
