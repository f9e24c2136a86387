import Foundation
import Testing
import TryoutCore

@Suite("Engagement decisions")
struct EngagementDecisionTests {
    let org = UUID()
    let candidate = UUID()

    @Test("a move changes the state only when the facts imply another one, and never after the end")
    func moves() {
        let signed = EngagementProgress(agreementsSigned: true, checklistDone: false, milestones: [.open])
        #expect(EngagementLifecycle.move(from: .contracting, signed) == .onboarding)
        #expect(EngagementLifecycle.move(from: .onboarding, signed) == nil)
        let done = EngagementProgress(agreementsSigned: true, checklistDone: true, milestones: [.accepted])
        #expect(EngagementLifecycle.move(from: .inReview, done) == .completed)
        #expect(EngagementLifecycle.move(from: .terminated, done) == nil)
    }

    @Test("the candidate and the team hear of a move; without a team, the members who would manage it; never the one who moved")
    func audience() {
        let owner = UUID(), reviewer = UUID(), hiring = UUID(), mentor = UUID()
        let members: [(userID: UUID, role: MemberRole)] = [(owner, .owner), (reviewer, .reviewer), (hiring, .hiringManager)]
        func audience(team: [UUID], except actor: UUID?) -> [UUID] {
            EngagementAccess.audience(candidateID: candidate, organizationID: org, team: team, members: members, except: actor)
        }
        #expect(audience(team: [], except: nil) == [candidate, owner, hiring])
        #expect(audience(team: [], except: owner) == [candidate, hiring])
        #expect(audience(team: [mentor, mentor], except: candidate) == [mentor])
        #expect(audience(team: [mentor], except: nil) == [candidate, mentor])
    }
}
