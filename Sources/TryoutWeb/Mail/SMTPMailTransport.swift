import TryoutApp
import TryoutMail

/// Sends outbox messages through the SMTP server of `TRYOUT_SMTP_URL`.
struct SMTPMailTransport: MailTransport {
    let client: SMTPClient
    let from: Mailbox

    func deliver(_ mail: QueuedMail) async throws -> MailHandoff {
        let message = EmailMessage(
            id: mail.id.uuidString.lowercased(), date: mail.createdAt, from: from,
            to: Mailbox(name: mail.toName, address: mail.to), subject: mail.subject, text: mail.text, html: mail.html,
            attachments: mail.attachments.map { EmailAttachment(filename: $0.filename, contentType: $0.contentType, data: $0.data) },
            unsubscribeURL: mail.unsubscribeURL)
        do {
            let reply = try await client.send(MessageWriter.write(message), from: from.address, to: [mail.to])
            return .sent(reply: reply.description)
        } catch let error as SMTPError {
            throw MailTransportError(reply: error.description, isPermanent: error.isPermanent)
        } catch {
            throw MailTransportError(reply: "\(error)", isPermanent: false)
        }
    }
}
