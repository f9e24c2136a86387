import Foundation
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
