import Foundation
import Plot
import TryoutCore

/// Invitations not yet accepted, each with a button that revokes it.
struct PendingInvitations: Component {
    struct Item {
        var email: String
        /// What the invitation offers, when the list mixes kinds: "reviewer".
        var offer: String?
        var expires: Date
        var revoke: String
    }

    var csrf: String
    var items: [Item]

    var body: Component {
        ComponentGroup {
            Tag.text("h2", "Pending invitations")
            if items.isEmpty {
                Tag.text("p", "No pending invitations.")
            } else {
                Tag("ul", [:]) {
                    for item in items {
                        Tag("li", [:]) {
                            Text(([item.email] + [item.offer].compactMap { $0 } + ["expires \(DateText.day(item.expires))"]).joined(separator: ", ") + " ")
                            PostForm(action: item.revoke, csrf: csrf) {
                                Submit("Revoke", style: "link", detail: "invitation for \(item.email)")
                            }
                        }
                    }
                }
            }
        }
    }
}
