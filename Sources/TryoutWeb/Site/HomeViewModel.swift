import Foundation
import TryoutApp
import TryoutCore
import TryoutStore

/// A signed-in person's home as the page shows it: first what waits for them, each a link to
/// the page where it is done, then a part for each role they hold.
struct HomeView {
    /// One thing to do, and where it is done.
    struct Todo: Equatable {
        var text: String
        var link: String
    }

    struct ProjectRow {
        var counts: HomeFacts.ProjectCounts
        var link: String { SiteURL.projects(.project(counts.id)).path }
        func applicants(_ state: ApplicationState) -> String { HomeView.applicants(counts.id, state) }
    }

    struct Employer {
        var name: String
        var slug: String
        var runsProjects: Bool
        var projects: [ProjectRow]
    }

    struct Candidate {
        var steps: [Home.Step]
        var deadlines: [Home.Deadline]
        var applications: [MyApplicationRow]
        var applicationCount: Int
        var recommended: ProjectCards?
        var hasSkills: Bool
    }

    struct Partner {
        var name: String
        var slug: String
        var students: Int
        var outcomes: HomeFacts.StudentOutcomes
        var shared: [HomeFacts.SharedProject]
    }

    var name: String
    var todo: [Todo]
    var employers: [Employer]
    var candidate: Candidate?
    var partners: [Partner]
    var platform: HomeFacts.PlatformQueue?
    var isEmpty: Bool

    init(_ home: Home, name: String, now: Date) {
        self.name = name
        todo = Self.todo(home, now: now)
        employers = home.employers.map {
            Employer(name: $0.organization.name, slug: $0.organization.slug, runsProjects: $0.runsProjects, projects: $0.projects.map(ProjectRow.init))
        }
        candidate = home.candidate.map { desk in
            Candidate(steps: desk.steps, deadlines: desk.deadlines, applications: desk.applications.map(MyApplicationRow.init),
                      applicationCount: desk.applicationCount,
                      recommended: desk.recommended.map { ProjectCards(projects: $0.projects.map { ProjectListing($0.project) }, showOrganization: true) },
                      hasSkills: desk.recommended?.hasSkills ?? false)
        }
        partners = home.partners.map {
            Partner(name: $0.organization.name, slug: $0.organization.slug, students: $0.students, outcomes: $0.outcomes, shared: $0.shared)
        }
        platform = home.platform
        isEmpty = home.isEmpty
    }

    static func applicants(_ id: UUID, _ state: ApplicationState) -> String {
        SiteURL.applications(.project(.value(ProjectID(id)), .applicants)).path + "?state=\(state.rawValue)"
    }

    static func engagement(_ id: EngagementID, _ part: SiteURL.Engagements.Part = .overview) -> String {
        SiteURL.engagements(.engagement(.value(id), part)).path
    }

    /// What waits for the person now, most pressing kinds first.
    private static func todo(_ home: Home, now: Date) -> [Todo] {
        var items: [Todo] = []
        for desk in home.employers {
            for agreement in desk.agreements {
                items.append(Todo(text: "Sign “\(agreement.kind.label)”: \(agreement.projectTitle)",
                                  link: engagement(EngagementID(agreement.engagementID), .agreement(.value(AgreementID(agreement.agreementID))))))
            }
            for version in desk.decisions {
                items.append(Todo(text: "Decide on version \(version.version) of “\(version.deliverable)”: \(version.projectTitle)",
                                  link: engagement(EngagementID(version.engagementID), .milestone(.value(MilestoneID(version.milestoneID))))))
            }
            for project in desk.projects {
                if project.waiting > 0 {
                    items.append(Todo(text: "\(count(project.waiting, "applicant")) waiting: \(project.title)", link: applicants(project.id, .submitted)))
                }
                if project.offered > 0 {
                    items.append(Todo(text: "\(count(project.offered, "offer")) open: \(project.title)", link: applicants(project.id, .offered)))
                }
            }
        }
        if home.header.versionsToScore > 0 {
            items.append(Todo(text: "\(count(home.header.versionsToScore, "version")) to score", link: SiteURL.reviews(.queue).path))
        }
        for checkIn in home.checkIns {
            items.append(Todo(text: "Check-in \(DateText.short(checkIn.startsAt, in: home.zone)) for \(checkIn.minutes) minutes: \(checkIn.projectTitle)",
                              link: engagement(EngagementID(checkIn.engagementID), .checkIns)))
        }
        if let candidate = home.candidate {
            for application in candidate.applications where application.state == .offered && (application.offerExpiresAt.map { $0 > now } ?? true) {
                let id = application.id
                items.append(Todo(text: "Answer the offer: \(application.projectTitle)" + (application.offerExpiresAt.map { ", by \(DateText.short($0, in: home.zone))" } ?? ""),
                                  link: SiteURL.applications(.application(.value(ApplicationID(id)))).path))
            }
            for step in candidate.steps where step.next.owner == .candidate {
                items.append(Todo(text: "\(step.projectTitle): \(step.next.text)", link: engagement(step.engagementID)))
            }
        }
        if let platform = home.platform {
            if platform.unverifiedOrganizations > 0 {
                items.append(Todo(text: "\(count(platform.unverifiedOrganizations, "organization")) to verify", link: SiteURL.admin(.organizations).path))
            }
            if platform.openDisputes > 0 {
                items.append(Todo(text: "\(count(platform.openDisputes, "open dispute")) to decide", link: SiteURL.disputes(.desk).path))
            }
            if platform.deadJobs > 0 {
                items.append(Todo(text: "\(count(platform.deadJobs, "job")) gave up", link: SiteURL.admin(.jobs(state: JobState.dead.rawValue)).path))
            }
            if platform.failingJobs > 0 {
                items.append(Todo(text: "\(count(platform.failingJobs, "job")) failing, to be retried",
                                  link: SiteURL.admin(.jobs(state: JobState.failed.rawValue)).path))
            }
        }
        return items
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
