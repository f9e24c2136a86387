import Foundation
import Plot
import TryoutApp
import TryoutCore
import TryoutStore

/// `/` for a signed-in person: what waits for them, then their projects, work, students or the
/// platform's queue, as their roles give them.
struct PersonalHomePage: Component {
    var home: HomeView
    var now: Date

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Welcome, \(home.name)")
            todo
            for employer in home.employers { employerPart(employer) }
            if let candidate = home.candidate { candidatePart(candidate) }
            for partner in home.partners { partnerPart(partner) }
            if let platform = home.platform { platformPart(platform) }
            if home.isEmpty {
                Tag("p", [:]) {
                    Text("You are not part of an organization and have no candidate profile yet. ")
                    Tag.link("Find a project", to: SiteURL.projects(.marketplace).path)
                    Text(" or ")
                    Tag.link("open your settings", to: SiteURL.accounts(.settings).path)
                    Text(".")
                }
            }
        }
    }

    private var todo: Component {
        Tag("section", ["class": "todo", "aria-labelledby": "todo-title"]) {
            Tag.text("h2", "What needs you now", ["id": "todo-title"])
            if home.todo.isEmpty {
                Tag.text("p", "Nothing waits for you right now.")
            } else {
                Tag("ul", [:]) {
                    for item in home.todo { Tag("li", [:]) { Tag.link(item.text, to: item.link) } }
                }
            }
        }
    }

    private func employerPart(_ employer: HomeView.Employer) -> Component {
        let titleID = "org-\(employer.slug)"
        return Tag("section", ["aria-labelledby": titleID]) {
            Tag.text("h2", "\(employer.name): projects", ["id": titleID])
            if employer.runsProjects {
                Tag("p", ["class": "actions"]) {
                    Tag.link("Write a brief", to: SiteURL.projects(.newProject(.value(employer.slug))).path, ["class": "button primary"])
                    Tag.link("All projects", to: SiteURL.projects(.organizationProjects(.value(employer.slug))).path)
                    Tag.link("Members", to: SiteURL.organizations(.organization(.value(employer.slug), .members)).path)
                }
                if employer.projects.isEmpty {
                    Tag.text("p", "No current projects: write a brief to start.")
                } else {
                    projectTable(employer)
                }
            } else {
                Tag("p", [:]) {
                    Text("You review work for \(employer.name). ")
                    Tag.link("Your review queue", to: SiteURL.reviews(.queue).path)
                }
            }
        }
    }

    private func projectTable(_ employer: HomeView.Employer) -> Component {
        let headings = ["Project", "State", "Waiting", "Shortlisted", "Offers open", "Working"]
        return Tag("table", [:]) {
            Tag.text("caption", "Current projects of \(employer.name)", ["class": "visually-hidden"])
            Tag("thead", [:]) { Tag("tr", [:]) { for heading in headings { Tag.text("th", heading, ["scope": "col"]) } } }
            Tag("tbody", [:]) {
                for row in employer.projects {
                    Tag("tr", [:]) {
                        Tag("th", ["scope": "row"]) { Tag.link(row.counts.title, to: row.link) }
                        Tag.text("td", row.counts.state.rawValue.capitalized, ["data-label": headings[1]])
                        countCell(row.counts.waiting, headings[2], link: row.applicants(.submitted))
                        countCell(row.counts.shortlisted, headings[3], link: row.applicants(.shortlisted))
                        countCell(row.counts.offered, headings[4], link: row.applicants(.offered))
                        countCell(row.counts.working, headings[5], link: nil)
                    }
                }
            }
        }
    }

    private func countCell(_ count: Int, _ label: String, link: String?) -> Component {
        Tag("td", ["data-label": label]) {
            if let link, count > 0 { Tag.link(String(count), to: link) } else { Text(String(count)) }
        }
    }

    private func candidatePart(_ candidate: HomeView.Candidate) -> Component {
        Tag("section", ["aria-labelledby": "work-title"]) {
            Tag.text("h2", "Your work", ["id": "work-title"])
            if candidate.steps.isEmpty {
                Tag.text("p", "No engagement running. An accepted place starts one.")
            } else {
                Tag("ul", ["class": "checklist"]) {
                    for step in candidate.steps {
                        Tag("li", [:]) {
                            Tag.link(step.projectTitle, to: HomeView.engagement(step.engagementID))
                            Tag.text("span", step.state.label, ["class": "tag"])
                            Tag.text("span", step.next.owner == .employer ? "Waiting for the employer: \(step.next.text)" : step.next.text)
                        }
                    }
                }
            }
            if !candidate.deadlines.isEmpty {
                Tag.text("h3", "Deadlines")
                Tag("ul", [:]) {
                    for deadline in candidate.deadlines {
                        Tag("li", [:]) {
                            Tag.link("\(deadline.deliverable): \(deadline.projectTitle)", to: HomeView.engagement(deadline.engagementID, .board))
                            Text(" · due \(DateText.day(deadline.due))")
                            if deadline.late { Tag.text("span", " · late", ["class": "late"]) }
                        }
                    }
                }
            }
            Tag.text("h3", "Applications waiting for an answer")
            if candidate.applications.isEmpty {
                Tag.text("p", "None right now.")
            } else {
                Tag("ul", [:]) {
                    for application in candidate.applications {
                        Tag("li", [:]) {
                            Tag.link(application.projectTitle, to: SiteURL.applications(.application(.value(application.id))).path)
                            Text(" · \(application.organizationName) · \(application.standing.text(at: now))")
                        }
                    }
                }
            }
            Tag("p", [:]) {
                if candidate.applicationCount > 0 {
                    Tag.link("All \(HomeView.count(candidate.applicationCount, "application"))", to: SiteURL.applications(.mine).path)
                } else {
                    Tag.link("Find a project to apply to", to: SiteURL.projects(.marketplace).path)
                }
            }
            Tag.text("h3", "Recommended for you")
            if let recommended = candidate.recommended, candidate.hasSkills {
                if recommended.cards.isEmpty {
                    Tag.text("p", "No open project you have not applied to asks for your skills right now.")
                } else {
                    recommended
                    Tag("p", [:]) { Tag.link("More projects that match your skills", to: SiteURL.Profiles.recommended.path) }
                }
            } else {
                Tag("p", [:]) {
                    Tag.link("Add your skills to your profile", to: SiteURL.Profiles.profile.path)
                    Text(" and the projects that match them show here.")
                }
            }
        }
    }

    private func partnerPart(_ partner: HomeView.Partner) -> Component {
        let titleID = "school-\(partner.slug)"
        let students = SiteURL.students(.list(.value(partner.slug))).path
        return Tag("section", ["aria-labelledby": titleID]) {
            Tag.text("h2", "\(partner.name): students", ["id": titleID])
            Tag("dl", ["class": "facts"]) {
                for (term, value) in [("Students", partner.students), ("Applications sent", partner.outcomes.applications),
                                      ("Working on a project now", partner.outcomes.working), ("Projects completed", partner.outcomes.completed),
                                      ("Credentials earned", partner.outcomes.credentials)] {
                    Tag.text("dt", term)
                    Tag.text("dd", String(value))
                }
            }
            Tag("p", ["class": "actions"]) {
                Tag.link("Invite students", to: students + "#invite-title", ["class": "button primary"])
                Tag.link("Each student's activity", to: students)
            }
            Tag.text("h3", "Projects shared with \(partner.name)")
            if partner.shared.isEmpty {
                Tag.text("p", "No employer shares an open project with \(partner.name) right now.")
            } else {
                Tag("ul", [:]) {
                    for project in partner.shared {
                        Tag("li", [:]) {
                            Tag.link(project.title, to: SiteURL.projects(.project(project.id)).path)
                            Text(" · \(project.organizationName)")
                        }
                    }
                }
            }
        }
    }

    private func platformPart(_ platform: HomeFacts.PlatformQueue) -> Component {
        Tag("section", ["aria-labelledby": "platform-title"]) {
            Tag.text("h2", "The platform", ["id": "platform-title"])
            Tag("ul", [:]) {
                Tag("li", [:]) { Tag.link("Organizations (\(platform.unverifiedOrganizations) to verify)", to: SiteURL.admin(.organizations).path) }
                Tag("li", [:]) { Tag.link("Disputes (\(platform.openDisputes) open)", to: SiteURL.disputes(.desk).path) }
                Tag("li", [:]) {
                    Tag.link("Background jobs (\(platform.deadJobs) gave up, \(platform.failingJobs) failing)", to: SiteURL.admin(.jobs()).path)
                }
            }
        }
    }
}
