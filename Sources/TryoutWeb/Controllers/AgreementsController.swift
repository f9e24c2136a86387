import FluentKit
import Foundation
import Plot
import TryoutCore
import TryoutStore
import Vapor

/// Reading, signing and downloading an engagement's agreements, and an organization's templates.
struct AgreementsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let agreement = routes.grouped("engagements", ":engagementID", "agreements", ":agreementID")
        agreement.get(use: show)
        agreement.get("text", use: text)
        agreement.get("print", use: printable)
        agreement.post("sign", use: sign)
        agreement.post("reissue", use: reissue)
        routes.get("orgs", ":slug", "agreements", use: templates)
        routes.get("orgs", ":slug", "agreements", ":kind", use: template)
        routes.post("orgs", ":slug", "agreements", ":kind", use: saveTemplate)
        routes.post("orgs", ":slug", "agreements", ":kind", "reset", use: resetTemplate)
    }

    static func load(_ req: Request) async throws -> (EngagementContext, AgreementRecord) {
        let context = try await EngagementContext.load(req)
        guard let id = req.parameters.get("agreementID", as: UUID.self),
              let agreement = try await Agreements.find(id, engagementID: context.id, on: req.db) else { throw Abort(.notFound) }
        return (context, agreement)
    }

    func show(req: Request) async throws -> Response {
        let (context, agreement) = try await Self.load(req)
        return try await render(req, context, agreement)
    }

    private func render(_ req: Request, _ context: EngagementContext, _ agreement: AgreementRecord, errors: [FieldError] = []) async throws -> Response {
        try await req.render(agreement.kind.label, status: errors.isEmpty ? .ok : .unprocessableEntity,
                             AgreementPage(context: context, agreement: agreement, csrf: try await req.csrfToken(), errors: errors))
    }

    /// The exact text that was hashed and signed, so `sha256sum` of the download gives the fingerprint.
    func text(req: Request) async throws -> Response {
        let (_, agreement) = try await Self.load(req)
        return Self.download(Data(agreement.text.utf8), name: "\(agreement.kind.rawValue)-v\(agreement.version).txt",
                             contentType: "text/plain; charset=utf-8", sha256: agreement.sha256)
    }

    /// A standalone page to print or keep: the text, its fingerprint and both signatures.
    func printable(req: Request) async throws -> Response {
        let (context, agreement) = try await Self.load(req)
        let page = AgreementPage(context: context, agreement: agreement, csrf: "", printable: true)
        let html = HTML(.lang(.english), .head(.meta(.charset(.utf8)), .element(named: "title", text: agreement.kind.label),
                                               .link(.rel(.stylesheet), .href(SiteURL.stylesheet.path))),
                        .body(.component(Tag("main", ["id": "main"]) { page })))
        return Self.download(Data(html.render().utf8), name: "\(agreement.kind.rawValue)-v\(agreement.version).html",
                             contentType: "text/html; charset=utf-8", sha256: nil)
    }

    func sign(req: Request) async throws -> Response {
        let (context, agreement) = try await Self.load(req)
        let id = try agreement.requireID()
        do {
            let input = try SignatureInput(fullName: (try? req.content.get(String.self, at: "fullName")) ?? "",
                                           consent: (try? req.content.get(String.self, at: "consent")) != nil)
            return try await EngagementsController.redirecting(req, to: .agreement(context.id, id)) {
                try await EngagementWork.sign(req, context, agreementID: id, input)
                return "Signed."
            }
        } catch let failure as ValidationFailure {
            return try await render(req, context, agreement, errors: failure.errors)
        }
    }

    func reissue(req: Request) async throws -> Response {
        let (context, agreement) = try await Self.load(req)
        return try await EngagementsController.redirecting(req, to: .engagement(context.id)) {
            try await EngagementWork.reissue(req, context, agreementID: try agreement.requireID())
            return "A new version was issued; both sides sign it again."
        }
    }

    /// A download: always an attachment with a name made safe, never rendered in place.
    static func download(_ data: Data, name: String, contentType: String, sha256: String?) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(UploadPolicy.safeName(name))\"")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        if let sha256, let digest = Data(hex: sha256) {
            headers.replaceOrAdd(name: "Repr-Digest", value: "sha-256=:\(digest.base64EncodedString()):")
        }
        return Response(status: .ok, headers: headers, body: .init(data: data))
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
        return try await req.render("Agreement templates", AgreementTemplatesPage(org: org, own: try await Agreements.templates(organizationID: try org.requireID(), on: req.db)))
    }

    func template(req: Request) async throws -> Response {
        let org = try await organization(req)
        let kind = try kind(req)
        let own = try await Agreements.templates(organizationID: try org.requireID(), on: req.db)[kind]
        return try await req.render(kind.label, AgreementTemplatePage(org: org, kind: kind, text: own?.body ?? AgreementTemplate.standard(kind).body,
                                                                      isOwn: own != nil, csrf: try await req.csrfToken()))
    }

    func saveTemplate(req: Request) async throws -> Response {
        let org = try await organization(req)
        let kind = try kind(req)
        let body = (try? req.content.get(String.self, at: "body")) ?? ""
        do {
            let template = try AgreementTemplate.validated(kind: kind, body: body)
            try await req.db.transaction { tx in
                try await Agreements.saveTemplate(template, organizationID: try org.requireID(), at: req.now, on: tx)
                try await AuditLog.record(req.auditEntry(.templateChanged, organizationID: org.id, detail: kind.label), at: req.now, on: tx)
            }
        } catch let failure as ValidationFailure {
            return try await req.render(kind.label, status: .unprocessableEntity,
                                        AgreementTemplatePage(org: org, kind: kind, text: body, isOwn: false, csrf: try await req.csrfToken(), errors: failure.errors))
        }
        try await req.flash("Template saved. New agreements use it; those already issued keep their text.")
        return req.redirect(to: SiteURL.agreementTemplates(org.slug).path)
    }

    func resetTemplate(req: Request) async throws -> Response {
        let org = try await organization(req)
        let kind = try kind(req)
        try await req.db.transaction { tx in
            try await Agreements.resetTemplate(kind, organizationID: try org.requireID(), on: tx)
            try await AuditLog.record(req.auditEntry(.templateChanged, organizationID: org.id, detail: "\(kind.label): standard wording"), at: req.now, on: tx)
        }
        try await req.flash("Back to the standard wording.")
        return req.redirect(to: SiteURL.agreementTemplates(org.slug).path)
    }
}

extension Data {
    /// Bytes from lowercase or uppercase hex; nil for anything else.
    init?(hex: String) {
        guard hex.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
