import Foundation
import Plot
import TryoutCore

/// The engagements a person is part of, with what each is waiting for.
struct EngagementsPage: Component {
    var rows: [EngagementListRow]

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Engagements")
            if rows.isEmpty {
                Tag.text("p", "No engagements yet. An engagement starts when a candidate accepts a place on a project.")
            } else {
                Tag("table", [:]) {
                    Tag("thead", [:]) {
                        Tag("tr", [:]) { for heading in ["Project", "Candidate", "Organization", "State", "Unread messages"] { Tag.text("th", heading, ["scope": "col"]) } }
                    }
                    Tag("tbody", [:]) {
                        for row in rows {
                            Tag("tr", [:]) {
                                Tag("td", [:]) { Tag.link(row.engagement.title, to: SiteURL.Engagements.engagement(row.engagement.id).path) }
                                Tag.text("td", row.engagement.candidateName, ["data-label": "Candidate"])
                                Tag.text("td", row.engagement.organizationName, ["data-label": "Organization"])
                                Tag.text("td", row.engagement.state.label, ["data-label": "State"])
                                Tag.text("td", String(row.unread), ["data-label": "Unread messages"])
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The title and sub-navigation every engagement page shares.
struct EngagementHeader: Component {
    var engagement: EngagementView
    var current: String
    var unread = 0

    var body: Component {
        let id = engagement.id
        let links: [(String, String)] = [
            ("Overview", SiteURL.Engagements.engagement(id).path), ("Board", SiteURL.Engagements.engagement(id, .board).path),
            (unread > 0 ? "Messages (\(unread) unread)" : "Messages", SiteURL.Engagements.engagement(id, .messages).path),
            ("Check-ins", SiteURL.Engagements.engagement(id, .checkIns).path), ("Time log", SiteURL.Engagements.engagement(id, .time).path),
        ]
        return ComponentGroup {
            Tag.text("h1", engagement.title)
            Tag.text("p", "\(engagement.organizationName) · \(engagement.candidateName) · \(engagement.classification.label) · \(engagement.state.label)",
                     ["class": "meta"])
            Tag("nav", ["class": "sub-nav", "aria-label": "Engagement"]) {
                Tag("ul", [:]) {
                    for (label, url) in links {
                        Tag("li", [:]) {
                            if url == current { Tag.link(label, to: url, ["aria-current": "page"]) } else { Tag.link(label, to: url) }
                        }
                    }
                }
            }
        }
    }
}

/// The engagement at a glance: what is next and who owes it, the terms, agreements, onboarding,
/// milestones, the team and the way out.
struct EngagementPage: Component {
    var snapshot: EngagementOverview
    var errors: [FieldError] = []
    /// Everything under the header: `EngagementSections` written afresh, or as kept for the
    /// person's role (`OverviewSections`).
    var sections: Component

    var body: Component {
        ComponentGroup {
            EngagementHeader(engagement: snapshot.engagement, current: SiteURL.Engagements.engagement(snapshot.id).path, unread: snapshot.unreadMessages)
            ErrorSummary(errors: errors)
            sections
        }
    }
}

/// Everything on the overview under its header. Alike for everyone with the same role while the
/// engagement's version holds, but for the form token, the time logged, a new idempotency key and
/// which deliverables are overdue by now.
struct EngagementSections: Component {
    var snapshot: EngagementOverview
    var members: [TeamMemberRow]
    var csrf: String
    var now: Date
    var errors: [FieldError] = []
    var hoursLogged: String
    var idempotencyKey = IdempotencyField.newKey()

    var body: Component {
        let engagement = snapshot.engagement
        let context = snapshot
        let id = context.id
        let next = snapshot.nextStep
        return ComponentGroup {
            Tag("section", ["class": "next-step", "aria-labelledby": "next-title"]) {
                Tag.text("h2", "What is next", ["id": "next-title"])
                Tag.text("p", next.text)
                if let owner = next.owner {
                    Tag.text("p", owner == context.role.side ? "This is up to you." : "Waiting for the \(owner.label.lowercased()).", ["class": "meta"])
                }
                if engagement.state == .terminated && !engagement.endReason.isEmpty {
                    Tag.text("p", "Reason given: \(engagement.endReason)")
                }
            }
            Tag.text("h2", "Terms")
            Tag("dl", ["class": "facts"]) {
                Tag.text("dt", "Classification")
                Tag.text("dd", engagement.classification.label)
                Tag.text("dt", "Pay")
                Tag.text("dd", engagement.pay.formatted)
                Tag.text("dt", "Owed for accepted work")
                Tag("dd", [:]) {
                    Text(snapshot.owed.formatted)
                    if context.role == .candidate {
                        Text(" · ")
                        Tag.link("Your earnings", to: SiteURL.billing(.earnings()).path)
                    }
                }
                Tag.text("dt", "Dates")
                Tag.text("dd", "\(DateText.day(engagement.startDate)) to \(DateText.day(engagement.endDate))")
                Tag.text("dt", "Time logged")
                Tag.text("dd", "\(hoursLogged) of an estimated \(engagement.estimatedHours) h")
            }
            agreements
            checklist
            milestones
            if context.may(.manageTeam) { team }
            if let credentialID = context.credentialID {
                Tag("section", ["aria-labelledby": "credential-title"]) {
                    Tag.text("h2", "Credential", ["id": "credential-title"])
                    Tag("p", [:]) {
                        Text(context.role == .candidate ? "This work earned you a verifiable credential: " : "The candidate received a verifiable credential: ")
                        Tag.link(context.role == .candidate ? "see it, share it, add it to LinkedIn" : "see it", to: SiteURL.credentials(.credential(.value(credentialID))).path)
                    }
                }
            }
            if engagement.state.isOver && context.role != .mentor {
                Tag("section", ["aria-labelledby": "evaluation-title"]) {
                    Tag.text("h2", "Final evaluation", ["id": "evaluation-title"])
                    Tag("p", [:]) {
                        Tag.link(context.role == .candidate ? "Read your evaluation and answer the exit survey" : "Record or read the final evaluation",
                                 to: SiteURL.evaluations(.evaluation(.value(id))).path)
                    }
                }
            }
            if context.may(.dispute) {
                Tag("section", ["aria-labelledby": "disputes-title"]) {
                    Tag.text("h2", "Disagree?", ["id": "disputes-title"])
                    Tag("p", [:]) {
                        Text("About a decision on a version, an early ending or the amount owed: ")
                        Tag.link("disputes", to: SiteURL.disputes(.engagement(.value(id))).path)
                        Text(", answered by the other side and decided by the platform.")
                    }
                }
            }
            if context.may(.terminate) && !engagement.state.isOver {
                Tag("section", ["aria-labelledby": "end-title"]) {
                    Tag.text("h2", "End early", ["id": "end-title"])
                    Tag.text("p", "Either side may end the engagement with a reason. Pay for work already accepted stays owed.")
                    PostForm(action: SiteURL.Engagements.engagement(id, .terminate).path, csrf: csrf) {
                        IdempotencyField(key: idempotencyKey)
                        TextAreaField(name: "reason", label: "Why the engagement ends", error: errors.message("reason"), rows: 3)
                        Submit("End the engagement", style: "danger")
                    }
                }
            }
        }
    }

    private var agreements: Component {
        let id = snapshot.id
        return Tag("section", ["aria-labelledby": "agreements-title"]) {
            Tag.text("h2", "Agreements", ["id": "agreements-title"])
            if snapshot.agreements.isEmpty {
                Tag.text("p", "This project needs no agreements.")
            } else {
                Tag("table", [:]) {
                    Tag("thead", [:]) {
                        Tag("tr", [:]) { for heading in ["Agreement", "Candidate", "Employer"] { Tag.text("th", heading, ["scope": "col"]) } }
                    }
                    Tag("tbody", [:]) {
                        for agreement in snapshot.agreements {
                            Tag("tr", [:]) {
                                Tag("td", [:]) { Tag.link("\(agreement.kind.label) (version \(agreement.version))", to: SiteURL.Engagements.engagement(id, .agreement(.value(agreement.id))).path) }
                                Tag.text("td", agreement.candidateSignedAt.map { "Signed \(DateText.short($0))" } ?? "Not signed yet", ["data-label": "Candidate"])
                                Tag.text("td", agreement.employerSignedAt.map { "Signed \(DateText.short($0))" } ?? "Not signed yet", ["data-label": "Employer"])
                            }
                        }
                    }
                }
            }
        }
    }

    private var checklist: Component {
        let context = snapshot
        return Tag("section", ["aria-labelledby": "onboarding-title"]) {
            Tag.text("h2", "Onboarding week", ["id": "onboarding-title"])
            if snapshot.engagement.state == .contracting {
                Tag.text("p", "The checklist opens once every agreement is signed.", ["class": "meta"])
            }
            Tag("ul", ["class": "checklist"]) {
                for item in snapshot.checklist {
                    Tag("li", [:]) {
                        Tag.text("span", item.title)
                        Tag.text("span", item.owner.label, ["class": "tag"])
                        if let done = item.doneAt {
                            Tag.text("span", "Done \(DateText.short(done))", ["class": "done"])
                        } else if context.may(.tick(item.owner)) && snapshot.engagement.state.allowsWork {
                            PostForm(action: SiteURL.Engagements.engagement(context.id, .tick(.value(item.id))).path, csrf: csrf) {
                                Submit("Mark done", style: "secondary", detail: item.title)
                            }
                        } else {
                            Tag.text("span", "Open", ["class": "meta"])
                        }
                    }
                }
            }
        }
    }

    private var milestones: Component {
        let id = snapshot.id
        return Tag("section", ["aria-labelledby": "milestones-title"]) {
            Tag.text("h2", "Deliverables", ["id": "milestones-title"])
            Tag("ul", [:]) {
                for milestone in snapshot.milestones {
                    Tag("li", [:]) {
                        Tag.link(milestone.title, to: SiteURL.Engagements.engagement(id, .milestone(.value(milestone.id))).path)
                        Text(" · \(milestone.state.label) · due \(DateText.day(milestone.dueAt))")
                        if milestone.isOverdue(at: now) {
                            Tag.text("span", " · overdue", ["class": "late"])
                        }
                    }
                }
            }
            Tag("p", [:]) { Tag.link("Open the board", to: SiteURL.Engagements.engagement(id, .board).path) }
        }
    }

    private var team: Component {
        let context = snapshot
        let onTeam = Set(context.team.map(\.userID))
        let candidates = members.filter { !onTeam.contains($0.userID) }
        return Tag("section", ["aria-labelledby": "team-title"]) {
            Tag.text("h2", "Team", ["id": "team-title"])
            Tag.text("p", "Mentors and managers on the team hear about every move and can message and hold check-ins.", ["class": "meta"])
            if context.team.isEmpty { Tag.text("p", "Nobody is assigned yet; every owner, admin and hiring manager is told of each move.") }
            Tag("ul", [:]) {
                for member in context.team {
                    Tag("li", [:]) {
                        Text(member.name + " ")
                        PostForm(action: SiteURL.Engagements.engagement(context.id, .removeFromTeam(.value(member.userID))).path, csrf: csrf) {
                            Submit("Remove", style: "link", detail: member.name)
                        }
                    }
                }
            }
            if !candidates.isEmpty {
                PostForm(action: SiteURL.Engagements.engagement(context.id, .team).path, csrf: csrf) {
                    SelectField(name: "userID", label: "Add a member",
                                options: candidates.map { ($0.userID.description, "\($0.name) (\($0.roleLabel))") },
                                selected: "", error: errors.message("userID"))
                    Submit("Add to the team", style: "secondary")
                }
            }
        }
    }
}

/// Hours from a count of minutes, to the quarter hour the time log uses: "3.5 h", "0.25 h".
enum TimeText {
    static func hours(_ minutes: Int) -> String {
        let quarters = ["", ".25", ".5", ".75"]
        return "\(minutes / 60)\(quarters[(minutes % 60) / 15]) h"
    }
}
