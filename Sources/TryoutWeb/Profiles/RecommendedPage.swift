import Plot
import TryoutCore

/// `/profile/recommended`: the best matches among the newest projects that ask for the candidate's skills.
struct RecommendedPage: Component {
    var view: RecommendationsView

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Recommended for you")
            Tag.text("p", "The best matches among the \(view.considered) newest projects that ask for one of your skills, leaving out those you have applied to.",
                     ["class": "lead"])
            if view.projects.isEmpty {
                Tag("p", [:]) {
                    Text(view.hasSkills ? "No open project you have not applied to asks for your skills right now. " : "Add your skills to get recommendations. ")
                    Tag.link(view.hasSkills ? "Browse every project" : "Edit your profile",
                             to: view.hasSkills ? SiteURL.Projects.marketplace.path : SiteURL.Profiles.profile.path)
                }
            } else {
                Tag("ul", ["class": "cards"]) {
                    for project in view.projects {
                        Tag("li", ["class": "card"]) {
                            Tag("h2", [:]) { Tag.link(project.title, to: SiteURL.Projects.project(.value(project.id)).path) }
                            Tag.text("p", project.organizationName, ["class": "meta"])
                            Tag.text("p", "Match \(project.score.total) of 100: " + project.score.explanation.prefix(2).joined(separator: "; "))
                            Tag.text("p", project.facts, ["class": "meta"])
                        }
                    }
                }
            }
        }
    }
}
