import FluentKit
import Foundation
import Testing
import TryoutCore
@testable import TryoutStore
import TryoutTestSupport

@Suite("One row per key, also when requests come at once")
struct UpsertTests {
    @Test("reading a thread, replacing a calendar address and saving a template, ten times at once: one row each, no error")
    func simultaneousWrites() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let engagementID = try engagement.requireID()
            let userID = engagement.$candidate.id
            let orgID = engagement.$organization.id
            let start = t.clock.now
            let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                for n in 0..<10 {
                    let at = start.addingTimeInterval(Double(n))
                    group.addTask {
                        try await EngagementActivity.markRead(engagementID: engagementID, userID: userID, at: at, on: t.db)
                        let template = try AgreementTemplate.validated(kind: .nda, body: "Version \(n) for {{candidate.name}}")
                        try await Agreements.saveTemplate(template, organizationID: orgID, at: at, on: t.db)
                        return try await CalendarFeeds.create(userID: userID, at: at, on: t.db)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(try await MessageReadRecord.query(on: t.db).count() == 1)
            #expect(try await CalendarFeedRecord.query(on: t.db).count() == 1)
            // Exactly one of the addresses handed out still works: the last one written.
            var working = 0
            for token in tokens where try await CalendarFeeds.user(token: token, on: t.db) != nil { working += 1 }
            #expect(working == 1)
            let saved = try await Agreements.templates(organizationID: orgID, on: t.db)
            #expect(saved.count == 1 && saved[.nda]?.body.hasPrefix("Version ") == true)

            // A later write overwrites in place.
            let later = start.addingTimeInterval(3600)
            try await EngagementActivity.markRead(engagementID: engagementID, userID: userID, at: later, on: t.db)
            let read = try #require(try await MessageReadRecord.query(on: t.db).first())
            #expect(abs(read.readAt.timeIntervalSince(later)) < 1)
            try await Agreements.saveTemplate(AgreementTemplate.validated(kind: .nda, body: "Final"), organizationID: orgID, at: later, on: t.db)
            #expect(try await Agreements.templates(organizationID: orgID, on: t.db)[.nda]?.body == "Final")
        }
    }
}
