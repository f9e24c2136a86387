import Foundation
import TryoutApp
import TryoutCore
import Vapor

/// Engagements' overviews as every participant sees them alike, kept while the engagement's
/// version holds: the role, unread messages and time logged are added on each view.
typealias EngagementOverviews = KeptByVersion<EngagementID, EngagementOverview>

/// Engagements' threads with the title and names above them, kept while the version holds.
typealias EngagementThreads = KeptByVersion<EngagementID, EngagementThread>

struct EngagementThread: Sendable {
    var engagement: EngagementView
    var messages: [MessageRow]
}

extension Application {
    var engagementOverviews: EngagementOverviews { kept() }
    var engagementThreads: EngagementThreads { kept() }
}

extension Request {
    /// The overview of the engagement the path names, with the glance that authorized the person.
    /// Read in full (ten statements) only when the engagement's version has moved since this
    /// process last read it; otherwise the glance is the view's one statement of its own.
    func engagementOverview() async throws -> (EngagementGlance, EngagementOverview) {
        let (id, context, glance) = try await engagementGlance()
        let overviews = application.engagementOverviews
        if let kept = overviews.value(id, version: glance.version) { return (glance, kept.seen(as: glance)) }
        let overview = try EngagementOverview(try await EngagementSnapshot.load(try await EngagementParticipant.load(id, context), context))
        overviews.keep(overview, id, version: glance.version)
        return (glance, overview.seen(as: glance))
    }

    /// The thread of the engagement the path names, oldest first, read in full only when the
    /// version has moved. With `markingRead`, the person has now read it.
    func engagementThread(markingRead: Bool) async throws -> EngagementThread {
        let (id, context, glance) = try await engagementGlance()
        if markingRead { try await ActivityService.markRead(glance, context) }
        let threads = application.engagementThreads
        if let kept = threads.value(id, version: glance.version) { return kept }
        let participant = try await EngagementParticipant.load(id, context)
        let thread = EngagementThread(engagement: try EngagementView(participant.engagement),
                                      messages: try await ActivityService.thread(of: participant, context).map(MessageRow.init))
        threads.keep(thread, id, version: glance.version)
        return thread
    }

    private func engagementGlance() async throws -> (EngagementID, ActionContext, EngagementGlance) {
        guard let id = parameters.get("engagementID", as: EngagementID.self) else { throw Abort(.notFound) }
        let context = try await signedInContext()
        return (id, context, try await EngagementGlance.load(id, context))
    }
}

extension EngagementOverview {
    /// The overview as the person who glanced sees it.
    func seen(as glance: EngagementGlance) -> EngagementOverview {
        var overview = self
        overview.role = glance.role
        overview.unreadMessages = glance.unreadMessages
        overview.minutesLogged = glance.minutesLogged
        return overview
    }
}
