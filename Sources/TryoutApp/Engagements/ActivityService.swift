import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Check-ins, the message thread and the time log of an engagement.
public enum ActivityService {
    public static func book(_ input: CheckInInput, in participant: EngagementParticipant, _ context: ActionContext) async throws -> CheckInRecord {
        try await participant.perform(nil, context) { move in
            let tx = move.context
            try EngagementLifecycle.checkOpen(move.engagement.state)
            let checkIn = try await EngagementActivity.book(input, engagementID: participant.id.uuid, by: participant.userID.uuid, at: tx.now, on: tx.db)
            try await move.tell(.checkInBooked, "\(participant.user.displayName) booked a check-in for \(DateText.short(input.startsAt)).", at: .checkIns(participant.id), email: true)
            return checkIn
        }
    }

    public static func checkIns(in participant: EngagementParticipant, _ context: ActionContext) async throws -> [CheckInRecord] {
        try await EngagementActivity.checkIns(of: participant.id.uuid, on: context.db)
    }

    public static func checkIn(_ id: CheckInID, in participant: EngagementParticipant, _ context: ActionContext) async throws -> CheckInRecord {
        guard let checkIn = try await EngagementActivity.checkIn(id.uuid, engagementID: participant.id.uuid, on: context.db) else {
            throw ActionError.notFound
        }
        return checkIn
    }

    public static func recordNotes(_ notes: CheckInNotes, on checkInID: CheckInID, in participant: EngagementParticipant,
                                   _ context: ActionContext) async throws {
        try await participant.perform(.writeUpCheckIn, context) { move in
            let tx = move.context
            let checkIn = try await checkIn(checkInID, in: participant, tx)
            try EngagementLifecycle.checkNotes(move.engagement.state, startsAt: checkIn.startsAt, now: tx.now, written: !checkIn.notes.isEmpty)
            try await EngagementActivity.record(notes, on: checkIn, on: tx.db)
            let attendance = notes.candidateAttended ? "attended" : "did not attend"
            try await move.tell(.checkInWrittenUp, "Notes on the check-in of \(DateText.short(checkIn.startsAt)) (the candidate \(attendance)).",
                                at: .checkIns(participant.id))
        }
    }

    /// The thread, oldest first; reading it marks it read for the person.
    public static func read(in participant: EngagementParticipant, _ context: ActionContext) async throws -> [EngagementActivity.Message] {
        let (id, userID) = (participant.id.uuid, participant.userID.uuid)
        try await markRead(unread: try await EngagementActivity.unread(userID: userID, in: id, on: context.db), id, by: userID, context)
        return try await thread(of: participant, context)
    }

    /// Marks the thread read for the person as the glance found it, for a page that shows the thread.
    public static func markRead(_ engagement: EngagementGlance, _ context: ActionContext) async throws {
        try await markRead(unread: engagement.unreadMessages, engagement.id.uuid, by: engagement.userID.uuid, context)
    }

    /// Only messages from others newer than the mark count as unread, so a thread with none
    /// needs no write: reading is what people do most, and a write is what costs most.
    private static func markRead(unread: Int, _ id: UUID, by userID: UUID, _ context: ActionContext) async throws {
        guard unread > 0 else { return }
        try await EngagementActivity.markRead(engagementID: id, userID: userID, at: context.now, on: context.db)
    }

    /// The thread, oldest first, without marking it read (a refused message shows it again).
    public static func thread(of participant: EngagementParticipant, _ context: ActionContext) async throws -> [EngagementActivity.Message] {
        try await EngagementActivity.messages(of: participant.id.uuid, on: context.db)
    }

    /// Posts a message; with `email`, everyone else in the engagement also gets it by e-mail.
    ///
    /// A message is not a move: it changes no state Core decides on, so it takes neither the
    /// engagement's lock nor the "still open" check. People may still write after an engagement
    /// has ended (to settle what is owed, to say goodbye), and a message waiting behind a slow
    /// upload's lock would gain nothing. Its notification mail still shares its transaction.
    public static func post(_ raw: String, email: Bool, in participant: EngagementParticipant, _ context: ActionContext) async throws -> EngagementActivity.Message {
        let body = try MessageText.validated(raw)
        return try await context.act(locking: .none) { tx in
            let engagement = participant.engagement
            let message = try await EngagementActivity.post(body, engagementID: participant.id.uuid, by: participant.userID.uuid, at: tx.now, on: tx.db)
            let recipients = try await EngagementNews.audience(of: engagement, team: participant.team, except: participant.userID.uuid, on: tx.db)
            let link = tx.mail.links.base + tx.mail.links.path(.messages(participant.id))
            for user in recipients where email {
                try await tx.mail.send(MailMessage(to: user.email, subject: "\(engagement.project.title): a message from \(participant.user.displayName)",
                                                   text: "\(body)\n\nReply in Tryout: \(link)\n", category: .messages, recipientUserID: user.id),
                                       at: tx.now, on: tx.db)
            }
            return try EngagementActivity.Message(message, authorName: participant.user.displayName)
        }
    }

    public static func timeEntries(in participant: EngagementParticipant, _ context: ActionContext) async throws -> [TimeEntryRecord] {
        try await EngagementActivity.timeEntries(of: participant.id.uuid, on: context.db)
    }

    /// Logs time, against one of the engagement's deliverables when `milestoneID` names one.
    @discardableResult
    public static func log(_ input: TimeEntryInput, milestoneID raw: String, in participant: EngagementParticipant,
                           _ context: ActionContext) async throws -> TimeEntryRecord {
        try participant.require(.submitWork)
        let milestones = try await Engagements.milestones(of: participant.id.uuid, on: context.db)
        let milestoneID = UUID(uuidString: raw)
        if !raw.isEmpty && !milestones.contains(where: { $0.id == milestoneID }) {
            throw ValidationFailure([FieldError("milestoneID", "Choose one of this engagement's deliverables.")])
        }
        return try await participant.perform(nil, context) { move in
            try EngagementLifecycle.checkWork(move.engagement.state)
            return try await EngagementActivity.log(input, milestoneID: milestoneID, engagementID: participant.id.uuid, at: move.context.now,
                                                    on: move.context.db)
        }
    }

    public static func deleteEntry(_ entryID: TimeEntryID, in participant: EngagementParticipant, _ context: ActionContext) async throws {
        try await participant.perform(.submitWork, context) { move in
            try EngagementLifecycle.checkWork(move.engagement.state)
            guard try await EngagementActivity.deleteEntry(entryID.uuid, engagementID: participant.id.uuid, on: move.context.db) else {
                throw ActionError.notFound
            }
        }
    }
}
