import Foundation
import Plot
import TryoutCore

/// A candidate's applications, newest first.
struct MyApplicationsPage: Component {
    var applications: [MyApplicationRow]
    var now: Date

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Your applications")
            if applications.isEmpty {
                Tag("p", [:]) {
                    Text("You have not applied to any project yet. ")
                    Tag.link("Find a project", to: SiteURL.projects(.marketplace).path)
                }
            } else {
                Tag("table", [:]) {
                    Tag("thead", [:]) {
                        Tag("tr", [:]) { for heading in ["Project", "Organization", "Applied", "Status"] { Tag.text("th", heading, ["scope": "col"]) } }
                    }
                    Tag("tbody", [:]) {
                        for application in applications {
                            Tag("tr", [:]) {
                                Tag("th", ["scope": "row"]) { Tag.link(application.projectTitle, to: SiteURL.applications(.application(.value(application.id))).path) }
                                Tag.text("td", application.organizationName, ["data-label": "Organization"])
                                Tag.text("td", DateText.day(application.appliedAt), ["data-label": "Applied"])
                                Tag.text("td", application.standing.text(at: now), ["data-label": "Status"])
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One application as its candidate sees it, with the answers sent and the moves left to make.
struct MyApplicationPage: Component {
    var application: MyApplicationDetail
    var now: Date
    var csrf: String

    var body: Component {
        let row = application.row
        return ComponentGroup {
            Tag.text("h1", row.projectTitle)
            Tag("p", ["class": "meta"]) {
                Text("\(row.organizationName) · applied \(DateText.day(row.appliedAt)) · ")
                Tag.link("Read the brief", to: SiteURL.projects(.project(.value(application.projectID))).path)
            }
            Tag.text("p", "Status: " + row.standing.text(at: now), ["class": "lead"])
            if let engagementID = application.engagementID {
                Tag("p", [:]) { Tag.link("Go to the engagement: agreements, onboarding and work", to: SiteURL.engagements(.engagement(.value(engagementID))).path, ["class": "button primary"]) }
            }
            if !application.message.isEmpty {
                Tag("section", ["class": "panel", "aria-labelledby": "message-title"]) {
                    Tag.text("h2", "Message from \(row.organizationName)", ["id": "message-title"])
                    Tag.text("p", application.message)
                }
            }
            Tag("div", ["class": "actions"]) {
                if row.standing.offerOpen(at: now) {
                    PostForm(action: answer(.accept), csrf: csrf) { Submit("Accept the offer") }
                    PostForm(action: answer(.decline), csrf: csrf) { Submit("Decline", style: "secondary") }
                }
                if ApplicationLifecycle.allowedTargets(from: row.standing.state).contains(.withdrawn) {
                    PostForm(action: answer(.withdraw), csrf: csrf) { Submit("Withdraw", style: "danger") }
                }
            }
            Tag.text("h2", "What you sent")
            if application.answers.isEmpty && application.coverNote.isEmpty && application.portfolio.isEmpty {
                Tag.text("p", "No answers were asked for.")
            }
            Tag("dl", ["class": "facts"]) {
                for (index, answer) in application.answers.enumerated() {
                    Tag.text("dt", "Answer \(index + 1)")
                    Tag.text("dd", answer)
                }
                if !application.coverNote.isEmpty {
                    Tag.text("dt", "Cover note")
                    Tag.text("dd", application.coverNote)
                }
                for (index, link) in application.portfolio.enumerated() {
                    Tag.text("dt", "Work sample \(index + 1)")
                    Tag("dd", [:]) { Tag.link(link, to: link, ["rel": "nofollow noopener"]) }
                }
            }
        }
    }
}

extension MyApplicationPage {
    private func answer(_ answer: CandidateAnswer) -> String {
        SiteURL.applications(.application(.value(application.row.id), answer)).path
    }
}

/// What changed for the person, newest first; unread ones stand out.
struct NotificationsPage: Component {
    var items: [NotificationItem]
    /// The reader's zone: each time shows once, in it, with UTC on hover.
    var zone: TimeZone
    var csrf: String

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Notifications")
            if items.isEmpty {
                Tag.text("p", "Nothing yet. You will hear here when an application moves.")
            } else {
                if items.contains(where: \.unread) {
                    PostForm(action: SiteURL.applications(.markNotificationsRead).path, csrf: csrf) { Submit("Mark all as read", style: "secondary") }
                }
                Tag("ul", ["class": "notifications"]) {
                    for item in items {
                        Tag("li", item.unread ? ["class": "unread"] : [:]) {
                            if item.unread { Tag.text("strong", "New: ") }
                            Tag.link(item.message, to: item.link)
                            Tag("span", ["class": "meta"]) {
                                Text(" · ")
                                Tag.text("time", DateText.short(item.createdAt, in: zone), ["datetime": DateText.iso(item.createdAt),
                                                                                           "title": DateText.short(item.createdAt)])
                            }
                        }
                    }
                }
            }
        }
    }
}
