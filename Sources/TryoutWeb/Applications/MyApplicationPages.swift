import Foundation
import Plot
import TryoutCore
import TryoutStore

/// A candidate's applications, newest first.
struct MyApplicationsPage: Component {
    var applications: [ApplicationRecord]
    var now: Date

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Your applications")
            if applications.isEmpty {
                Tag("p", [:]) {
                    Text("You have not applied to any project yet. ")
                    Tag.link("Find a project", to: SiteURL.marketplace.path)
                }
            } else {
                Tag("table", [:]) {
                    Tag("thead", [:]) {
                        Tag("tr", [:]) { for heading in ["Project", "Organization", "Applied", "Status"] { Tag.text("th", heading, ["scope": "col"]) } }
                    }
                    Tag("tbody", [:]) {
                        for application in applications {
                            Tag("tr", [:]) {
                                Tag("td", [:]) { Tag.link(application.project.title, to: SiteURL.application(application.id!).path) }
                                Tag.text("td", application.project.organization.name)
                                Tag.text("td", DateText.day(application.createdAt))
                                Tag.text("td", MyApplicationPage.status(application, now: now))
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
    var application: ApplicationRecord
    var now: Date
    var csrf: String
    var engagementID: UUID?

    static func status(_ application: ApplicationRecord, now: Date) -> String {
        guard application.state == .offered, let expires = application.offerExpiresAt else { return application.state.label }
        return application.offerExpired(at: now) ? "Offer expired" : "Offered: answer by \(DateText.short(expires))"
    }

    var body: Component {
        let project = application.project
        let id = application.id!
        return ComponentGroup {
            Tag.text("h1", project.title)
            Tag("p", ["class": "meta"]) {
                Text("\(project.organization.name) · applied \(DateText.day(application.createdAt)) · ")
                Tag.link("Read the brief", to: SiteURL.project(project.id!).path)
            }
            Tag.text("p", "Status: " + Self.status(application, now: now), ["class": "lead"])
            if let engagementID {
                Tag("p", [:]) { Tag.link("Go to the engagement: agreements, onboarding and work", to: SiteURL.engagement(engagementID).path, ["class": "button primary"]) }
            }
            if !application.message.isEmpty {
                Tag("section", ["class": "panel", "aria-labelledby": "message-title"]) {
                    Tag.text("h2", "Message from \(project.organization.name)", ["id": "message-title"])
                    Tag.text("p", application.message)
                }
            }
            Tag("div", ["class": "actions"]) {
                if application.state == .offered && !application.offerExpired(at: now) {
                    PostForm(action: SiteURL.applicationAction(id, "accept").path, csrf: csrf) { Submit("Accept the offer") }
                    PostForm(action: SiteURL.applicationAction(id, "decline").path, csrf: csrf) { Submit("Decline", style: "secondary") }
                }
                if ApplicationLifecycle.allowedTargets(from: application.state).contains(.withdrawn) {
                    PostForm(action: SiteURL.applicationAction(id, "withdraw").path, csrf: csrf) { Submit("Withdraw", style: "danger") }
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

/// What changed for the person, newest first; unread ones stand out.
struct NotificationsPage: Component {
    var items: [NotificationRecord]
    var csrf: String

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Notifications")
            if items.isEmpty {
                Tag.text("p", "Nothing yet. You will hear here when an application moves.")
            } else {
                if items.contains(where: { $0.readAt == nil }) {
                    PostForm(action: SiteURL.notifications.path + "/read", csrf: csrf) { Submit("Mark all as read", style: "secondary") }
                }
                Tag("ul", ["class": "notifications"]) {
                    for item in items {
                        Tag("li", item.readAt == nil ? ["class": "unread"] : [:]) {
                            if item.readAt == nil { Tag.text("strong", "New: ") }
                            Tag.link(item.message, to: item.link)
                            Tag.text("span", " · " + DateText.short(item.createdAt), ["class": "meta"])
                        }
                    }
                }
            }
        }
    }
}
