import Foundation
import Plot
import TryoutCore

/// Check-ins: the booked ones, notes and attendance afterwards, and a form to book the next.
struct CheckInsPage: Component {
    var snapshot: EngagementOverview
    var csrf: String
    var now: Date
    var errors: [FieldError] = []
    /// What was typed into the booking form, shown again beside its errors.
    var typed: [String: String] = [:]

    var body: Component {
        let context = snapshot
        let id = context.id
        return ComponentGroup {
            EngagementHeader(engagement: snapshot.engagement, current: SiteURL.Engagements.engagement(id, .checkIns).path, unread: snapshot.unreadMessages)
            ErrorSummary(errors: errors)
            if snapshot.checkIns.isEmpty { Tag.text("p", "No check-ins booked yet.") }
            for checkIn in snapshot.checkIns {
                Tag("article", ["class": "panel", "aria-label": "Check-in on \(DateText.short(checkIn.startsAt))"]) {
                    Tag.text("h2", "\(DateText.short(checkIn.startsAt)), \(checkIn.minutes) min")
                    Tag.text("p", checkIn.agenda)
                    if !checkIn.notes.isEmpty {
                        Tag.text("h3", "Notes")
                        Tag.text("p", checkIn.notes)
                        Tag.text("p", checkIn.candidateAttended == true ? "The candidate attended." : "The candidate did not attend.", ["class": "meta"])
                    } else if checkIn.startsAt <= now && !snapshot.engagement.state.isOver && context.may(.writeUpCheckIn) {
                        PostForm(action: SiteURL.Engagements.engagement(id, .checkInNotes(.value(checkIn.id))).path, csrf: csrf) {
                            TextAreaField(name: "notes", label: "Notes from the check-in", error: errors.message("notes"), rows: 3)
                            CheckboxField(name: "candidateAttended", label: "The candidate attended", checked: true)
                            Submit("Save the notes", style: "secondary")
                        }
                    }
                }
            }
            if !snapshot.engagement.state.isOver {
                Tag("section", ["aria-labelledby": "book-title"]) {
                    Tag.text("h2", "Book a check-in", ["id": "book-title"])
                    PostForm(action: SiteURL.Engagements.engagement(id, .checkIns).path, csrf: csrf) {
                        Field(name: "startsAt", label: "When (UTC)", type: "datetime-local", value: typed["startsAt"] ?? "", error: errors.message("startsAt"))
                        Field(name: "minutes", label: "Length in minutes", type: "number", value: typed["minutes"] ?? "30", error: errors.message("minutes"),
                              extra: [("min", "15"), ("max", "240"), ("step", "5")])
                        TextAreaField(name: "agenda", label: "Agenda", value: typed["agenda"] ?? "", error: errors.message("agenda"), rows: 3)
                        Submit("Book")
                    }
                }
            }
        }
    }
}

/// The engagement's message thread, oldest first, with links made clickable.
/// The thread under the engagement's header: the header needs the engagement alone, not the
/// overview's agreements, checklist, work, check-ins and counts (seven statements fewer).
struct MessagesPage: Component {
    var thread: EngagementThread
    var csrf: String
    var errors: [FieldError] = []
    var draft = ""

    var body: Component {
        let id = thread.engagement.id
        return ComponentGroup {
            EngagementHeader(engagement: thread.engagement, current: SiteURL.Engagements.engagement(id, .messages).path)
            ErrorSummary(errors: errors)
            Node<HTML.BodyContext>.raw(thread.html)
            PostForm(action: SiteURL.Engagements.engagement(id, .messages).path, csrf: csrf) {
                TextAreaField(name: "body", label: "Message", value: draft, error: errors.message("body"),
                              hint: "Plain text; web addresses become links.", rows: 4)
                CheckboxField(name: "email", label: "Also send it by e-mail", checked: false)
                Submit("Send")
            }
        }
    }
}

/// The messages of a thread, oldest first, as every participant sees them.
struct ThreadList: Component {
    var messages: [MessageRow]

