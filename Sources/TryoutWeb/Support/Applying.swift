import FluentKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// Applying and answering, for the pages and the API alike; each move is written with its
/// notifications and audit entries in one transaction.
enum Applying {
    /// Stores the candidate's application, or throws the form's errors, or 409 when one is live.
    static func apply(_ req: Request, to project: ProjectRecord, _ input: ApplicationInput) async throws -> ApplicationRecord {
        let user = try req.requireVerifiedUser()
        guard try await CandidateProfiles.profile(userID: try user.requireID(), on: req.db) != nil else {
            throw Abort(.forbidden, reason: "Only candidates can apply. Sign up as a candidate to apply to projects.")
        }
        let now = req.now
        if let refusal = ApplicationLifecycle.applyRefusal(projectState: project.state, deadline: project.applicationDeadline, now: now) {
            throw Abort(.conflict, reason: refusal)
        }
        let questions = try await ProjectBriefs.brief(of: project, on: req.db).screeningQuestions
        let valid = try input.validated(questionCount: questions.count)
        let stored = try await req.db.transaction { tx -> ApplicationRecord? in
            guard let application = try await Applications.submit(to: project, userID: try user.requireID(), valid, at: now, on: tx) else {
                return nil
            }
            application.$candidate.value = user
            try await ApplicationEvents.record(req, [ApplicationChange(application: application, from: .submitted, revealed: false)],
                                               project: project, byCandidate: true, at: now, on: tx)
            return application
        }
        guard let stored else { throw Abort(.conflict, reason: "You have already applied to this project.") }
        return stored
    }

    /// The candidate accepts, declines or withdraws. An accept with every place taken lands on
    /// the waiting list, which the returned changes show.
    static func respond(_ req: Request, _ application: ApplicationRecord, to target: ApplicationState) async throws -> [ApplicationChange] {
        let project = application.project
        let now = req.now
        do {
            return try await DecisionLock.run(projectID: try project.requireID(), on: req.db) { tx in
                var engagement = try await Engagements.forApplication(try application.requireID(), on: tx)
                // Read again once its row is held: a signature may have moved it on meanwhile.
                if let id = engagement?.id {
                    try await DecisionLock.hold(engagementID: id, on: tx)
                    engagement = try await Engagements.forApplication(try application.requireID(), on: tx)
                }
                if let engagement, !EngagementLifecycle.placeCanBeWithdrawn(engagement.state) {
                    throw Abort(.conflict, reason: "Work has started: end the engagement from its page instead.")
                }
                let changes = try await Applications.respond(application, of: project, to: target, at: now, on: tx)
                try await ApplicationEvents.record(req, changes, project: project, byCandidate: true, at: now, on: tx)
                for change in changes where change.application.state == .accepted {
                    let engagement = try await Engagements.start(for: change.application, project: project, at: now, on: tx)
                    try await EngagementEvents.started(req, try engagement.requireID(), on: tx)
                }
                if let engagement, changes.first?.application.state == .withdrawn {
                    try await Engagements.terminate(engagement, reason: "The candidate withdrew before the work started.",
                                                    by: application.$candidate.id, at: now, on: tx)
                }
                return changes
            }
        } catch let error as ApplicationTransitionError {
            throw Abort(.conflict, reason: error.description)
        }
    }

    /// The employer moves some of a project's applications, all or none.
    static func decide(_ req: Request, _ project: ProjectRecord, _ decision: ApplicationDecision) async throws -> [ApplicationChange] {
        let now = req.now
        return try await DecisionLock.run(projectID: try project.requireID(), on: req.db) { tx in
            let changes = try await Applications.decide(decision, of: project, at: now, on: tx)
            try await ApplicationEvents.record(req, changes, project: project, byCandidate: false, at: now, on: tx)
            return changes
        }
    }

    /// The candidate's own application at `:applicationID`, with its project; 404 for anyone else.
    static func ownApplication(_ req: Request) async throws -> ApplicationRecord {
        guard let id = req.parameters.get("applicationID", as: UUID.self),
              let application = try await Applications.find(id, userID: try req.requireUser().requireID(), on: req.db) else {
            throw Abort(.notFound)
        }
        return application
    }

    /// The project at `:projectID` and the application at `:applicationID` on it, for a member who
    /// may see applicants; 404 otherwise.
    static func applicant(_ req: Request) async throws -> (ProjectRecord, ApplicationRecord) {
        let project = try await ApplicantScreening.project(req)
        guard let id = req.parameters.get("applicationID", as: UUID.self),
              let application = try await Applications.find(id, projectID: try project.requireID(), on: req.db) else {
            throw Abort(.notFound)
        }
        return (project, application)
    }
}
