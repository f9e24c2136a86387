import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// Loads an official ESCO CSV file, all of it or nothing: new concepts are added, changed ones
/// updated, identical ones left alone, so importing the same file twice changes nothing.
public enum TaxonomyImport {
    public struct Outcome: Equatable, Sendable {
        public var added = 0
        public var updated = 0
        public var unchanged = 0
        /// Relations whose occupation or skill is not in the taxonomy.
        public var unmatched = 0
    }

    /// Rows per statement: well under the bound-parameter limits of both databases.
    static let batch = 200

    public static func run(_ file: ESCOFile, on db: any Database, progress: @escaping @Sendable (Double) -> Void = { _ in })
        async throws -> Outcome {
        try await db.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { return Outcome() }
            switch file.kind {
            case .skills:
                let rows = file.skills.map { [$0.uri, $0.label, $0.kind.rawValue, $0.altLabels.joined(separator: "\n"), $0.description] }
                let (outcome, changed) = try await upsert(rows, into: "skills", columns: ["uri", "label", "kind", "alt_labels", "description"],
                                                          on: sql, progress: progress)
                try await reindexProjects(using: changed, on: tx)
                return outcome
            case .occupations:
                let rows = file.occupations.map { [$0.uri, $0.label, $0.altLabels.joined(separator: "\n"), $0.description] }
                return try await upsert(rows, into: "occupations", columns: ["uri", "label", "alt_labels", "description"],
                                        on: sql, progress: progress).outcome
            case .relations:
                return try await importRelations(file.relations, on: sql, progress: progress)
            }
        }
    }

    /// Writes the rows that are new or differ; the first column is the key. Returns the keys of changed rows.
    private static func upsert(_ rows: [[String]], into table: String, columns: [String], on sql: any SQLDatabase,
                               progress: @Sendable (Double) -> Void) async throws -> (outcome: Outcome, changed: [String]) {
        var existing: [String: [String]] = [:]
        for row in try await sql.select().columns(columns.map { SQLIdentifier($0) }).from(table).all() {
            let values = try columns.map { try row.decode(column: $0, as: String.self) }
            existing[values[0]] = values
        }
        var outcome = Outcome()
        var changed: [String] = []
        var writes: [[String]] = []
        for row in Dictionary(rows.map { ($0[0], $0) }, uniquingKeysWith: { _, last in last }).values {
            if let old = existing[row[0]] {
                if old == row { outcome.unchanged += 1; continue }
                outcome.updated += 1
                changed.append(row[0])
            } else {
                outcome.added += 1
            }
            writes.append(row)
        }
        for (index, start) in stride(from: 0, to: writes.count, by: batch).enumerated() {
            let slice = writes[start..<min(start + batch, writes.count)]
            let values: [[any SQLExpression]] = slice.map { $0.map { SQLBind($0) } }
            try await sql.insert(into: table).columns(columns).rows(values)
                .onConflict(with: [columns[0]]) { update in columns.dropFirst().reduce(update) { $0.set(excludedValueOf: $1) } }
                .run()
            progress(Double(index + 1) * Double(batch) / Double(max(writes.count, 1)))
        }
        progress(1)
        return (outcome, changed)
    }

    private static func importRelations(_ relations: [ESCOFile.Relation], on sql: any SQLDatabase,
                                        progress: @Sendable (Double) -> Void) async throws -> Outcome {
        let skills = Set(try await sql.select().column("uri").from("skills").all().map { try $0.decode(column: "uri", as: String.self) })
        let occupations = Set(try await sql.select().column("uri").from("occupations").all().map { try $0.decode(column: "uri", as: String.self) })
        var existing: [String: Bool] = [:]
        for row in try await sql.select().columns("occupation_uri", "skill_uri", "essential").from("occupation_skills").all() {
            existing[try row.decode(column: "occupation_uri", as: String.self) + " " + row.decode(column: "skill_uri", as: String.self)] =
                try row.decode(column: "essential", as: Bool.self)
        }
        var outcome = Outcome()
        var writes: [ESCOFile.Relation] = []
        var seen: Set<String> = []
        for relation in relations where seen.insert(relation.occupationURI + " " + relation.skillURI).inserted {
            guard skills.contains(relation.skillURI), occupations.contains(relation.occupationURI) else {
                outcome.unmatched += 1
                continue
            }
            if let old = existing[relation.occupationURI + " " + relation.skillURI] {
                if old == relation.essential { outcome.unchanged += 1; continue }
                outcome.updated += 1
            } else {
                outcome.added += 1
            }
            writes.append(relation)
        }
        for (index, start) in stride(from: 0, to: writes.count, by: batch).enumerated() {
            let slice = writes[start..<min(start + batch, writes.count)]
            let values: [[any SQLExpression]] = slice.map { [SQLBind($0.occupationURI), SQLBind($0.skillURI), SQLBind($0.essential)] }
            try await sql.insert(into: "occupation_skills").columns("occupation_uri", "skill_uri", "essential").rows(values)
                .onConflict(with: ["occupation_uri", "skill_uri"]) { $0.set(excludedValueOf: "essential") }
                .run()
            progress(Double(index + 1) * Double(batch) / Double(max(writes.count, 1)))
        }
        progress(1)
        return outcome
    }

    /// A renamed skill changes what finds the projects that ask for it.
    private static func reindexProjects(using skills: [String], on db: any Database) async throws {
        guard !skills.isEmpty else { return }
        let projectIDs = Set(try await ProjectSkillRecord.query(on: db).filter(\.$skill.$id ~~ skills).all(\.$project.$id))
        for project in try await ProjectRecord.query(on: db).filter(\.$id ~~ Array(projectIDs)).all() {
            try await ProjectSearchIndex.refresh(project, on: db)
        }
    }
}