    var body: Component {
        ComponentGroup {
            if messages.isEmpty { Tag.text("p", "No messages yet.") }
            Tag("ol", ["class": "thread", "aria-label": "Messages"]) {
                for message in messages {
                    Tag("li", [:]) {
                        Tag("p", ["class": "meta"]) {
                            Tag.text("strong", message.authorName)
                            Text(" · \(DateText.short(message.createdAt))")
                        }
                        Tag("p", [:]) {
                            for segment in MessageText.segments(message.body) {
                                switch segment {
                                case .text(let text): Text(text)
                                case .link(let url): Tag.link(url, to: url, ["rel": "nofollow noopener noreferrer"])
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The candidate's hours, day by day, against the brief's estimate.
struct TimeLogPage: Component {
    var snapshot: EngagementOverview
    var entries: [TimeEntryRow]
    var csrf: String
    var today: Date
    var errors: [FieldError] = []

    var body: Component {
        let context = snapshot
        let id = context.id
        let titles = Dictionary(snapshot.milestones.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let total = entries.reduce(0) { $0 + $1.minutes }
        let canLog = context.may(.submitWork) && snapshot.engagement.state.allowsWork
        return ComponentGroup {
            EngagementHeader(engagement: snapshot.engagement, current: SiteURL.Engagements.engagement(id, .time).path, unread: snapshot.unreadMessages)
            Tag.text("p", "\(TimeText.hours(total)) logged of an estimated \(snapshot.engagement.estimatedHours) h.", ["class": "lead"])
            ErrorSummary(errors: errors)
            if canLog {
                PostForm(action: SiteURL.Engagements.engagement(id, .time).path, csrf: csrf) {
                    Field(name: "day", label: "Day", type: "date", value: BriefInput.dayString(today), error: errors.message("day"))
                    Field(name: "hours", label: "Hours", type: "number", error: errors.message("hours"), hint: "In quarter hours, e.g. 1.5.",
                          extra: [("min", "0.25"), ("max", "24"), ("step", "0.25")])
                    SelectField(name: "milestoneID", label: "Deliverable",
                                options: [("", "None in particular")] + snapshot.milestones.map { ($0.id.description, $0.title) },
                                selected: "", error: errors.message("milestoneID"))
                    Field(name: "note", label: "What you did", error: errors.message("note"), required: false)
                    Submit("Log the time")
                }
            }
            if entries.isEmpty {
                Tag.text("p", "No time logged yet.")
            } else {
                Tag("table", [:]) {
                    Tag("thead", [:]) {
                        Tag("tr", [:]) { for heading in ["Day", "Hours", "Deliverable", "Note", canLog ? "Remove" : ""] where !heading.isEmpty { Tag.text("th", heading, ["scope": "col"]) } }
                    }
                    Tag("tbody", [:]) {
                        for entry in entries {
                            Tag("tr", [:]) {
                                Tag.text("td", DateText.day(entry.day))
                                Tag.text("td", TimeText.hours(entry.minutes), ["data-label": "Hours"])
                                Tag.text("td", entry.milestoneID.flatMap { titles[$0] } ?? "", ["data-label": "Deliverable"])
                                Tag.text("td", entry.note, ["data-label": "Note"])
                                if canLog {
                                    Tag("td", [:]) {
                                        PostForm(action: SiteURL.Engagements.engagement(id, .deleteTimeEntry(.value(entry.id))).path, csrf: csrf) {
                                            Submit("Remove", style: "link", detail: "\(DateText.day(entry.day)) \(TimeText.hours(entry.minutes))")
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The private calendar address: shown once when made, replaceable and revocable.
struct CalendarSettingsPage: Component {
    var hasFeed: Bool
    var address: String?
    var csrf: String

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Calendar")
            Tag.text("p", "Subscribe to your deadlines, check-ins and engagement dates in any calendar app. The address is a secret: anyone who has it can read your schedule.",
                     ["class": "lead"])
            if let address {
                Tag("div", ["class": "panel", "role": "status"]) {
                    Tag.text("p", "Your calendar address (shown only now; copy it into your calendar app):")
                    Tag.text("p", address, ["class": "secret fingerprint"])
                }
            }
            PostForm(action: SiteURL.Engagements.calendarSettings().path, csrf: csrf) {
                Submit(hasFeed ? "Make a new address (the old one stops working)" : "Make my calendar address")
            }
            if hasFeed {
                PostForm(action: SiteURL.Engagements.calendarSettings(revoke: true).path, csrf: csrf) { Submit("Turn the address off", style: "danger") }
            }
        }
    }
}
