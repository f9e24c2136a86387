import Foundation
import TryoutApp
import TryoutCore
import TryoutStore

extension OnboardingPage.Project {
    init(_ record: ProjectRecord) throws {
        self.init(id: ProjectID(try record.requireID()), title: record.title)
    }
}

extension BriefEditorPage.Organization {
    init(_ record: OrganizationRecord) {
        self.init(name: record.name, slug: record.slug)
    }
}

extension BriefEditorPage.Project {
    init(_ editing: ProjectAuthors.Editing) throws {
        self.init(id: ProjectID(try editing.project.requireID()), title: editing.project.title, state: editing.project.state, lint: editing.lint)
    }
}

extension OrganizationProjectsPage.Row {
    init(_ record: ProjectRecord) throws {
        self.init(id: ProjectID(try record.requireID()), title: record.title, state: record.state, pay: record.pay, createdAt: record.createdAt)
    }
}

extension MarketplacePage.Results {
    init(_ results: MarketplaceResults) {
        self.init(cards: ProjectCards(projects: results.projects, showOrganization: true), total: results.total,
                  totalCapped: results.totalCapped, cappedSort: results.cappedSort, nextCursor: results.nextCursor, notices: results.notices)
    }
}

extension ProjectPage.Project {
    /// The project with its organization and skills loaded (`Projects.find`).
    init(_ record: ProjectRecord) throws {
        self.init(id: ProjectID(try record.requireID()), title: record.title, summary: record.summary, state: record.state,
                  organizationName: record.organization.name, organizationSlug: record.organization.slug,
                  skills: record.skills.map { ProjectPage.Skill(label: $0.skill.label, level: $0.level, required: $0.required) },
                  briefHTML: record.briefHTML)
    }
}

extension ProjectCards {
    init(projects: [ProjectListing], showOrganization: Bool) {
        let cards = projects.map { project in
            Card(id: ProjectID(project.id), title: project.title, organizationName: showOrganization ? project.organizationName : "",
                 summary: project.summary, facts: ProjectFacts.line(project))
        }
        self.init(cards: cards, showOrganization: showOrganization)
    }
}

/// What a project's card and a recommendation say of it in one line.
enum ProjectFacts {
    /// "USD 600.00 · about 20 h over 3 weeks (USD 30.00/h) · Remote"
    static func line(_ project: ProjectListing) -> String {
        var parts = [project.pay.formatted]
        let hourly = project.pay.perHour(project.estimatedHours).map { " (\($0.formatted)/h)" } ?? ""
        parts.append("about \(project.estimatedHours) h over \(project.durationWeeks) week\(project.durationWeeks == 1 ? "" : "s")\(hourly)")
        parts.append(project.locationMode.label + (project.place.isEmpty ? "" : ", \(project.place)"))
        return parts.joined(separator: " · ")
    }
}
