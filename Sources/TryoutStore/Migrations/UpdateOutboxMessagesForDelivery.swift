import FluentKit
import SQLKit

/// What delivering the outbox over SMTP needs: the recipient's name, the HTML part, the kind of
/// news and whose it is, the unsubscribe address, attachments (JSON), and the delivery's state,
/// attempts and the server's last reply. Messages written before delivery existed were never
/// sent and never will be (their links have expired): they are marked failed, saying so.
struct UpdateOutboxMessagesForDelivery: AsyncMigration {
    static let neverSent = "Written before Tryout delivered e-mail; not sent."

    static let columns: [(String, DatabaseSchema.DataType, [DatabaseSchema.FieldConstraint])] = [
        ("recipient_name", .string, []),
        ("html", .string, []),
        ("category", .string, []),
        ("recipient_user_id", .uuid, []),
        ("unsubscribe_url", .string, []),
        ("attachments", .string, []),
        ("state", .string, [.required, .sql(.default(OutboxState.failed.rawValue))]),
        ("attempts", .int, [.required, .sql(.default(0))]),
        ("last_reply", .string, []),
    ]

    func prepare(on database: any Database) async throws {
        // One column per ALTER: SQLite adds a single column at a time.
        for (name, type, constraints) in Self.columns {
            try await database.schema(OutboxRecord.schema)
                .field(.definition(name: .key(FieldKey(stringLiteral: name)), dataType: type, constraints: constraints))
                .update()
        }
        try await OutboxRecord.query(on: database).set(\.$lastReply, to: Self.neverSent).update()
        try await database.createIndex("outbox_messages_state_created", on: OutboxRecord.schema, "state", "created_at")
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.drop(index: "outbox_messages_state_created").run() }
        for (name, _, _) in Self.columns.reversed() {
            try await database.schema(OutboxRecord.schema).deleteField(.key(FieldKey(stringLiteral: name))).update()
        }
    }
}
