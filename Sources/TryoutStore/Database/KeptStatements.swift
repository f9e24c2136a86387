import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit
import Synchronization

/// A statement the pages run most (the session, the header, a project, an engagement), kept
/// prepared on each PostgreSQL connection.
///
/// PostgresNIO sends a query as an unnamed statement, which PostgreSQL parses and plans anew each
/// time, and for these statements planning costs PostgreSQL several times what running them does
/// (Benchmarks/README.md, ninth round). A statement whose SQL is fixed in a type is prepared once
/// per connection and then only run. SQLite runs the same text with `?1`, `?2`, … for `$1`,
/// `$2`, …, so a `$` before a digit is always a parameter: text such as '$5' goes in as a value.
protocol KeptStatement: PostgresPreparedStatement where Row == PostgresRow {
    /// The values of `$1`, `$2`, … in order.
    var values: [any PostgresEncodable & Encodable & Sendable] { get }
}

extension KeptStatement {
    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { try bindings.append(value) }
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }

    /// The rows the statement reads.
    func rows(on db: any Database) async throws -> [any SQLRow] {
        guard let postgres = db as? any PostgresDatabase else {
            return try await JobQueue.sqlDatabase(db).raw("\(sqlite)").all()
        }
        // Logged as SQLKit logs the statements it sends, so that each still counts where they are counted.
        db.logger.debug("Executing query", metadata: ["sql": "\(Self.sql)"])
        return try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [PostgresRow] = []
                for try await row in try await connection.execute(self, logger: db.logger) { rows.append(row) }
                return rows
            }
        }.get().map { $0.sql() }
    }

    /// The statement as SQLite runs it: its `?NNN` is the NNNth value, as PostgreSQL's `$NNN`
    /// is, so each `$` before a digit becomes `?` and the values are bound in order. Any other
    /// `$` stays text.
    private var sqlite: NumberedStatement {
        let text = StatementTexts.text(of: Self.self, .sqlite) {
            var text = Array(Self.sql.utf8)
            for index in text.indices.dropLast() where text[index] == UInt8(ascii: "$") && (48...57).contains(text[index + 1]) {
                text[index] = UInt8(ascii: "?")
            }
            return String(decoding: text, as: UTF8.self)
        }
        return NumberedStatement(text: text, values: values)
    }
}

/// Statement texts made from types (a joined read's columns, the SQLite numbering), made once for
/// each statement type and kept for the life of the process, as the types are. Made again on every
/// run, they were 2–3% of an engagement page (Benchmarks/README.md, twelfth round).
enum StatementTexts {
    enum Form: Hashable {
        case written, sqlite
    }

    private struct Key: Hashable {
        let statement: ObjectIdentifier
        let form: Form
    }

    private static let made = Mutex<[Key: String]>([:])

    static func text(of statement: Any.Type, _ form: Form, make: () -> String) -> String {
        let key = Key(statement: ObjectIdentifier(statement), form: form)
        if let text = made.withLock({ $0[key] }) { return text }
        let text = make()
        made.withLock { $0[key] = text }
        return text
    }
}

/// SQL text whose parameters are already numbered, with their values in order.
private struct NumberedStatement: SQLExpression {
    let text: String
    let values: [any Encodable & Sendable]

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(text)
        serializer.binds += values
    }
}

/// A kept statement that reads the records of one table related to one id (an engagement's
/// milestones): `SELECT * FROM` the table `WHERE` the `condition`, whose `$1` is the id.
protocol KeptRecordsRead: KeptStatement {
    associatedtype Record: Model
    static var condition: String { get }
    var id: UUID { get }
}

extension KeptRecordsRead {
    static var sql: String { "SELECT * FROM \"\(Record.schema)\" WHERE \(condition)" }

    var values: [any PostgresEncodable & Encodable & Sendable] { [id] }

    /// The records, decoded as Fluent decodes them.
    func records(on db: any Database) async throws -> [Record] {
        try await rows(on: db).map { try $0.decode(Record.self, prefix: nil) }
    }
}

/// A kept statement that reads records with their parents (an engagement's team with their
/// users) in one statement joining the parent's table (`Model.joined`): the record's columns are
/// `r.…` in `condition`.
protocol KeptRecordsWithParentRead: KeptStatement {
    associatedtype Record: Model
    associatedtype Parent: Model
    static var parent: KeyPath<Record, ParentProperty<Record, Parent>> { get }
    static var condition: String { get }
    var id: UUID { get }
}

extension KeptRecordsWithParentRead {
    static var sql: String { StatementTexts.text(of: Self.self, .written) { Record.joined(parent) + " WHERE " + condition } }

    var values: [any PostgresEncodable & Encodable & Sendable] { [id] }

    func records(on db: any Database) async throws -> [Record] {
        try Record.records(try await rows(on: db), with: Self.parent)
    }
}
