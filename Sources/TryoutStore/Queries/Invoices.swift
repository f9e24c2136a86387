import FluentKit
import Foundation
import TryoutCore

/// Invoices for adding funds by bank transfer.
public enum Invoices {
    public static func create(_ amount: Money, organizationID: UUID, by userID: UUID?, at now: Date, on db: any Database) async throws -> InvoiceRecord {
        let invoice = InvoiceRecord()
        invoice.$organization.id = organizationID
        invoice.reference = InvoiceReference.random()
        invoice.amountMinor = amount.amountMinor
        invoice.currency = amount.currency
        invoice.state = .open
        invoice.$createdBy.id = userID
        invoice.createdAt = now
        try await invoice.save(on: db)
        return invoice
    }

    public static func of(organizationID: UUID, on db: any Database) async throws -> [InvoiceRecord] {
        try await InvoiceRecord.query(on: db).filter(\.$organization.$id == organizationID).sort(\.$createdAt, .descending).limit(100).all()
    }

    public static func find(_ id: UUID, organizationID: UUID, on db: any Database) async throws -> InvoiceRecord? {
        try await InvoiceRecord.query(on: db).filter(\.$id == id).filter(\.$organization.$id == organizationID).with(\.$organization).first()
    }

    public static func find(reference: String, on db: any Database) async throws -> InvoiceRecord? {
        try await InvoiceRecord.query(on: db).filter(\.$reference == reference).with(\.$organization).first()
    }

    /// Invoices still waiting for their money, oldest first, for the platform admins.
    public static func open(on db: any Database) async throws -> [InvoiceRecord] {
        try await InvoiceRecord.query(on: db).filter(\.$state == .open).with(\.$organization).sort(\.$createdAt).limit(200).all()
    }
}
