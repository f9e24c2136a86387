import FluentKit
import Foundation
import TryoutCore

/// A small, believable world to click through: two employers with a member in every role, a
/// university partner, a dozen candidates with ESCO skills and published projects.
public enum DemoData {
    public static let password = "tryout-demo-pass"

    public struct SignIn: Sendable {
        public var email: String
        public var who: String
    }

    public static let signIns: [SignIn] = [
        .init(email: "admin@tryout.test", who: "platform admin"),
        .init(email: "owner@northwind.test", who: "Northwind Analytics, owner"),
        .init(email: "admin@northwind.test", who: "Northwind Analytics, admin"),
        .init(email: "manager@northwind.test", who: "Northwind Analytics, hiring manager"),
        .init(email: "reviewer@northwind.test", who: "Northwind Analytics, reviewer"),
        .init(email: "owner@bluefin.test", who: "Bluefin Robotics, owner"),
        .init(email: "admin@bluefin.test", who: "Bluefin Robotics, admin"),
        .init(email: "manager@bluefin.test", who: "Bluefin Robotics, hiring manager"),
        .init(email: "reviewer@bluefin.test", who: "Bluefin Robotics, reviewer"),
        .init(email: "owner@lakeside.test", who: "Lakeside University career services, owner"),
        .init(email: "staff@lakeside.test", who: "Lakeside University career services, staff"),
        .init(email: "ada@candidates.test", who: "candidate (one of twelve), Lakeside student"),
        .init(email: "bruno@candidates.test", who: "candidate with an engagement at Northwind Analytics, agreements to sign"),
    ]

    private struct Candidate {
        var name: String
        var headline: String
        var timeZone: String
        var location: String
        var skills: [(String, Int)]
    }

    private static let candidates: [Candidate] = [
        .init(name: "Ada Okafor", headline: "Statistics student who loves messy data", timeZone: "Europe/London", location: "Leeds, UK",
              skills: [("Python (computer programming)", 3), ("SQL", 3), ("apply statistical analysis techniques", 3)]),
        .init(name: "Bruno Silva", headline: "Career switcher from retail into analytics", timeZone: "America/Sao_Paulo", location: "Recife, BR",
              skills: [("use spreadsheets software", 4), ("SQL", 2), ("deliver visual presentation of data", 3)]),
        .init(name: "Chen Wei", headline: "Front-end developer, bootcamp graduate", timeZone: "Asia/Singapore", location: "Singapore",
              skills: [("JavaScript", 3), ("implement front-end website design", 3), ("create website wireframe", 2)]),
        .init(name: "Dana Whitfield", headline: "Marketing major with a content portfolio", timeZone: "America/New_York", location: "Boston, US",
              skills: [("apply social media marketing", 3), ("content marketing strategy", 3), ("plan digital marketing", 2)]),
        .init(name: "Emeka Nwosu", headline: "Computer science senior, automation tinkerer", timeZone: "Africa/Lagos", location: "Lagos, NG",
              skills: [("Python (computer programming)", 4), ("develop automated software tests", 3), ("automate cloud tasks", 2)]),
        .init(name: "Fatima Zahra", headline: "Economics graduate, survey and research methods", timeZone: "Africa/Casablanca", location: "Rabat, MA",
              skills: [("conduct quantitative research", 3), ("conduct qualitative research", 3), ("use spreadsheets software", 3)]),
        .init(name: "Gabriel Roy", headline: "Database administrator in training", timeZone: "America/Toronto", location: "Montreal, CA",
              skills: [("PostgreSQL", 3), ("SQL", 4), ("create database diagrams", 2)]),
        .init(name: "Hana Sato", headline: "Designer learning UX research", timeZone: "Asia/Tokyo", location: "Osaka, JP",
              skills: [("create prototype of user experience solutions", 3), ("create website wireframe", 3), ("conduct qualitative research", 2)]),
        .init(name: "Isaac Mensah", headline: "Community college student, data curious", timeZone: "America/Chicago", location: "Chicago, US",
              skills: [("use spreadsheets software", 3), ("apply statistical analysis techniques", 2)]),
        .init(name: "Julia Novak", headline: "Returning to work after a career break", timeZone: "Europe/Prague", location: "Brno, CZ",
              skills: [("use presentation software", 4), ("deliver visual presentation of data", 3), ("plan digital marketing", 2)]),
        .init(name: "Kofi Asante", headline: "Self-taught web developer", timeZone: "Africa/Accra", location: "Kumasi, GH",
              skills: [("JavaScript", 4), ("JavaScript Framework", 3), ("manage website", 2)]),
        .init(name: "Lucia Romero", headline: "Business analytics master's student", timeZone: "Europe/Madrid", location: "Valencia, ES",
              skills: [("SQL", 3), ("Python (computer programming)", 2), ("analyse big data", 2)]),
    ]

