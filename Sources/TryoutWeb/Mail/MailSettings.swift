import Foundation
import TryoutApp
import TryoutMail
import Vapor

/// How mail leaves this server, from `TRYOUT_SMTP_URL`, `TRYOUT_MAIL_FROM`,
/// `TRYOUT_SMTP_CA_FILE` and `TRYOUT_MAIL`.
public enum MailSettings: Sendable {
    /// Written to the log: development without SMTP settings, or `TRYOUT_MAIL=log`.
    case log
    case smtp(SMTPServer, from: Mailbox, caFile: String?)
    /// A transport a test hands in.
    case custom(any MailTransport)
    /// Settings that cannot work; the server refuses to start and says why.
    case invalid(String)

    /// Production without SMTP settings would accept sign-ups whose confirmation never leaves;
    /// it refuses to start unless the operator says `TRYOUT_MAIL=log` on purpose.
    static func fromEnvironment(isProduction: Bool, _ variable: (String) -> String? = Environment.get) -> MailSettings {
        func value(_ name: String) -> String? { variable(name).flatMap { $0.isEmpty ? nil : $0 } }
        if value("TRYOUT_MAIL") == "log" { return .log }
        guard let url = value("TRYOUT_SMTP_URL") else {
            return isProduction ? .invalid("Set TRYOUT_SMTP_URL and TRYOUT_MAIL_FROM to send e-mail, or TRYOUT_MAIL=log to write it to the log.") : .log
        }
        let server: SMTPServer
        do { server = try SMTPServer(url: url) } catch { return .invalid(error.description) }
        guard let fromText = value("TRYOUT_MAIL_FROM") else { return .invalid("TRYOUT_SMTP_URL is set: set TRYOUT_MAIL_FROM too, such as Tryout <noreply@example.com>.") }
        guard let from = Mailbox(parsing: fromText) else { return .invalid("TRYOUT_MAIL_FROM is not an address such as Tryout <noreply@example.com>.") }
        return .smtp(server, from: from, caFile: value("TRYOUT_SMTP_CA_FILE"))
    }

    /// Whether mail goes only to the log, which then shows what each message says by default.
    var isLog: Bool {
        if case .log = self { return true }
        return false
    }

    /// The transport jobs deliver with. Throws for invalid settings and an unreadable CA file.
    func transport(for app: Application) throws -> any MailTransport {
        switch self {
        case .log:
            return LogMailTransport(logger: app.logger, showsText: app.tryout.logMail)
        case .smtp(let server, let from, let caFile):
            let client = try SMTPClient(server: server, localName: Self.localName(publicURL: app.tryout.publicURL),
                                        caFile: caFile, group: app.eventLoopGroup)
            return SMTPMailTransport(client: client, from: from)
        case .custom(let transport):
            return transport
        case .invalid(let reason):
            throw MailSettingsError(reason: reason)
        }
    }

    /// The name EHLO gives: the site's host, as an address literal when it is an IP address.
    static func localName(publicURL: String) -> String {
        guard let host = URLComponents(string: publicURL)?.host, !host.isEmpty else { return "localhost" }
        if host.contains(":") { return "[IPv6:\(host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))]" }
        return host.allSatisfy({ $0.isNumber || $0 == "." }) ? "[\(host)]" : host
    }
}

struct MailSettingsError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}

/// What stands in for settings that cannot work: it sends nothing and says why.
struct UnusableMailTransport: MailTransport {
    let reason: String

    func deliver(_ mail: QueuedMail) async throws -> MailHandoff {
        throw MailTransportError(reply: reason, isPermanent: false)
    }
}

extension Application {
    /// Chooses the transport once. Settings that cannot work leave one that refuses, so commands
    /// that send nothing (migrate, admin create) still run, while `serve` and `worker` stop at
    /// start-up with the reason (`requireMail`), rather than accept mail that never arrives.
    func useMail(_ settings: MailSettings) {
        do { mailTransport = try settings.transport(for: self) } catch { mailTransport = UnusableMailTransport(reason: "\(error)") }
    }

    func requireMail() throws {
        if let unusable = mailTransport as? UnusableMailTransport { throw MailSettingsError(reason: unusable.reason) }
    }

    private struct MailTransportKey: StorageKey {
        typealias Value = any MailTransport
    }

    /// What `mail.deliver` jobs send with, chosen once by `configure`.
    var mailTransport: any MailTransport {
        get { configured(MailTransportKey.self) }
        set { storage[MailTransportKey.self] = newValue }
    }
}
