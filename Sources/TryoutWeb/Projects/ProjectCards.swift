import Plot
import TryoutCore

/// The cards that list projects on the home, marketplace and organization pages.
struct ProjectCards: Component {
    /// One project as a card shows it.
    struct Card {
        var id: ProjectID
        var title: String
        var organizationName: String
        var summary: String
        /// Pay, time and place on one line (`ProjectFacts.line`).
        var facts: String
    }

    var cards: [Card]
    var showOrganization: Bool

    var body: Component {
        if cards.isEmpty { return Tag.text("p", "No open projects right now.") }
        return Tag("ul", ["class": "cards"]) {
            for card in cards {
                Tag("li", ["class": "card"]) {
                    Tag("h3", [:]) { Tag.link(card.title, to: SiteURL.projects(.project(.value(card.id))).path) }
                    if showOrganization { Tag.text("p", card.organizationName, ["class": "meta"]) }
                    Tag.text("p", card.summary)
                    Tag.text("p", card.facts, ["class": "meta"])
                }
            }
        }
    }
}
