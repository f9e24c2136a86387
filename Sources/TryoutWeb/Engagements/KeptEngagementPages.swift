import Foundation
import TryoutApp
import TryoutCore
import Vapor

/// Engagements' overviews as every participant sees them alike, kept while the engagement's
/// version holds: the role, unread messages and time logged are added on each view.
typealias EngagementOverviews = KeptByVersion<EngagementID, KeptOverview>

struct KeptOverview: Sendable {
    var overview: EngagementOverview
    /// The organization's members a manager may add to the team, once a manager has viewed it.
    var members: [TeamMemberRow]?
}

/// Engagements' threads with the title and names above them, kept while the version holds.
typealias EngagementThreads = KeptByVersion<EngagementID, EngagementThread>

struct EngagementThread: Sendable {
    var engagement: EngagementView
    /// The messages as every participant sees them, rendered once: writing fifty took a kept
    /// view a quarter of its time.
    var html: String

    init(engagement: EngagementView, messages: [MessageRow]) {
        self.engagement = engagement
        html = PageWriter.html(ThreadList(messages: messages))
    }
}

extension Application {
    var engagementOverviews: EngagementOverviews { kept() }
    var engagementThreads: EngagementThreads { kept() }
}

extension Request {
    /// The overview of the engagement the path names as the person sees it, with the members they
    /// may add to the team. Read in full (ten statements) only when the engagement's version has
    /// moved since this process last read it; otherwise the glance is the view's one statement.
    func engagementOverview() async throws -> (overview: EngagementOverview, members: [TeamMemberRow]) {
        let (id, context, glance) = try await engagementGlance()
        let overviews = application.engagementOverviews, manages = glance.may(.manageTeam)
        let found = overviews.value(id, version: glance.version)
        var kept: KeptOverview
        if let found {
            kept = found
        } else {
            let participant = try await EngagementParticipant.load(id, context)
            kept = KeptOverview(overview: try EngagementOverview(try await EngagementSnapshot.load(participant, context)))
        }
        if manages && kept.members == nil {
            kept.members = try await EngagementsService.assignable(in: glance, context)
                .map { TeamMemberRow(userID: UserID($0.$user.id), name: $0.user.displayName, roleLabel: $0.role.label) }
        }
        if found == nil || (manages && found?.members == nil) { overviews.keep(kept, id, version: glance.version) }
        return (kept.overview.seen(as: glance), manages ? kept.members ?? [] : [])
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
