import FluentKit
import Foundation

/// In-app notifications: the page lists them, the navigation shows how many are unread.
public enum Notifications {
    public static func add(userID: UUID, message: String, link: String, at now: Date, on db: any Database) async throws {
        try await NotificationRecord(userID: userID, message: message, link: link, at: now).create(on: db)
    }

    public static func recent(userID: UUID, limit: Int = 100, on db: any Database) async throws -> [NotificationRecord] {
        try await NotificationRecord.query(on: db).filter(\.$user.$id == userID)
            .sort(\.$createdAt, .descending).sort(\.$id).limit(limit).all()
    }

    public static func unreadCount(userID: UUID, on db: any Database) async throws -> Int {
        try await NotificationRecord.query(on: db).filter(\.$user.$id == userID).filter(\.$readAt == nil).count()
    }

    /// The person's notification, marked read if it was not; nil when it is someone else's.
    public static func open(_ id: UUID, userID: UUID, at now: Date, on db: any Database) async throws -> NotificationRecord? {
        guard let notification = try await NotificationRecord.query(on: db).filter(\.$id == id).filter(\.$user.$id == userID).first()
        else { return nil }
        if notification.readAt == nil {
            notification.readAt = now
            try await notification.save(on: db)
        }
        return notification
    }

    public static func markAllRead(userID: UUID, at now: Date, on db: any Database) async throws {
        try await NotificationRecord.query(on: db).filter(\.$user.$id == userID).filter(\.$readAt == nil)
            .set(\.$readAt, to: now).update()
    }
}
