import Foundation
import Plot
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// Reading, signing and downloading an engagement's agreements, and an organization's templates.
struct AgreementsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Engagements.engagement(.key, .agreement(.key)), use: show)
        routes.get(SiteURL.Engagements.engagement(.key, .agreement(.key, .text)), use: text)
        routes.get(SiteURL.Engagements.engagement(.key, .agreement(.key, .print)), use: printable)
        routes.post(SiteURL.Engagements.engagement(.key, .agreement(.key, .sign)), use: sign)
        routes.post(SiteURL.Engagements.engagement(.key, .agreement(.key, .reissue)), use: reissue)
        routes.get(SiteURL.Engagements.agreementTemplates(.key), use: templates)
        routes.get(SiteURL.Engagements.agreementTemplate(.key, kind: .key), use: template)
        routes.post(SiteURL.Engagements.agreementTemplate(.key, kind: .key), use: saveTemplate)
        routes.post(SiteURL.Engagements.agreementTemplate(.key, kind: .key, reset: true), use: resetTemplate)
    }

    /// The engagement and the agreement the path names; both 404 for outsiders.
    private func load(_ req: Request) async throws -> (EngagementRequest, AgreementRecord) {
        let engagement = try await EngagementRequest.load(req)
        let agreement = try await AgreementsService.agreement(try engagement.parameter("agreementID", of: req), in: engagement.participant,
                                                              engagement.context)
        return (engagement, agreement)
    }

    func show(req: Request) async throws -> Response {
        let (engagement, agreement) = try await load(req)
        return try await render(req, engagement, agreement)
    }

    private func render(_ req: Request, _ engagement: EngagementRequest, _ agreement: AgreementRecord, errors: [FieldError] = []) async throws -> Response {
        try await req.render(agreement.kind.label, status: errors.isEmpty ? .ok : .unprocessableEntity,
                             try page(engagement, agreement, csrf: try await req.csrfToken(), errors: errors))
    }

    private func page(_ engagement: EngagementRequest, _ agreement: AgreementRecord, csrf: String, errors: [FieldError] = [],
                      printable: Bool = false) throws -> AgreementPage {
        let participant = engagement.participant
        return AgreementPage(engagement: try EngagementView(participant.engagement), role: participant.role, viewerName: participant.user.displayName,
                             agreement: try AgreementDocument(agreement), csrf: csrf, errors: errors, printable: printable)
    }

    /// The exact text that was hashed and signed, so `sha256sum` of the download gives the fingerprint.
    func text(req: Request) async throws -> Response {
        let (_, agreement) = try await load(req)
        return EngagementDownload.attachment(Data(agreement.text.utf8), name: "\(agreement.kind.rawValue)-v\(agreement.version).txt",
                                             contentType: "text/plain; charset=utf-8", sha256: agreement.sha256)
    }

    /// A standalone page to print or keep: the text, its fingerprint and both signatures.
    func printable(req: Request) async throws -> Response {
        let (engagement, agreement) = try await load(req)
        let page = try page(engagement, agreement, csrf: "", printable: true)
        let html = HTML(.lang(.english), .head(.meta(.charset(.utf8)), .element(named: "title", text: agreement.kind.label),
                                               .link(.rel(.stylesheet), .href(SiteURL.site(.stylesheet).path))),
                        .body(.component(Tag("main", ["id": "main"]) { page })))
        return EngagementDownload.attachment(Data(html.render().utf8), name: "\(agreement.kind.rawValue)-v\(agreement.version).html",
                                             contentType: "text/html; charset=utf-8", sha256: nil)
    }

    func sign(req: Request) async throws -> Response {
        let (engagement, agreement) = try await load(req)
        let id = AgreementID(try agreement.requireID())
        do {
            let input = try SignatureInput(fullName: (try? req.content.get(String.self, at: "fullName")) ?? "",
                                           consent: (try? req.content.get(String.self, at: "consent")) != nil)
            return try await req.redirecting(to: .engagement(engagement.id, .agreement(.value(id)))) {
                try await AgreementsService.sign(id, input, in: engagement.participant, engagement.context)
                return "Signed."
            }
        } catch let failure as ValidationFailure {
            return try await render(req, engagement, agreement, errors: failure.errors)
        }
    }

    func reissue(req: Request) async throws -> Response {
        let (engagement, agreement) = try await load(req)
        return try await req.redirecting(to: .engagement(engagement.id)) {
            try await AgreementsService.reissue(AgreementID(try agreement.requireID()), in: engagement.participant, engagement.context)
            return "A new version was issued; both sides sign it again."
        }
    }

    // MARK: Templates

    private func organization(_ req: Request) async throws -> OrganizationRecord {
        let org = try await Memberships.organization(req, slug: req.parameters.get("slug"), for: Action.manageSettings)
        guard org.kind == .employer else { throw Abort(.notFound) }
        return org
    }

    private func kind(_ req: Request) throws -> AgreementKind {
        guard let kind = req.parameters.get("kind").flatMap(AgreementKind.init(rawValue:)) else { throw Abort(.notFound) }
        return kind
    }

    func templates(req: Request) async throws -> Response {
        let org = try await organization(req)
        let own = try await AgreementTemplatesService.templates(organizationID: OrganizationID(try org.requireID()), req.actionContext)
        return try await req.render("Agreement templates", AgreementTemplatesPage(slug: org.slug, changed: own.mapValues(\.updatedAt)))
    }

    func template(req: Request) async throws -> Response {
        let org = try await organization(req)
        let kind = try kind(req)
        let own = try await AgreementTemplatesService.templates(organizationID: OrganizationID(try org.requireID()), req.actionContext)[kind]
        return try await req.render(kind.label, AgreementTemplatePage(slug: org.slug, kind: kind, text: own?.body ?? AgreementTemplate.standard(kind).body,
                                                                      isOwn: own != nil, csrf: try await req.csrfToken()))
    }

    func saveTemplate(req: Request) async throws -> Response {
        let org = try await organization(req)
        let kind = try kind(req)
        let body = (try? req.content.get(String.self, at: "body")) ?? ""
        do {
            try await AgreementTemplatesService.save(kind, body: body, organizationID: OrganizationID(try org.requireID()), try await req.signedInContext())
        } catch let failure as ValidationFailure {
            return try await req.render(kind.label, status: .unprocessableEntity,
                                        AgreementTemplatePage(slug: org.slug, kind: kind, text: body, isOwn: false, csrf: try await req.csrfToken(), errors: failure.errors))
        }
        try await req.flash("Template saved. New agreements use it; those already issued keep their text.")
        return req.redirect(to: SiteURL.Engagements.agreementTemplates(.value(org.slug)).path)
    }

    func resetTemplate(req: Request) async throws -> Response {
        let org = try await organization(req)
        let kind = try kind(req)
        try await AgreementTemplatesService.reset(kind, organizationID: OrganizationID(try org.requireID()), try await req.signedInContext())
        try await req.flash("Back to the standard wording.")
        return req.redirect(to: SiteURL.Engagements.agreementTemplates(.value(org.slug)).path)
    }
}
