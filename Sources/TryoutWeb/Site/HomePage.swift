import Plot
import TryoutCore

struct HomePage: Component {
    /// The newest public projects.
    var projects: ProjectCards

    var body: Component {
        ComponentGroup {
            Tag("section", ["aria-labelledby": "hero-title"]) {
                Tag.text("h1", "Hire on proof of work, not on résumés", ["id": "hero-title"])
                Tag.text("p", "Tryout runs paid micro-internships: short projects of 5 to 40 hours that an employer designs like a test of the role, with the deliverables and how they will be judged fixed in advance. Candidates deliver real work, get structured feedback and pay, and leave with a verifiable credential.", ["class": "lead"])
                Tag("p", [:]) {
                    Tag.link("Find a project: sign up as a candidate", to: SiteURL.accounts(.signUp(kind: .candidate)).path, ["class": "button primary"])
                    Text(" ")
                    Tag.link("Post a project: sign up as an employer", to: SiteURL.accounts(.signUp(kind: .employer)).path, ["class": "button secondary"])
                }
            }
            Tag("section", ["aria-labelledby": "latest-title"]) {
                Tag.text("h2", "Latest projects", ["id": "latest-title"])
                projects
            }
            Tag("section", ["aria-labelledby": "how-title"]) {
                Tag.text("h2", "How it works", ["id": "how-title"])
                Tag("ol", [:]) {
                    Tag.text("li", "An employer writes a one-page brief with deliverables and a scoring rubric.")
                    Tag.text("li", "Candidates apply; reviewers see skills and answers, not names or schools.")
                    Tag.text("li", "The chosen candidate does the work, is reviewed on the rubric and gets paid.")
                    Tag.text("li", "The best become hires; everyone keeps a credential and a portfolio piece.")
                }
            }
        }
    }
}
