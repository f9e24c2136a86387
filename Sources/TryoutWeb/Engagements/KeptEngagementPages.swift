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

/// Overviews' sections as written for one role, with holes for what differs per view.
typealias OverviewSections = KeptByVersion<OverviewSectionsKey, HTMLWithHoles>

struct OverviewSectionsKey: Hashable, Sendable {
    var engagement: EngagementID
    var role: EngagementRole
    /// Which deliverables are overdue at the time of the view: all that time changes in them.
    var overdue: [Bool]
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
    var overviewSections: OverviewSections { kept() }
}

extension Request {
    /// The overview of the engagement the path names as the person sees it, with the members they
    /// may add to the team. Read in full (ten statements) only when the engagement's version has
    /// moved since this process last read it; otherwise the glance is the view's one statement.
    func engagementOverview() async throws -> (overview: EngagementOverview, members: [TeamMemberRow], version: Int) {
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
        return (kept.overview.seen(as: glance), manages ? kept.members ?? [] : [], glance.version)
    }

    /// The overview's sections under its header, for the person who views `overview` at
    /// `version`: written once for their role, and filled in with what differs per view.
    func overviewSections(_ overview: EngagementOverview, members: [TeamMemberRow], version: Int, csrf: String) -> String {
        let sections = application.overviewSections
        let key = OverviewSectionsKey(engagement: overview.id, role: overview.role, overdue: overview.milestones.map { $0.isOverdue(at: now) })
        let written: HTMLWithHoles
        if let kept = sections.value(key, version: version) {
            written = kept
        } else {
            written = HTMLWithHoles(PageWriter.html(EngagementSections(
                snapshot: overview, members: members, csrf: HTMLWithHoles.hole(0), now: now, hoursLogged: HTMLWithHoles.hole(1),
                idempotencyKey: HTMLWithHoles.hole(2))))
            sections.keep(written, key, version: version)
        }
        return written.filled([csrf, TimeText.hours(overview.minutesLogged), IdempotencyField.newKey()])
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
