import Foundation
import TryoutApp
import TryoutCore
import TryoutStore

extension OnboardingPage.Project {
    init(_ record: ProjectRecord) throws {
        self.init(id: ProjectID(try record.requireID()), title: record.title)
    }
}

extension BriefFormPage.Organization {
    init(_ record: OrganizationRecord) {
        self.init(name: record.name, slug: record.slug)
    }
}

extension BriefFormPage.Project {
    init(_ record: ProjectRecord) throws {
        self.init(id: ProjectID(try record.requireID()), title: record.title, state: record.state)
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
                  totalCapped: results.totalCapped, nextCursor: results.nextCursor, notices: results.notices)
    }
}

extension ProjectPage.Project {
    /// The project with its organization and skills loaded (`Projects.find`).
    init(_ record: ProjectRecord) throws {
        self.init(id: ProjectID(try record.requireID()), title: record.title, summary: record.summary, state: record.state,
                  organizationName: record.organization.name, organizationSlug: record.organization.slug,
                  skills: record.skills.map { ProjectPage.Skill(label: $0.skill.label, level: $0.level, required: $0.required) })
    }
}
