import Logging
import TryoutApp

/// Writes mail to the log instead of sending it, so links can be followed in development
/// without a mail server. Browser tests find links after "mail to ADDRESS:" in the log.
struct LogMailTransport: MailTransport {
    let logger: Logger
    /// `TRYOUT_LOG_MAIL`: the whole text, or (tests) one line.
    let showsText: Bool

    func deliver(_ mail: QueuedMail) async throws -> MailHandoff {
        let attached = mail.attachments.isEmpty ? "" : "\n(attached: \(mail.attachments.map(\.filename).joined(separator: ", ")))"
        if showsText {
            logger.notice("mail to \(mail.to): \(mail.subject)\n\(mail.text)\(attached)")
        } else {
            logger.debug("mail to \(mail.to) logged, not sent: \(mail.subject)")
        }
        return .logged
    }
}
