import FluentKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// Check-ins, messages and the time log, for the pages and the API alike.
enum EngagementConversation {
    static func book(_ req: Request, _ context: EngagementContext, _ input: CheckInInput) async throws -> CheckInRecord {
        try await EngagementWork.locked(req, context) { tx in
            try EngagementLifecycle.checkOpen(context.engagement.state)
            let checkIn = try await EngagementActivity.book(input, engagementID: context.id, by: context.userID, at: req.now, on: tx)
            try await EngagementEvents.record(req, context, .checkInBooked, "Check-in booked for \(DateText.short(input.startsAt)) UTC.",
                                              link: .engagementPage(context.id, "check-ins"), email: true, on: tx)
            return checkIn
        }
    }

    static func recordNotes(_ req: Request, _ context: EngagementContext, checkInID: UUID, _ notes: CheckInNotes) async throws {
        try context.require(.writeUpCheckIn)
        try await EngagementWork.locked(req, context) { tx in
            guard let checkIn = try await EngagementActivity.checkIn(checkInID, engagementID: context.id, on: tx) else { throw Abort(.notFound) }
            try EngagementLifecycle.checkNotes(context.engagement.state, startsAt: checkIn.startsAt, now: req.now, written: !checkIn.notes.isEmpty)
            try await EngagementActivity.record(notes, on: checkIn, on: tx)
            let attendance = notes.candidateAttended ? "attended" : "did not attend"
            try await EngagementEvents.record(req, context, .checkInWrittenUp,
                                              "Notes on the check-in of \(DateText.short(checkIn.startsAt)) UTC (the candidate \(attendance)).",
                                              link: .engagementPage(context.id, "check-ins"), on: tx)
        }
    }

    /// Posts a message; with `email`, everyone else in the engagement also gets it by e-mail.
    static func post(_ req: Request, _ context: EngagementContext, body raw: String, email: Bool) async throws -> MessageRecord {
        let body = try MessageText.validated(raw)
        return try await req.db.transaction { tx in
            let message = try await EngagementActivity.post(body, engagementID: context.id, by: context.userID, at: req.now, on: tx)
            let recipients = try await EngagementEvents.recipients(of: context.engagement, team: context.team, except: context.userID, on: tx)
            let link = SiteURL.engagementPage(context.id, "messages")
            for user in recipients where email {
                try await req.mailer.send(to: user.email, subject: "\(context.engagement.project.title): a message from \(context.user.displayName)",
                                      body: "\(body)\n\nReply in Tryout: \(link.absolute(base: req.tryout.publicURL))\n", at: req.now, on: tx)
            }
            message.$author.value = context.user
            return message
        }
    }

    @discardableResult
    static func log(_ req: Request, _ context: EngagementContext, _ input: TimeEntryInput, milestoneID raw: String) async throws -> TimeEntryRecord {
        try context.require(.submitWork)
        let milestones = try await Engagements.milestones(of: context.id, on: req.db)
        let milestoneID = UUID(uuidString: raw)
        if !raw.isEmpty && !milestones.contains(where: { $0.id == milestoneID }) {
            throw ValidationFailure([FieldError("milestoneID", "Choose one of this engagement's deliverables.")])
        }
        return try await EngagementWork.locked(req, context) { tx in
            try EngagementLifecycle.checkWork(context.engagement.state)
            return try await EngagementActivity.log(input, milestoneID: milestoneID, engagementID: context.id, at: req.now, on: tx)
        }
    }

    static func deleteEntry(_ req: Request, _ context: EngagementContext, entryID: UUID) async throws {
        try context.require(.submitWork)
        try await EngagementWork.locked(req, context) { tx in
            try EngagementLifecycle.checkWork(context.engagement.state)
            guard try await EngagementActivity.deleteEntry(entryID, engagementID: context.id, on: tx) else { throw Abort(.notFound) }
        }
    }
}
