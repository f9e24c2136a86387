import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// Generates a large, realistic marketplace from the ESCO occupations: employers, published
/// projects built from each occupation's skills, and candidates with self-rated skills.
/// Rows go in with multi-row INSERTs in batches, because model-by-model saving would take hours.
public enum SyntheticData {
    private struct Occupation: Decodable {
        var label: String
        var description: String
        var skills: [String]
    }

    /// Called with a stage name and the fraction done, for a progress bar.
    public typealias Progress = @Sendable (String, Double) -> Void

    static let verbs = ["Analyse", "Prototype", "Audit", "Document", "Improve", "Automate", "Review", "Design", "Test", "Map"]
    static let contexts = ["for a retail client", "in our onboarding flow", "for the finance team", "across three markets",
                           "for a public library", "in a logistics pilot", "for a health start-up", "for our support desk"]
    static let places = ["Boston, US", "Leeds, UK", "Lyon, FR", "Toronto, CA", "Berlin, DE", "Lagos, NG", "Pune, IN", "Austin, US"]

    public static func generate(projects: Int, candidates: Int, passwordHash: String, at now: Date,
                                on db: any Database, progress: Progress = { _, _ in }) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await Taxonomy.loadBundledIfEmpty(on: db)
        guard let url = Bundle.module.url(forResource: "occupations", withExtension: "json", subdirectory: "esco") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let known = Set(try await SkillRecord.query(on: db).all(\.$id))
        let occupations = try JSONDecoder().decode([Occupation].self, from: Data(contentsOf: url))
            .map { Occupation(label: $0.label, description: $0.description, skills: $0.skills.filter(known.contains)) }
            .filter { $0.skills.count >= 2 }
        var random = SeededRandom(seed: UInt64(projects &* 31 &+ candidates))
        let employers = try await makeEmployers(count: max(1, min(500, projects / 200)), passwordHash: passwordHash, at: now, on: db)
        try await makeProjects(projects, occupations: occupations, employers: employers, random: &random, at: now, on: db, progress: progress)
        try await makeCandidates(candidates, occupations: occupations, passwordHash: passwordHash, random: &random, at: now,
                                 on: db, progress: progress)
        // Fresh statistics, so that the planner knows the tables' new sizes straight away.
        if sql.dialect.name == "postgresql" { try await sql.raw("ANALYZE projects, project_search, project_skills, candidate_skills").run() }
    }

    private static func makeEmployers(count: Int, passwordHash: String, at now: Date, on db: any Database) async throws -> [UUID] {
        let start = try await OrganizationRecord.query(on: db).count()
        return try await db.transaction { tx in
            var ids: [UUID] = []
            for index in 0..<count {
                let owner = try await Accounts.createUser(email: EmailAddress("owner\(start + index)@generated.test")!,
                                                          displayName: "Generated Owner \(start + index)", passwordHash: passwordHash,
                                                          verified: true, at: now, on: tx)
                let org = try await Organizations.create(kind: .employer, name: "Generated Employer \(start + index)",
                                                         ownerID: try owner.requireID(), at: now, on: tx)
                ids.append(try org.requireID())
            }
            return ids
        }
    }

    private static func makeProjects(_ count: Int, occupations: [Occupation], employers: [UUID], random: inout SeededRandom,
                                     at now: Date, on db: any Database, progress: Progress) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let batch = 400
        var labels: [String: String] = [:]
        // Skills are labelled as things to do ("use spreadsheets software"), knowledge as a subject
        // ("3D lighting"): a title starts with the first, and puts a verb before the second.
        var isSubject: Set<String> = []
        // What the search index holds for a skill: its label and alternative labels, as `ProjectSearchIndex` writes them.
        var skillText: [String: String] = [:]
        for row in try await sql.raw("SELECT uri, label, alt_labels, kind FROM skills").all() {
            let uri = try row.decode(column: "uri", as: String.self)
            labels[uri] = try row.decode(column: "label", as: String.self)
            if try row.decode(column: "kind", as: String.self) == Skill.Kind.knowledge.rawValue { isSubject.insert(uri) }
            skillText[uri] = ([labels[uri]!] + (try row.decode(column: "alt_labels", as: String.self)).split(separator: "\n").map(String.init))
                .joined(separator: " ")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let template = BriefTemplates.all[0].brief
        let deliverables = String(decoding: try encoder.encode(template.deliverables), as: UTF8.self)
        let rubric = String(decoding: try encoder.encode(template.rubric), as: UTF8.self)
        // Long enough for the template's last deliverable to fall due, as the lint requires.
        let shortest = ((template.deliverables.map(\.dueOffsetDays).max() ?? 0) + 6) / 7
        let postgres = sql.dialect.name == "postgresql"
        // Projects come out in publication order, spread over the last 180 days, as the search
        // index expects of rowids on SQLite.
        let spacing = 180 * 86400 / Double(max(count, 1))
        var nextRowid: Int64 = 0
        if !postgres, let row = try await sql.raw("SELECT coalesce(max(rowid), 0) AS n FROM project_search_facets").first() {
            nextRowid = try row.decode(column: "n", as: Int64.self)
        }

        for first in stride(from: 0, to: count, by: batch) {
            let size = min(batch, count - first)
            var projectRows: [[any Encodable & Sendable]] = []
            var versionRows: [[any Encodable & Sendable]] = []
            var skillRows: [[any Encodable & Sendable]] = []
            var facetRows: [[any Encodable & Sendable]] = []
            var textRows: [[any Encodable & Sendable]] = []
            for index in first..<(first + size) {
                let occupation = occupations[random.next(occupations.count)]
                let picked = Array(Set((0..<3).map { _ in occupation.skills[random.next(occupation.skills.count)] }))
                let main = labels[picked[0]] ?? occupation.label
                let verb = verbs[random.next(verbs.count)]
                let isTask = labels[picked[0]] != nil && !isSubject.contains(picked[0])
                let task = isTask ? main.prefix(1).uppercased() + main.dropFirst() : "\(verb) \(main)"
                let title = "\(task) \(contexts[random.next(contexts.count)])"
                let summary = "A short project for an aspiring \(occupation.label): \(clipped(occupation.description, to: 160))"
                let judged = isTask ? "How well you \(main)" : "The quality of your \(main) work"
                let body = "## Context\n\n\(occupation.description)\n\n## What we will look at\n\n\(judged), and how clearly you explain it."
                let hours = 5 + random.next(36)
                let weeks = shortest + random.next(ComplianceLint.weeksRange.upperBound - shortest + 1)
                let pay = Int64(hours) * Int64(1_500 + random.next(3_500))
                let mode = [LocationMode.remote, .remote, .hybrid, .onSite][random.next(4)]
                let published = now.addingTimeInterval(-Double(count - index) * spacing)
                let id = UUID()
                projectRows.append([
                    id, employers[random.next(employers.count)], title, summary, body, ProjectState.published.rawValue, hours, weeks,
                    pay, "USD", WorkerClassification.contractor.rawValue, mode.rawValue, mode == .remote ? "" : places[random.next(places.count)],
                    1 + random.next(3), ProjectVisibility.public.rawValue, published.addingTimeInterval(Double(7 + random.next(40)) * 86400),
                    published.addingTimeInterval(50 * 86400), published, published, 1, "contractor_agreement,ip_assignment", "[]", "",
                    SafeMarkdown.html(body), SafeMarkdown.revision,
                ])
                versionRows.append([UUID(), id, 1, deliverables, rubric, published])
                for (index, uri) in picked.enumerated() {
                    skillRows.append([UUID(), id, uri, index == 0, 1 + random.next(4)])
                }
                if !postgres {
                    let row = projectRows[projectRows.count - 1]
                    nextRowid += 1
                    // id, organization, state, visibility, pay, currency, hours, weeks, mode, deadline, published.
                    facetRows.append([nextRowid, row[0], row[1], row[5], row[14], row[8], row[9], row[6], row[7], row[11], row[15], row[18]])
                    textRows.append([nextRowid, title, summary, body, picked.compactMap { skillText[$0] }.joined(separator: " ")])
                }
            }
            let (rowsToWrite, versions, skillLinks, facets, texts) = (projectRows, versionRows, skillRows, facetRows, textRows)
            try await db.transaction { fluent in
                let tx = fluent as! any SQLDatabase
                try await insert(into: "projects", columns: [
                    "id", "organization_id", "title", "summary", "brief", "state", "estimated_hours", "duration_weeks", "pay_minor",
                    "currency", "classification", "location_mode", "place", "slots", "visibility", "application_deadline",
                    "start_date", "created_at", "published_at", "brief_version", "agreements", "screening_questions", "accommodations",
                    "brief_html", "brief_html_revision",
                ], rows: rowsToWrite, on: tx)
                try await insert(into: "project_brief_versions", columns: ["id", "project_id", "version", "deliverables", "rubric", "created_at"],
                                 rows: versions, on: tx)
                try await insert(into: "project_skills", columns: ["id", "project_id", "skill_uri", "required", "level"], rows: skillLinks, on: tx)
                if postgres {
                    let ids = SQLList(rowsToWrite.compactMap { $0.first as? UUID }.map { SQLBind($0) })
                    let columns = ProjectSearchIndex.facetColumns.map { "p." + $0 }.joined(separator: ", ")
                    let document = ProjectSearchIndex.postgresDocument(title: "p.title", skills: ProjectSearchIndex.postgresSkillText,
                                                                       summary: "p.summary", brief: "p.brief")
                    try await tx.raw("INSERT INTO project_search SELECT \(unsafeRaw: columns), " + document
                        + " FROM projects p WHERE p.id IN (\(ids))").run()
                } else {
                    try await insert(into: "project_search_facets", columns: ["rowid"] + ProjectSearchIndex.facetColumns, rows: facets, on: tx)
                    try await insert(into: "project_search", columns: ["rowid"] + ProjectSearchIndex.textColumns, rows: texts, on: tx)
                }
            }
            progress("Projects", Double(first + size) / Double(max(count, 1)))
        }
    }

    private static func makeCandidates(_ count: Int, occupations: [Occupation], passwordHash: String, random: inout SeededRandom,
                                       at now: Date, on db: any Database, progress: Progress) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let batch = 400
        let start = try await sql.raw("SELECT count(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
        let zones = ["Europe/London", "America/New_York", "Africa/Lagos", "Asia/Kolkata", "America/Sao_Paulo", "Europe/Berlin"]
        for first in stride(from: 0, to: count, by: batch) {
            let size = min(batch, count - first)
            var users: [[any Encodable & Sendable]] = []
            var profiles: [[any Encodable & Sendable]] = []
            var skills: [[any Encodable & Sendable]] = []
            for offset in 0..<size {
                let number = start + first + offset
                let userID = UUID()
                let profileID = UUID()
                let occupation = occupations[random.next(occupations.count)]
                users.append([userID, "candidate\(number)@generated.test", "Candidate \(number)", passwordHash, false, now])
                profiles.append([profileID, userID, "candidate-\(number)", "Aspiring \(occupation.label)", 5 + random.next(30),
                                 zones[random.next(zones.count)], "", now])
                for uri in Set((0..<4).map { _ in occupation.skills[random.next(occupation.skills.count)] }) {
                    skills.append([UUID(), profileID, uri, 1 + random.next(4)])
                }
            }
            let (userRows, profileRows, skillRows) = (users, profiles, skills)
            try await db.transaction { fluent in
                let tx = fluent as! any SQLDatabase
                try await insert(into: "users", columns: ["id", "email", "display_name", "password_hash", "is_platform_admin", "created_at"],
                                 rows: userRows, on: tx)
                try await insert(into: "candidate_profiles", columns: ["id", "user_id", "slug", "headline", "hours_per_week", "time_zone",
                                                                       "location", "created_at"], rows: profileRows, on: tx)
                try await insert(into: "candidate_skills", columns: ["id", "profile_id", "skill_uri", "level"], rows: skillRows, on: tx)
            }
            progress("Candidates", Double(first + size) / Double(max(count, 1)))
        }
    }

    /// The text cut after its last whole word within `limit` characters, with an ellipsis when
    /// cut: a card's summary that stops mid-word reads as a fault.
    static func clipped(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        var head = text.prefix(limit)
        if let space = head.lastIndex(where: \.isWhitespace) { head = head[..<space] }
        while let last = head.last, last.isPunctuation || last.isWhitespace { head.removeLast() }
        return head + "…"
    }

    /// One multi-row INSERT, every value bound.
    private static func insert(into table: String, columns: [String], rows: [[any Encodable & Sendable]], on sql: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        let builder = sql.insert(into: table).columns(columns)
        for row in rows {
            builder.values(row.map { SQLBind($0) as any SQLExpression })
        }
        try await builder.run()
    }
}

/// A small deterministic generator, so the same counts give the same data set.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    /// A number in `0..<upperBound`.
    mutating func next(_ upperBound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(max(upperBound, 1)))
    }
}
