import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// At the end of a project's apply-by day, applications close by themselves
/// (`ApplicationLifecycle.applyRefusal` refuses new ones from then on) and everyone still
/// waiting hears that the choosing has begun; the deciders hear how many wait for them, and
/// the organization's log records it.
///
/// It does not close the project as "Close applications" on its page does: that move also ends
/// every application not yet offered a place, which is the employer's decision once they have
/// screened, never the calendar's.
///
/// Idempotent: the project's reminder key is recorded with the notices, in one transaction under
/// the project's lock; a second run finds it and does nothing.
enum ApplyByClosing {
    static func closeDue(_ ctx: ActionContext) async throws -> Int {
        var closed = 0
        for project in try await DueReminders.projects(closing: Reminder.applyByClosed.moments(dueAt: ctx.now), on: ctx.db) {
            if try await close(ProjectID(try project.requireID()), ctx) { closed += 1 }
        }
        return closed
    }

    /// Closes the project's applications if its apply-by day is over; whether it did so now.
    static func close(_ id: ProjectID, _ ctx: ActionContext) async throws -> Bool {
        try await ctx.act(locking: .project(id)) { ctx in
            // Read again under the lock: the deadline may have moved, or the project closed, since the sweep looked.
            guard let project = try await Projects.find(id: id.uuid, on: ctx.db), project.state == .published,
                  let deadline = project.applicationDeadline,
                  ApplicationLifecycle.applyRefusal(projectState: project.state, deadline: deadline, now: ctx.now) != nil,
                  try await SentReminders.claim(Reminder.applyByClosed.key(id.uuid), at: ctx.now, on: ctx.db)
            else { return false }
            let waiting = try await Applications.forProject(id.uuid, states: [.submitted, .shortlisted, .waitlisted], on: ctx.db)
            let org = project.organization.name
            for application in waiting {
                try await RemindersService.tell(application.candidate,
                                                "Applications for “\(project.title)” closed on \(DateText.day(deadline)). \(org) is choosing now; you will hear of their decision.",
                                                subject: "\(project.title): applications have closed",
                                                link: ctx.mail.links.path(.application(ApplicationID(try application.requireID()))), ctx)
            }
            let count = waiting.count == 1 ? "1 application waits" : "\(waiting.count) applications wait"
            for user in try await RemindersService.deciders(of: project.$organization.id, on: ctx.db) {
                try await RemindersService.tell(user, "Applications for “\(project.title)” closed on \(DateText.day(deadline)): \(count) for your decision.",
                                                subject: "\(project.title): applications have closed", link: ctx.mail.links.path(.applicants(id)), ctx)
            }
            try await AuditLog.record(.automatic(organizationID: project.$organization.id, action: .applicationsClosed,
                                                 detail: "\(project.title): apply-by date \(DateText.day(deadline)) passed; \(count)"),
                                      at: ctx.now, on: ctx.db)
            return true
        }
    }
}
