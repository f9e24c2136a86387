import Plot
import TryoutStore

/// The cards that list projects on the home and organization pages.
struct ProjectCards: Component {
    var projects: [ProjectRecord]
    var showOrganization: Bool

    var body: Component {
        if projects.isEmpty { return Tag.text("p", "No open projects right now.") }
        return Tag("ul", ["class": "cards"]) {
            for project in projects {
                Tag("li", ["class": "card"]) {
                    Tag("h3", [:]) { Tag.link(project.title, to: SiteURL.project(project.id!).path) }
                    if showOrganization { Tag.text("p", project.organization.name, ["class": "meta"]) }
                    Tag.text("p", project.summary)
                    Tag.text("p", ProjectFacts.line(project), ["class": "meta"])
                }
            }
        }
    }
}

enum ProjectFacts {
    /// "USD 600.00 · about 20 h over 3 weeks (USD 30.00/h) · Remote"
    static func line(_ project: ProjectRecord) -> String {
        var parts = [project.pay.formatted]
        let hourly = project.pay.perHour(project.estimatedHours).map { " (\($0.formatted)/h)" } ?? ""
        parts.append("about \(project.estimatedHours) h over \(project.durationWeeks) week\(project.durationWeeks == 1 ? "" : "s")\(hourly)")
        parts.append(project.locationMode.label + (project.place.isEmpty ? "" : ", \(project.place)"))
        return parts.joined(separator: " · ")
    }
}