    private struct ProjectSeed {
        /// The brief template whose deliverables and rubric the project uses.
        var template: String
        var title: String
        var summary: String
        var hours: Int
        var weeks: Int
        var payMinor: Int64
        var mode: LocationMode
        var skills: [(String, Bool, Int)]
    }

    private static let northwindProjects: [ProjectSeed] = [
        .init(template: "data-analysis", title: "Customer churn analysis", summary: "Find the three strongest signals of churn in a year of anonymised subscription data and explain them to a non-technical audience.",
              hours: 20, weeks: 3, payMinor: 60_000, mode: .remote,
              skills: [("SQL", true, 3), ("Python (computer programming)", true, 2), ("deliver visual presentation of data", false, 2)]),
        .init(template: "data-analysis", title: "Sales dashboard clean-up", summary: "Tidy a spreadsheet-based sales dashboard: remove duplicates, document every formula and add a monthly trend view.",
              hours: 10, weeks: 3, payMinor: 30_000, mode: .remote,
              skills: [("use spreadsheets software", true, 3), ("deliver visual presentation of data", false, 2)]),
        .init(template: "database-cleanup", title: "Database schema review", summary: "Review our reporting database, draw its diagram and propose indexes for the five slowest queries.",
              hours: 15, weeks: 3, payMinor: 52_500, mode: .hybrid,
              skills: [("PostgreSQL", true, 3), ("create database diagrams", false, 2)]),
    ]

    private static let bluefinProjects: [ProjectSeed] = [
        .init(template: "landing-page-ab-test", title: "Landing page A/B test", summary: "Build two variants of a product landing page, run them for a week and report which converts better and why.",
              hours: 25, weeks: 4, payMinor: 75_000, mode: .remote,
              skills: [("JavaScript", true, 3), ("implement front-end website design", true, 2), ("create website wireframe", false, 2)]),
        .init(template: "content-plan", title: "Social media plan for a product launch", summary: "Plan four weeks of posts across two channels for the launch of our warehouse robot, with goals and measures.",
              hours: 12, weeks: 3, payMinor: 36_000, mode: .remote,
              skills: [("apply social media marketing", true, 3), ("content marketing strategy", false, 2)]),
        .init(template: "automation-script", title: "Test automation script", summary: "Write an automated test suite for our robot fleet's status API, runnable in CI, with a short report of what it found.",
              hours: 30, weeks: 4, payMinor: 105_000, mode: .onSite,
              skills: [("Python (computer programming)", true, 3), ("develop automated software tests", true, 3)]),
        .init(template: "market-research", title: "Customer interview synthesis", summary: "Interview five warehouse managers and turn the notes into a one-page memo of needs, quotes and next steps.",
              hours: 8, weeks: 2, payMinor: 24_000, mode: .remote,
              skills: [("conduct qualitative research", true, 2), ("use presentation software", false, 2)]),
    ]

    /// True when the database has no users yet, the only time demo data loads by itself.
    public static func isEmpty(on db: any Database) async throws -> Bool {
        try await UserRecord.query(on: db).count() == 0
    }

