import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport

/// An engagement from both sides: the overview, agreements, the board, a milestone, messages,
/// check-ins and the time log.
@Suite("Engagement PageSnapshots")
struct EngagementPageSnapshots {
    static let candidate = "ada@uni.test", manager = "hiring_manager@acme.test"

    @Test func contracting() async throws {
        try await withTestApp { t in
            let camera = PageCamera(t)
            try await Factory(t).candidate("bo@uni.test", name: "Bo Lind")
            try await camera.snap("/engagements", as: "bo@uni.test", named: "list-empty")
            let id = try await Factory(t).engagement().requireID()
            try await SnapshotWorld.staggerMembers(t)
            let agreement = try #require(try await Agreements.current(of: id, on: t.db).first).requireID()
            try await camera.snap("/engagements", as: Self.candidate, named: "list-candidate")
            try await camera.snap("/engagements/\(id)", as: Self.candidate, named: "overview-candidate")
            try await camera.snap("/engagements/\(id)/agreements/\(agreement)", as: Self.candidate, named: "agreement-candidate")
            let unsigned = try await camera.post("/engagements/\(id)/agreements/\(agreement)/sign", ["fullName": "Ada Okafor"],
                                                 as: Self.candidate, from: "/engagements/\(id)/agreements/\(agreement)")
            camera.record(unsigned, named: "agreement-consent-missing", status: .unprocessableEntity)
            try await camera.snap("/engagements", as: Self.manager, named: "list-manager")
            try await camera.snap("/engagements/\(id)", as: Self.manager, named: "overview-manager")
            try await camera.snap("/engagements/\(id)/agreements/\(agreement)", as: Self.manager, named: "agreement-manager")
            try await camera.snap("/engagements/\(id)/agreements/\(agreement)/print", as: Self.manager, named: "agreement-printable")
        }
    }

    @Test func work() async throws {
        try await withTestApp { t in
            let camera = PageCamera(t)
            let engagement = try await Factory(t).engagement()
            try await SnapshotWorld.staggerMembers(t)
            let id = try engagement.requireID()
            let base = "/engagements/\(id)"
            try await camera.snap("\(base)/messages", as: Self.candidate, named: "messages-empty")
            try await camera.snap("\(base)/check-ins", as: Self.manager, named: "check-ins-empty")
            try await startWork(t, engagement)
            camera.forget()
            t.clock.advance(by: 60)
            let milestone = try #require(try await Engagements.milestones(of: id, on: t.db).first).requireID()
            try await camera.post("\(base)/messages", ["body": "Could we meet on Monday?"], as: Self.candidate, from: "\(base)/messages")
            t.clock.advance(by: 60)
            try await camera.post("\(base)/messages", ["body": "Monday at ten works."], as: Self.manager, from: "\(base)/messages")
            let tomorrow = ISO8601DateFormatter().string(from: t.clock.now.addingTimeInterval(86_400)).prefix(16)
            try await camera.post("\(base)/check-ins", ["startsAt": String(tomorrow), "minutes": "30", "agenda": "Kickoff"],
                                  as: Self.manager, from: "\(base)/check-ins")
            t.clock.advance(by: 60)
            try await camera.post("\(base)/time", ["day": BriefInput.dayString(t.clock.now), "hours": "1.5", "milestoneID": milestone.uuidString],
                                  as: Self.candidate, from: "\(base)/time")

            try await camera.snap(base, as: Self.candidate, named: "overview-active-candidate")
            try await camera.snap("\(base)/messages", as: Self.candidate, named: "messages")
            try await camera.snap("\(base)/check-ins", as: Self.candidate, named: "check-ins-candidate")
            try await camera.snap("\(base)/time", as: Self.candidate, named: "time-log")
            try await camera.snap("\(base)/milestones/\(milestone)", as: Self.candidate, named: "milestone-candidate")
            try await camera.snap(base, as: Self.manager, named: "overview-active-manager")
            try await camera.snap("\(base)/board", as: Self.manager, named: "board")
            try await camera.snap("\(base)/check-ins", as: Self.manager, named: "check-ins-manager")
            try await camera.snap("\(base)/milestones/\(milestone)", as: Self.manager, named: "milestone-manager")
            let badTime = try await camera.post("\(base)/time", ["day": BriefInput.dayString(t.clock.now), "hours": "0.1"],
                                                as: Self.candidate, from: "\(base)/time")
            camera.record(badTime, named: "time-log-error", status: .unprocessableEntity)
        }
    }
}
