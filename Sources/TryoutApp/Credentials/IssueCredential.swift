import FluentKit
import Foundation
import TryoutCore
import TryoutStore

/// Issues the credential for an engagement that completed with accepted work. Queued in the
/// transaction that completed it, once per engagement; running it again issues nothing new.
public struct IssueCredential: Job, Equatable {
    public static let kind = "credentials.issue"

    public var engagementID: UUID

    public init(engagementID: UUID) {
        self.engagementID = engagementID
    }

    /// Queues the job for every completed engagement without a credential, such as those that
    /// completed before this release; a job queued already is not queued twice. Returns how many were queued.
    @discardableResult
    public static func enqueueMissing(at now: Date, on db: any Database) async throws -> Int {
        var queued = 0
        for engagementID in try await Credentials.completedWithout(on: db) {
            let id = try await JobQueue.enqueue(IssueCredential(engagementID: engagementID), runAt: now, uniqueKey: "credential:\(engagementID)",
                                                at: now, on: db)
            if id != nil { queued += 1 }
        }
        return queued
    }

    public static func run(_ job: IssueCredential, _ ctx: ActionContext, settings: CredentialSettings) async throws {
        try await ctx.act(locking: .none) { ctx in
            try await issue(job.engagementID, settings, ctx)
        }
    }

    static func issue(_ engagementID: UUID, _ settings: CredentialSettings, _ ctx: ActionContext) async throws {
        guard try await Credentials.of(engagementID: engagementID, on: ctx.db) == nil else { return }
        guard let engagement = try await Engagements.find(engagementID, on: ctx.db) else {
            throw PermanentJobFailure("The engagement is gone.")
        }
        guard engagement.state == .completed else { throw PermanentJobFailure("The engagement did not complete with accepted work.") }
        let (list, taken) = try await Credentials.openList(size: BitstringStatusList.minimumBits, on: ctx.db)
        var random = SystemRandomNumberGenerator()
        guard let index = BitstringStatusList.freeIndex(taken: taken, using: &random) else { throw PermanentJobFailure("The status list is full.") }
        let id = CredentialID(UUID())
        let credential = try await assemble(engagement, id: id, status: .init(listURL: settings.statusListURL(list), index: index), settings, ctx)
        let jwt = try VCJWT.sign(credential, with: settings.signer.key, kid: settings.kid, notBefore: ctx.now)
        try await settings.signer.publish(at: ctx.now, on: ctx.db)
        try await CredentialRecord(id: id.uuid, engagementID: engagementID, candidateID: engagement.$candidate.id,
                                   organizationID: engagement.$organization.id, projectID: engagement.$project.id, name: credential.name,
                                   organizationName: engagement.organization.name, statusList: list, statusIndex: index, jwt: jwt,
                                   issuedAt: ctx.now).create(on: ctx.db)
        try await tell(engagement, id: id, name: credential.name, settings, ctx)
    }

    /// The credential from what the engagement left: the brief the candidate applied to, the
    /// scorecards of the accepted versions, the deliverables the employer lets anyone see.
    static func assemble(_ engagement: EngagementRecord, id: CredentialID, status: OpenBadgeCredential.StatusEntry,
                         _ settings: CredentialSettings, _ ctx: ActionContext) async throws -> OpenBadgeCredential {
        guard let application = try await ApplicationRecord.find(engagement.$application.id, on: ctx.db) else {
            throw PermanentJobFailure("The engagement's application is gone.")
        }
        let brief = try await ProjectBriefs.brief(of: engagement.project, version: application.briefVersion, on: ctx.db)
        var cards: [Scorecard] = []
        var evidence: [OpenBadgeCredential.Evidence] = []
        for milestone in try await Engagements.milestones(of: engagement.requireID(), on: ctx.db) {
            guard let accepted = try await Submissions.latest(of: milestone.requireID(), on: ctx.db) else { continue }
            cards += try await Reviews.scorecards(of: accepted.requireID(), on: ctx.db).map(\.scorecard)
            if engagement.organization.showcaseWork {
                evidence.append(.init(url: settings.evidenceURL(id, deliverable: milestone.position + 1), name: milestone.title))
            }
        }
        let labels = try await Taxonomy.labels(of: brief.skills.map(\.uri), on: ctx.db)
        let organization = engagement.organization
        let orgURL = organization.website.isEmpty ? "\(settings.baseURL)/orgs/\(organization.slug)" : organization.website
        let salt = Base64URL.encode(Data((0..<16).map { _ in UInt8.random(in: .min ... .max) }))
        let email = engagement.candidate.email.lowercased()
        let hash = Fingerprint.sha256(email + salt)
        let facts = CredentialFacts(
            credentialURL: settings.credentialURL(id),
            issuer: .init(id: settings.did.did, name: settings.issuerName, url: settings.baseURL),
            creator: .init(id: "\(settings.baseURL)/orgs/\(organization.slug)", name: organization.name, url: orgURL),
            title: brief.title, summary: brief.summary, deliverables: brief.deliverables, rubric: brief.rubric,
            medians: cards.isEmpty ? [] : ReviewPanel(rubric: brief.rubric, cards: cards).medians,
            skills: brief.skills.compactMap { skill in labels[skill.uri].map { .init(uri: skill.uri, label: $0) } },
            started: engagement.startDate, ended: engagement.endedAt ?? ctx.now, evidence: evidence,
            identifier: .init(emailSHA256Hex: hash, salt: salt), status: status, issued: ctx.now)
        return CredentialAssembly.credential(facts)
    }

    /// The candidate hears of it in the app and by e-mail; the organization's webhooks and audit log record it.
    private static func tell(_ engagement: EngagementRecord, id: CredentialID, name: String, _ settings: CredentialSettings,
                             _ ctx: ActionContext) async throws {
        let url = settings.credentialURL(id)
        let path = String(url.dropFirst(settings.baseURL.count))
        let text = "Your credential for “\(name)” is ready: anyone can verify it, and you can add it to your portfolio and LinkedIn."
        try await Notifications.add(userID: engagement.$candidate.id, message: text, link: path, at: ctx.now, on: ctx.db)
        try await ctx.mail.send(MailMessage(to: engagement.candidate.email, subject: "Your credential for “\(name)”",
                                            text: "\(text)\n\n\(url)\n", category: .decisions, recipientUserID: engagement.$candidate.id),
                                at: ctx.now, on: ctx.db)
        let data = WebhookEventData.Credential(id: id, engagementID: EngagementID(try engagement.requireID()),
                                               projectID: ProjectID(engagement.$project.id), name: name, url: url)
        try await Webhooks.emit(WebhookEvent(.credentialIssued, organizationID: OrganizationID(engagement.$organization.id),
                                             data: .credential(data), summary: "\(engagement.candidate.displayName) received a credential for “\(name)”.",
                                             link: url), ctx)
        try await ctx.audit(.credentialIssued, by: nil, organizationID: engagement.$organization.id,
                            detail: "\(name) · \(engagement.candidate.displayName)")
    }
}