    /// Loads the demo world in one transaction. `passwordHash` is the hash of `password`.
    public static func load(passwordHash: String, at now: Date, on db: any Database) async throws {
        try await Taxonomy.loadBundledIfEmpty(on: db)
        let skillIDs = try await skillURIsByLabel(on: db)
        try await db.transaction { tx in
            func user(_ email: String, _ name: String, admin: Bool = false) async throws -> UUID {
                try await Accounts.createUser(email: EmailAddress(email)!, displayName: name, passwordHash: passwordHash,
                                              isPlatformAdmin: admin, verified: true, at: now, on: tx).requireID()
            }
            _ = try await user("admin@tryout.test", "Pat Admin", admin: true)
            var engagedProject: ProjectRecord?

            // The team's time zone sets the hours remote candidates are compared with.
            let employers: [(String, String, String, [ProjectSeed])] = [
                ("Northwind Analytics", "northwind", "America/New_York", northwindProjects),
                ("Bluefin Robotics", "bluefin", "Europe/Berlin", bluefinProjects),
            ]
            for (index, (name, domain, timeZone, projects)) in employers.enumerated() {
                let owner = try await user("owner@\(domain).test", "\(name) Owner")
                let org = try await Organizations.create(kind: .employer, name: name, ownerID: owner, at: now, on: tx)
                org.status = .verified
                try await org.save(on: tx)
                let orgID = try org.requireID()
                for (role, local) in [(MemberRole.admin, "admin"), (.hiringManager, "manager"), (.reviewer, "reviewer")] {
                    let id = try await user("\(local)@\(domain).test", "\(name) \(role.label)")
                    try await Organizations.addMember(orgID: orgID, userID: id, role: role, at: now, on: tx)
                }
                // Funds paid in by bank transfer, of which the published projects' escrow is held.
                let invoice = try await Invoices.create(Money(amountMinor: 25_000_000, currency: "USD"), organizationID: orgID, by: owner,
                                                        at: now.addingTimeInterval(-30 * 86_400), on: tx)
                try await Funding.receive(invoice, amount: invoice.amount, bankReference: "DEMO-\(domain.uppercased())-1", by: nil,
                                          at: now.addingTimeInterval(-29 * 86_400), on: tx)
                for (offset, seed) in projects.enumerated() {
                    let published = now.addingTimeInterval(-Double(index * 10 + offset) * 3600 * 7)
                    let project = try await createProject(seed, orgID: orgID, timeZone: timeZone, publishedAt: published,
                                                          skillIDs: skillIDs, on: tx)
                    if index == 0 && offset == 0 { engagedProject = project }
                }
            }

            let partnerOwner = try await user("owner@lakeside.test", "Lakeside Career Services Lead")
            let partner = try await Organizations.create(kind: .partner, name: "Lakeside University Career Services",
                                                         ownerID: partnerOwner, at: now, on: tx)
            partner.status = .verified
            try await partner.save(on: tx)
            let staff = try await user("staff@lakeside.test", "Lakeside Career Adviser")
            try await Organizations.addMember(orgID: try partner.requireID(), userID: staff, role: .staff, at: now, on: tx)

            for (index, candidate) in candidates.enumerated() {
                let local = candidate.name.split(separator: " ").first!.lowercased()
                let id = try await user("\(local)@candidates.test", candidate.name)
                // The first four study at Lakeside, so projects shared with it show to them.
                if index < 4 {
                    try await PartnerStudentRecord(organizationID: try partner.requireID(), userID: id, createdAt: now).create(on: tx)
                }
                let profile = CandidateProfileRecord(userID: id, slug: Slug.make(from: candidate.name), headline: candidate.headline,
                                                     hoursPerWeek: 10, timeZone: candidate.timeZone, location: candidate.location, createdAt: now)
                try await profile.create(on: tx)
                for (label, level) in candidate.skills {
                    guard let uri = skillIDs[label] else { continue }
                    try await CandidateSkillRecord(profileID: try profile.requireID(), skillURI: uri, level: level).create(on: tx)
                }
                if index == 1, let engagedProject {
                    try await startEngagement(candidateID: id, project: engagedProject, at: now, on: tx)
                }
            }
        }
    }

    private static func skillURIsByLabel(on db: any Database) async throws -> [String: String] {
        let records = try await SkillRecord.query(on: db).all()
        return Dictionary(records.map { ($0.label, $0.id ?? "") }, uniquingKeysWith: { a, _ in a })
    }

    @discardableResult
    private static func createProject(_ seed: ProjectSeed, orgID: UUID, timeZone: String, publishedAt: Date,
                                      skillIDs: [String: String], on db: any Database) async throws -> ProjectRecord {
        var brief = (BriefTemplates.template(id: seed.template) ?? BriefTemplates.all[0]).brief
        brief.title = seed.title
        brief.summary = seed.summary
        brief.body = "## Context\n\n\(seed.summary)\n\n## What we will look at\n\nClarity, correctness and how well you explain your choices."
        brief.estimatedHours = seed.hours
        brief.durationWeeks = seed.weeks
        brief.pay = Money(amountMinor: seed.payMinor, currency: "USD")
        brief.locationMode = seed.mode
        brief.place = seed.mode == .remote ? "" : "Boston, US"
        brief.timeZone = timeZone
        brief.slots = 2
        brief.applicationDeadline = publishedAt.addingTimeInterval(21 * 86400)
        brief.startDate = publishedAt.addingTimeInterval(28 * 86400)
        brief.skills = seed.skills.compactMap { label, required, level in
            skillIDs[label].map { SkillRequirement(uri: $0, level: level, required: required) }
        }
        let project = try await ProjectBriefs.create(organizationID: orgID, brief: brief, audience: .init(), at: publishedAt, on: db)
        try await ProjectBriefs.setState(project, to: .published, at: publishedAt, on: db)
        try await Escrows.hold(EscrowTerms(pay: brief.pay, feeBasisPoints: 0, places: brief.slots), for: project, by: nil, at: publishedAt, on: db)
        return project
    }

    /// Bruno has accepted a place on Northwind's first project: an engagement waiting for signatures.
    private static func startEngagement(candidateID: UUID, project: ProjectRecord, at now: Date, on db: any Database) async throws {
        guard let application = try await Applications.submit(to: project, userID: candidateID, ApplicationInput(answers: ["I would start from the cohorts."]),
                                                               at: now, on: db) else { return }
        application.state = .accepted
        application.revealedAt = now
        try await application.save(on: db)
        _ = try await Engagements.start(for: application, project: project, at: now, on: db)
    }
}
