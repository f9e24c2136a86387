/// Why a message did not get through; `isPermanent` decides between failing it and trying again.
public enum SMTPError: Error, Equatable, CustomStringConvertible {
    /// The server answered `step` with an error reply.
    case rejected(step: String, SMTPReply)
    /// No answer to `step` within the time allowed.
    case timeout(step: String)
    /// The connection ended, or could not be made or secured, during `step`.
    case connection(step: String, String)
    /// The URL asks for STARTTLS and the server does not offer it.
    case startTLSUnavailable
    /// There are credentials, and the server offers neither AUTH PLAIN nor AUTH LOGIN.
    case authenticationUnavailable
    case malformedReply(String)
    /// An envelope address that could end the command it stands in: never sent.
    case invalidAddress(String)

    /// Only a 5xx reply is final: everything else (4xx, network, TLS, settings) may be fixed
    /// by waiting or by the operator, and the retries give them that time.
    public var isPermanent: Bool {
        switch self {
        case .rejected(_, let reply): reply.isPermanent
        case .invalidAddress: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .rejected(let step, let reply): "\(step): \(reply)"
        case .timeout(let step): "\(step): no answer in time"
        case .connection(let step, let reason): "\(step): \(reason)"
        case .startTLSUnavailable: "the server does not offer STARTTLS, which TRYOUT_SMTP_URL requires"
        case .authenticationUnavailable: "the server offers neither AUTH PLAIN nor AUTH LOGIN"
        case .malformedReply(let line): "the server's reply is not SMTP: \(line)"
        case .invalidAddress(let address): "not an address that can be sent to: \(address)"
        }
    }
}
