import FluentKit
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport

@Suite("What engagement pages count, counted by the database")
struct EngagementActivityTests {
    @Test("unread messages: others' since the person last read, per engagement; posting marks the thread read")
    func unreadCounts() async throws {
        try await withTestApp { t in
            let (first, second, _) = try await twoEngagements(t)
            let (a, b) = (try first.requireID(), try second.requireID())
            let ada = first.$candidate.id, bruno = second.$candidate.id
            let start = t.clock.now
            func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }
            // Counted for many engagements at once (the list) and for one (its pages, kept prepared): the same.
            func unread(_ userID: UUID, _ ids: [UUID]) async throws -> [UUID: Int] {
                let many = try await EngagementActivity.unread(userID: userID, engagementIDs: ids, on: t.db)
                for id in ids + [UUID()] {
                    #expect(try await EngagementActivity.unread(userID: userID, in: id, on: t.db) == many[id] ?? 0)
                    #expect(try await EngagementActivity.tallies(userID: userID, in: id, on: t.db).unread == many[id] ?? 0)
                }
                return many
            }

            try await EngagementActivity.post("Mine", engagementID: a, by: ada, at: at(1), on: t.db)
            try await EngagementActivity.post("One", engagementID: a, by: bruno, at: at(2), on: t.db)
            try await EngagementActivity.post("Two", engagementID: a, by: bruno, at: at(3), on: t.db)
            #expect(try await unread(ada, [a, b]) == [a: 2])
            // Bruno posted after Ada's message, which marked the thread read for him up to then.
            #expect(try await unread(bruno, [a]) == [:])
            try await EngagementActivity.post("Mine again", engagementID: a, by: ada, at: at(3.5), on: t.db)
            #expect(try await unread(bruno, [a]) == [a: 1])

            try await EngagementActivity.markRead(engagementID: a, userID: ada, at: at(4), on: t.db)
            #expect(try await unread(ada, [a, b]) == [:])

            try await EngagementActivity.post("Three", engagementID: a, by: bruno, at: at(5), on: t.db)
            try await EngagementActivity.post("Elsewhere", engagementID: b, by: bruno, at: at(6), on: t.db)
            #expect(try await unread(ada, [a, b]) == [a: 1, b: 1])
            #expect(try await unread(ada, [b]) == [b: 1])
            #expect(try await unread(ada, []) == [:])
            // Posting is reading: Bruno has seen everything up to his own last message.
            #expect(try await unread(bruno, [a, b]) == [:])
        }
    }

    @Test("the thread: the newest messages up to the limit, oldest first, with their authors' names, none of another engagement's")
    func thread() async throws {
        try await withTestApp { t in
            let (first, second, _) = try await twoEngagements(t)
            let (a, b) = (try first.requireID(), try second.requireID())
            let ada = first.$candidate.id, bruno = second.$candidate.id
            let start = t.clock.now
            var posted: [EngagementActivity.Message] = []
            for (index, author) in [ada, bruno, ada, bruno].enumerated() {
                let record = try await EngagementActivity.post("Note \(index)", engagementID: a, by: author, at: start.addingTimeInterval(Double(index) * 60),
                                                               on: t.db)
                let name = try #require(try await UserRecord.find(author, on: t.db)).displayName
                posted.append(try EngagementActivity.Message(record, authorName: name))
            }
            try await EngagementActivity.post("Elsewhere", engagementID: b, by: bruno, at: start, on: t.db)

            #expect(try await EngagementActivity.messages(of: a, on: t.db) == posted)
            #expect(try await EngagementActivity.messages(of: a, limit: 3, on: t.db) == Array(posted.suffix(3)))
            #expect(try await EngagementActivity.messages(of: b, on: t.db).map(\.body) == ["Elsewhere"])
            #expect(Set(posted.map(\.authorName)).count == 2)
        }
    }

    @Test("minutes logged: the sum of the engagement's entries, none of another's, zero when none")
    func minutesLogged() async throws {
        try await withTestApp { t in
            let (first, second, org) = try await twoEngagements(t)
            let today = String(DateText.iso(t.clock.now).prefix(10))
            for (hours, engagement) in [("1.5", first), ("0.5", first), ("3", second)] {
                let entry = try TimeEntryInput(day: today, hours: hours, note: "", now: t.clock.now)
                try await EngagementActivity.log(entry, milestoneID: nil, engagementID: try engagement.requireID(), at: t.clock.now, on: t.db)
            }
            // Summed alone (the evaluation) and beside the unread count (the overview): the same.
            func minutes(_ engagement: EngagementRecord) async throws -> Int {
                let alone = try await EngagementActivity.minutesLogged(of: try engagement.requireID(), on: t.db)
                let tallied = try await EngagementActivity.tallies(userID: engagement.$candidate.id, in: try engagement.requireID(), on: t.db)
                #expect(tallied.minutes == alone)
                return alone
            }
            #expect(try await minutes(first) == 120)
            #expect(try await minutes(second) == 180)
            let third = try await Factory(t).engagement(in: org, candidate: "chen@uni.test", candidateName: "Chen Li")
            #expect(try await minutes(third) == 0)
        }
    }

    /// Ada's and Bruno's engagements at one organization.
    private func twoEngagements(_ t: TestApp) async throws -> (EngagementRecord, EngagementRecord, OrganizationRecord) {
        let factory = Factory(t)
        let first = try await factory.engagement()
        let org = try #require(try await OrganizationRecord.find(first.$organization.id, on: t.db))
        return (first, try await factory.engagement(in: org, candidate: "bruno@uni.test", candidateName: "Bruno Silva"), org)
    }
}
