import Foundation
import Testing
import TryoutTestSupport

/// Screening applicants, blind and revealed, and the candidate's side of an application.
@Suite("Applicant PageSnapshots")
struct ApplicantPageSnapshots {
    @Test func screening() async throws {
        try await withTestApp { t in
            let world = try await SnapshotWorld.make(t)
            let camera = world.camera
            let applicants = "\(world.projectPath)/applicants"
            try await camera.snap(applicants, as: SnapshotWorld.manager, named: "list-blind")
            try await camera.snap(world.applicantPath, as: SnapshotWorld.manager, named: "applicant-blind")
            try await camera.snap(applicants, as: SnapshotWorld.reviewer, named: "list-blind-reviewer")
            let confirm = try await camera.post("\(world.projectPath)/screening", ["revealAt": "shortlist", "offerWindowDays": "7"],
                                                as: SnapshotWorld.manager, from: applicants)
            camera.record(confirm, named: "turn-blind-off-confirmation")

            try await world.decide("shortlisted")
            try await camera.snap(applicants, as: SnapshotWorld.manager, named: "list-shortlisted")
            try await world.decide("offered", message: "Welcome aboard")
            try await camera.snap(applicants, as: SnapshotWorld.manager, named: "list-revealed")
            try await camera.snap(world.applicantPath, as: SnapshotWorld.manager, named: "applicant-revealed")
            let refused = try await camera.post("\(applicants)/decide", ["action": "shortlisted", "ids[]": world.application.uuidString.lowercased()],
                                                as: SnapshotWorld.manager, from: applicants)
            camera.record(refused, named: "decision-refused", status: .unprocessableEntity)
        }
    }

    @Test func employerReports() async throws {
        try await withTestApp { t in
            let world = try await SnapshotWorld.make(t)
            try await world.camera.snap("/orgs/acme/fairness", as: SnapshotWorld.owner, named: "organization-fairness")
            try await world.camera.snap("\(world.projectPath)/fairness", as: SnapshotWorld.owner, named: "project-fairness")
            try await world.camera.snap("\(world.projectPath)/candidates", as: SnapshotWorld.manager, named: "people-to-invite")
            try await world.camera.snap("\(world.projectPath)/onboarding", as: SnapshotWorld.manager, named: "onboarding-checklist")
        }
    }

    @Test func myApplications() async throws {
        try await withTestApp { t in
            let world = try await SnapshotWorld.make(t)
            let camera = world.camera
            try await camera.snap("/applications", as: SnapshotWorld.bo, named: "empty")
            try await camera.snap("/notifications", as: SnapshotWorld.bo, named: "notifications-empty")
            try await camera.snap("/applications", as: SnapshotWorld.ada, named: "submitted")
            try await camera.snap("/applications/\(world.application)", as: SnapshotWorld.ada, named: "application-submitted")
            try await world.decide("shortlisted")
            try await world.decide("offered", message: "Welcome aboard")
            try await camera.snap("/applications", as: SnapshotWorld.ada, named: "offer")
            try await camera.snap("/applications/\(world.application)", as: SnapshotWorld.ada, named: "application-offer")
            try await camera.snap("/notifications", as: SnapshotWorld.ada, named: "notifications")
        }
    }
}
