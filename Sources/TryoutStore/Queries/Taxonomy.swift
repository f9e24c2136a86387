import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// The bundled ESCO skills (© European Union, reused under Decision 2011/833/EU).
public enum Taxonomy {
    private struct Entry: Decodable {
        var uri: String
        var label: String
        var type: String
        var altLabels: [String]
        var description: String
    }

    public static func bundledSkills() throws -> [Skill] {
        try bundle.get()
    }

    /// Decoded once a process: every test database and every demo load starts from it.
    private static let bundle = Result<[Skill], any Error> {
        guard let url = Bundle.module.url(forResource: "skills", withExtension: "json", subdirectory: "esco") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let entries = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: url))
        return entries.map {
            Skill(uri: $0.uri, label: $0.label, kind: Skill.Kind(rawValue: $0.type) ?? .skill,
                  altLabels: $0.altLabels, description: $0.description)
        }
    }

    /// Loads the bundled skills into an empty skills table; does nothing when skills exist.
    public static func loadBundledIfEmpty(on db: any Database) async throws {
        guard try await SkillRecord.query(on: db).count() == 0 else { return }
        let skills = try bundledSkills()
        try await db.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { throw SQLRequired() }
            // Plain rows, not records: 1,278 records cost most of a test database's set-up. Batches
            // keep each INSERT under SQLite's bound-parameter limit.
            for start in stride(from: 0, to: skills.count, by: 100) {
                let rows: [[any SQLExpression]] = skills[start..<min(start + 100, skills.count)].map { skill in
                    [SQLBind(skill.uri), SQLBind(skill.label), SQLBind(skill.kind.rawValue), SQLBind(skill.altLabels.joined(separator: "\n")),
                     SQLBind(skill.description)]
                }
                try await sql.insert(into: SkillRecord.schema).columns("uri", "label", "kind", "alt_labels", "description").rows(rows).run()
            }
        }
    }

    /// The preferred label of each skill, by URI: only the two columns, as lists of applicants
    /// and their skills name hundreds at once.
    public static func labels(of uris: [String], on db: any Database) async throws -> [String: String] {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        guard !uris.isEmpty else { return [:] }
        let rows = try await sql.select().columns("uri", "label").from(SkillRecord.schema).where("uri", .in, Array(Set(uris))).all()
        return Dictionary(try rows.map { (try $0.decode(column: "uri", as: String.self), try $0.decode(column: "label", as: String.self)) },
                          uniquingKeysWith: { first, _ in first })
    }

    public static func skill(uri: String, on db: any Database) async throws -> SkillRecord? {
        // PostgreSQL refuses NUL in text, and no URI holds a control character.
        guard TextInput.isStorable(uri) else { return nil }
        return try await SkillRecord.find(uri, on: db)
    }

    /// The URI of the skill each form row names, by URI (as the API sends) or by label (as the form
    /// does), in row order; the errors name each unknown or repeated skill by its row.
    public static func resolve(_ rows: [(row: Int, name: String)], on db: any Database) async throws -> (uris: [String], errors: [FieldError]) {
        var uris: [String] = []
        var errors: [FieldError] = []
        for (row, name) in rows {
            let field = "skill.\(row).label"
            var found = try await skill(uri: name, on: db)
            if found == nil { found = try await skill(label: name, on: db) }
            guard let skill = found else {
                errors.append(FieldError(field, try await unknownSkillMessage(name, on: db)))
                continue
            }
            let uri = try skill.requireID()
            if uris.contains(uri) {
                errors.append(FieldError(field, "\"\(name)\" is listed twice; keep one."))
            } else {
                uris.append(uri)
            }
        }
        return (uris, errors)
    }
}

