import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// The escrow terms of paid projects, and what their engagements still hold in escrow.
public enum Escrows {
    public static func terms(of projectID: UUID, on db: any Database) async throws -> ProjectEscrowRecord? {
        try await ProjectEscrowRecord.query(on: db).filter(\.$project.$id == projectID).first()
    }

    /// Fixes the project's escrow terms and moves their total from the organization's balance
    /// into the project's escrow, once (the entry's key is the project's).
    public static func hold(_ terms: EscrowTerms, for project: ProjectRecord, by actorID: UUID?, at now: Date, on db: any Database) async throws {
        let projectID = try project.requireID()
        let record = ProjectEscrowRecord()
        record.$project.id = projectID
        record.$organization.id = project.$organization.id
        record.currency = terms.pay.currency
        record.payMinor = terms.pay.amountMinor
        record.feeBasisPoints = terms.feeBasisPoints
        record.places = terms.places
        record.createdAt = now
        try await record.save(on: db)
        try await Ledger.post(.transfer(.escrowHold, terms.total.amountMinor, from: .balance(of: project.$organization.id, terms.pay.currency),
                                        to: .escrow(of: projectID, terms.pay.currency), memo: "Escrow for “\(project.title)”",
                                        uniqueKey: "escrow:\(projectID)",
                                        references: .init(organizationID: project.$organization.id, projectID: projectID)),
                              by: actorID, at: now, on: db)
    }

    /// The project's engagements, each with what has left escrow for it so far (released or refunded).
    public static func engagements(of projectID: UUID, on db: any Database) async throws -> [(engagement: EngagementRecord, settled: Int64)] {
        let engagements = try await EngagementRecord.query(on: db).filter(\.$project.$id == projectID).all()
        let sql = try JobQueue.sqlDatabase(db)
        let rows = try await sql.raw("""
            SELECT e.engagement_id AS id, CAST(-SUM(p.amount_minor) AS BIGINT) AS amount FROM postings p
            JOIN journal_entries e ON e.id = p.entry_id JOIN ledger_accounts a ON a.id = p.account_id
            WHERE e.project_id = \(bind: projectID) AND e.engagement_id IS NOT NULL AND a.kind = 'project_escrow'
            GROUP BY e.engagement_id
            """).all(decoding: SettledRow.self)
        let settled = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.amount) })
        return try engagements.map { ($0, settled[try $0.requireID()] ?? 0) }
    }

    /// The escrow of every project of an organization that has one, with its title and balance, newest first.
    public static func held(by organizationID: UUID, on db: any Database) async throws -> [HeldEscrow] {
        let sql = try JobQueue.sqlDatabase(db)
        return try await sql.raw("""
            SELECT s.project_id, p.title, p.state, s.currency, s.pay_minor, s.fee_basis_points, s.places, COALESCE(a.balance_minor, 0) AS balance_minor
            FROM project_escrows s JOIN projects p ON p.id = s.project_id
            LEFT JOIN ledger_accounts a ON a.kind = 'project_escrow' AND a.owner_id = s.project_id AND a.currency = s.currency
            WHERE s.organization_id = \(bind: organizationID) ORDER BY s.created_at DESC
            """).all(decoding: HeldEscrow.self)
    }

    struct SettledRow: Decodable { var id: UUID; var amount: Int64 }
}

/// A project's escrow as the billing page lists it.
public struct HeldEscrow: Decodable, Sendable {
    public var project_id: UUID
    public var title: String
    public var state: String
    public var currency: String
    public var pay_minor: Int64
    public var fee_basis_points: Int
    public var places: Int
    public var balance_minor: Int64

    public var balance: Money { Money(amountMinor: balance_minor, currency: currency) }
    public var terms: EscrowTerms { EscrowTerms(pay: Money(amountMinor: pay_minor, currency: currency), feeBasisPoints: fee_basis_points, places: places) }
}
