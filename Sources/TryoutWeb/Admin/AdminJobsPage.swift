import Plot
import TryoutCore

/// `/admin/jobs`: how many jobs of each kind wait, run, failed or died, the latest of them with
/// their errors, and a dead job's two ways out: run it again, or discard it.
struct AdminJobsPage: Component {
    var csrf: String
    var overview: JobsOverviewView

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Jobs")
            Tag.text("p", "Background work: e-mail, webhooks, reminders. Failed jobs retry by themselves; dead ones wait for you.")
            counts
            filters
            Tag.text("h2", "Latest jobs")
            if overview.jobs.isEmpty {
                Tag.text("p", "No job matches.")
            } else {
                jobs
            }
        }
    }

    private var counts: Component {
        ScrollRegion(label: "Jobs by kind and state") { countsTable }
    }

    private var countsTable: Component {
        Tag("table", ["class": "jobs"]) {
            Tag.text("caption", "Jobs by kind and state")
            Tag("thead", [:]) {
                Tag("tr", [:]) {
                    Tag.text("th", "Kind", ["scope": "col"])
                    for state in JobState.allCases { Tag.text("th", state.label, ["scope": "col"]) }
                }
            }
            Tag("tbody", [:]) {
                for row in overview.rows {
                    Tag("tr", [:]) {
                        Tag.text("th", row.kind, ["scope": "row"])
                        for state in JobState.allCases {
                            Tag("td", ["data-label": state.label]) {
                                let count = row.counts[state] ?? 0
                                if count == 0 { Text("0") } else {
                                    Tag.link(String(count), to: SiteURL.admin(.jobs(state: state.rawValue, kind: row.kind)).path)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private var filters: Component {
        Tag("form", ["method": "get", "action": SiteURL.admin(.jobs()).path, "class": "filters", "aria-label": "Filter jobs"]) {
            SelectField(name: "state", label: "State", options: [("", "Any state")] + JobState.allCases.map { ($0.rawValue, $0.label) },
                        selected: overview.state?.rawValue ?? "")
            SelectField(name: "kind", label: "Kind", options: [("", "Any kind")] + overview.rows.map { ($0.kind, $0.kind) },
                        selected: overview.kind ?? "")
            Submit("Show", style: "secondary")
        }
    }

    private var jobs: Component {
        ScrollRegion(label: "Latest jobs") { jobsTable }
    }

    private var jobsTable: Component {
        Tag("table", ["class": "jobs"]) {
            Tag("thead", [:]) {
                Tag("tr", [:]) {
                    for heading in ["Kind", "State", "Attempts", "Runs at", "Last error", "Input"] { Tag.text("th", heading, ["scope": "col"]) }
                    Tag("th", ["scope": "col"]) { Tag.text("span", "Actions", ["class": "visually-hidden"]) }
                }
            }
            Tag("tbody", [:]) {
                for job in overview.jobs {
                    Tag("tr", [:]) {
                        Tag.text("td", job.kind, ["data-label": "Kind"])
                        Tag.text("td", job.state.label, ["data-label": "State"])
                        Tag.text("td", "\(job.attempts) of \(job.maxAttempts)", ["data-label": "Attempts"])
                        Tag.text("td", DateText.short(job.finishedAt ?? job.runAt), ["data-label": "Runs at"])
                        Tag.text("td", job.lastError ?? "—", ["data-label": "Last error"])
                        Tag("td", ["data-label": "Input"]) { Tag.text("code", String(job.payload.prefix(300))) }
                        Tag("td", [:]) {
                            if job.state == .dead {
                                PostForm(action: SiteURL.admin(.retryJob(.value(job.id))).path, csrf: csrf) {
                                    Submit("Retry", style: "secondary", detail: job.kind)
                                }
                                PostForm(action: SiteURL.admin(.discardJob(.value(job.id))).path, csrf: csrf) {
                                    Submit("Discard", style: "danger", detail: job.kind)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A region that scrolls sideways on a narrow screen; focusable and named, so it can be
/// scrolled with the keyboard and a screen reader says what it holds.
struct ScrollRegion: Component {
    var label: String
    var content: Component

    init(label: String, @ComponentBuilder content: () -> Component) {
        self.label = label
        self.content = content()
    }

    var body: Component {
        Tag("div", ["class": "scroll", "role": "region", "tabindex": "0", "aria-label": label]) { content }
    }
}