extension Taxonomy {
    /// The skill whose preferred or alternative label is `text`, ignoring case.
    public static func skill(label text: String, on db: any Database) async throws -> SkillRecord? {
        let wanted = text.lowercased()
        // PostgreSQL refuses NUL in text, and no label holds a control character.
        guard TextInput.isStorable(wanted), let sql = db as? any SQLDatabase else { return nil }
        if let row = try await sql.raw("SELECT uri FROM skills WHERE lower(label) = \(bind: wanted) LIMIT 1").first(),
           let uri = try? row.decode(column: "uri", as: String.self) {
            return try await SkillRecord.find(uri, on: db)
        }
        // LIKE narrows the rows; the exact comparison below decides.
        let rows = try await sql.raw("SELECT uri, alt_labels FROM skills WHERE lower(alt_labels) LIKE \(bind: "%" + wanted + "%") LIMIT 50").all()
        for row in rows {
            let alts = try row.decode(column: "alt_labels", as: String.self)
            if alts.split(separator: "\n").contains(where: { $0.lowercased() == wanted }) {
                return try await SkillRecord.find(try row.decode(column: "uri", as: String.self), on: db)
            }
        }
        return nil
    }

    /// Skills whose label or alternative label contains `text`, best first (see `SkillSearch`).
    public static func search(_ text: String, limit: Int, on db: any Database) async throws -> [SkillSearch.Match] {
        guard let wanted = SkillSearch.normalized(text), TextInput.isStorable(wanted), let sql = db as? any SQLDatabase else { return [] }
        let escaped = wanted.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        let pattern = "%" + escaped + "%"
        // Both sides lower-cased: LIKE ignores case on SQLite but not on PostgreSQL.
        let rows = try await sql.raw("""
            SELECT uri, label, kind, alt_labels, description FROM skills
            WHERE lower(label) LIKE \(bind: pattern) ESCAPE '\\' OR lower(alt_labels) LIKE \(bind: pattern) ESCAPE '\\'
            """).all(decoding: SkillRow.self)
        let found = SkillSearch.rank(rows.map(\.skill), for: wanted, limit: limit)
        return found.isEmpty ? try await near(wanted, limit: limit, on: sql) : found
    }

    /// A misspelt query finds nothing as typed: the skills holding a piece of one of its words
    /// are read, and those near enough kept (see `SkillSearch.rankNear`).
    private static func near(_ wanted: String, limit: Int, on sql: any SQLDatabase) async throws -> [SkillSearch.Match] {
        let fragments = SkillSearch.fragments(of: wanted).filter { $0.allSatisfy { $0.isLetter || $0.isNumber } }
        guard !fragments.isEmpty else { return [] }
        var query: SQLQueryString = "SELECT uri, label, kind, alt_labels, description FROM skills WHERE 1 = 0"
        for fragment in fragments {
            query = query + " OR lower(label) LIKE \(bind: "%\(fragment)%") OR lower(alt_labels) LIKE \(bind: "%\(fragment)%")"
        }
        let rows = try await sql.raw(query).all(decoding: SkillRow.self)
        return SkillSearch.rankNear(rows.map(\.skill), for: wanted, limit: limit)
    }

    /// Why `label` was refused, naming the nearest skills when there are some.
    public static func unknownSkillMessage(_ label: String, on db: any Database) async throws -> String {
        unknownSkillMessage(label, suggestions: try await suggestions(for: label, on: db))
    }

    /// The labels of the (at most three) skills nearest to `label`, for "did you mean".
    public static func suggestions(for label: String, on db: any Database) async throws -> [String] {
        try await search(label, limit: 3, on: db).map(\.skill.label)
    }

    public static func unknownSkillMessage(_ label: String, suggestions near: [String]) -> String {
        let message = "\"\(label)\" is not an ESCO skill."
        guard let last = near.last else { return message + " Check the spelling or try a shorter name." }
        let list = near.count == 1 ? last : near.dropLast().joined(separator: ", ") + " or " + last
        return message + " Did you mean \(list)?"
    }

    private struct SkillRow: Decodable {
        var uri: String
        var label: String
        var kind: String
        var altLabels: String
        var description: String

        enum CodingKeys: String, CodingKey {
            case uri, label, kind, description
            case altLabels = "alt_labels"
        }

        var skill: Skill {
            Skill(uri: uri, label: label, kind: Skill.Kind(rawValue: kind) ?? .skill,
                  altLabels: altLabels.split(separator: "\n").map(String.init), description: description)
        }
    }
}
