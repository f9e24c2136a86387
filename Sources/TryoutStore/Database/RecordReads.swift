import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// Records read with their statement written out (`SELECT * FROM "milestones" WHERE …`) and
/// decoded as Fluent decodes them, for the reads every page makes.
///
/// Fluent builds each query's SQL anew, naming and aliasing every column of the table
/// (`"projects"."title" AS "projects_title"`, three quoted names a column), and SQLKit quotes
/// each name through a generic string search: a seventh of an engagement page's time
/// (Benchmarks/README.md, eighth round). A written statement costs almost nothing to send.
/// Records read here are the same as Fluent's: they know they exist, and saving one updates it.
extension Model {
    /// The records matching `condition`, which may end with `ORDER BY` and `LIMIT`.
    static func read(_ condition: SQLQueryString, on db: any Database) async throws -> [Self] {
        try await JobQueue.sqlDatabase(db).raw("SELECT * FROM \(ident: schema) WHERE " + condition)
            .all(decodingFluent: Self.self)
    }

    /// `SELECT … FROM` the record's table joined to its parent's, which reads each record with its
    /// parent in one statement, where Fluent's `with(\.$parent)` took two. The record's columns
    /// are `r.…` and the parent's `p.…`, so a condition names the record's as `r.column`.
    static func joined<Parent: Model>(_ parent: KeyPath<Self, ParentProperty<Self, Parent>>) -> String {
        """
        SELECT \(columns(as: "r")), \(Parent.columns(as: "p")) FROM "\(schema)" AS r
        LEFT JOIN "\(Parent.schema)" AS p ON p."\(Parent.idKey)" = r."\(Self()[keyPath: parent].$id.key.description)"
        """
    }

    /// The records, each with its parent, in `rows` read by `joined(parent)`. A parent that is not
    /// there is Fluent's error, as it was with eager loading.
    static func records<Parent: Model>(_ rows: [any SQLRow], with parent: KeyPath<Self, ParentProperty<Self, Parent>>) throws -> [Self] {
        let link = Self()[keyPath: parent].$id.key.description, parentID = "p_" + Parent.idKey
        // A parent met again (the same author of many messages) is decoded once and shared, as
        // Fluent's eager loading shared it.
        var parents: [Parent.IDValue: Parent] = [:]
        return try rows.map { row in
            let record = try row.decode(Self.self, prefix: "r")
            guard let id = try row.decode(column: parentID, as: Parent.IDValue?.self) else {
                throw FluentError.missingParent(from: "\(Self.self)", to: "\(Parent.self)", key: link,
                                                id: "\(record[keyPath: parent].id)")
            }
            if parents[id] == nil { parents[id] = try row.decode(Parent.self, prefix: "p") }
            record[keyPath: parent].value = parents[id]
            return record
        }
    }

    static var idKey: String { Self()._$id.key.description }
}

extension Collection where Element: Model {
    /// Loads each record's children, one statement for all of them, as Fluent's `with(\.$children)`.
    /// `parent` is the children's link back to their record. Without an `order`, they come in the
    /// database's own order, as Fluent's did.
    func withChildren<Child: Model>(_ children: KeyPath<Element, ChildrenProperty<Element, Child>>,
                                    linkedBy parent: KeyPath<Child, ParentProperty<Child, Element>>,
                                    order: SQLQueryString? = nil,
                                    on db: any Database) async throws {
        let ids = compactMap(\.id)
        guard !ids.isEmpty else { return }
        let column = Child()[keyPath: parent].$id.key.description
        let condition: SQLQueryString = "\(ident: column) IN (\(binds: ids))"
        let all = try await Child.read(order.map { condition + " ORDER BY " + $0 } ?? condition, on: db)
        let byParent = Dictionary(grouping: all) { $0[keyPath: parent].id }
        for record in self { record[keyPath: children].value = record.id.flatMap { byParent[$0] } ?? [] }
    }
}

extension Model {
    /// `"alias"."column" AS "alias_column"` for each of the record's columns, for a written-out
    /// statement that reads it beside another record; `SQLRow.decode(_:prefix:)` reads it back.
    static func columns(as alias: String) -> String {
        keys.map { "\"\(alias)\".\"\($0.description)\" AS \"\(alias)_\($0.description)\"" }.joined(separator: ", ")
    }
}

extension SQLRow {
    /// A record whose columns were read as `columns(as: alias)`, or under their own names.
    func decode<Record: Model>(_ type: Record.Type, prefix alias: String?) throws -> Record {
        let record = Record()
        try record.output(from: AliasedOutput(row: self, prefix: alias.map { $0 + "_" } ?? ""))
        return record
    }
}

private struct AliasedOutput: DatabaseOutput {
    let row: any SQLRow
    let prefix: String

    var description: String { "\(prefix)* of \(row)" }

    func schema(_ schema: String) -> any DatabaseOutput { self }

    func contains(_ key: FieldKey) -> Bool { row.contains(column: prefix + key.description) }

    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: prefix + key.description) }

    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T {
        try row.decode(column: prefix + key.description, as: T.self)
    }
}
