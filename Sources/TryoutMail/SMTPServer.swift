import Foundation

/// Where mail goes, read from `TRYOUT_SMTP_URL`, and how the connection is protected.
public struct SMTPServer: Sendable, Equatable {
    public enum Security: Sendable, Equatable {
        /// `smtps://`: TLS from the first byte (port 465).
        case implicitTLS
        /// `smtp://` to a submission port: the server must offer STARTTLS, or nothing is sent,
        /// so that a man in the middle cannot strip it and read the password.
        case startTLS
        /// `smtp://host:25` without credentials: a relay on the same machine or network.
        case plain
    }

    public struct Credentials: Sendable, Equatable {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var credentials: Credentials?

    public init(host: String, port: Int, security: Security, credentials: Credentials? = nil) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
    }

    /// Reads `smtp://user:pass@host:587`, `smtps://user:pass@host:465` or `smtp://host:25`.
    /// User and password are percent-decoded (`me%40example.com`). Only an `smtp://` URL to
    /// port 25 without credentials goes without TLS: a password is never sent in the clear.
    public init(url text: String) throws(SMTPURLError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased() else {
            throw .notAURL
        }
        guard let host = url.host, !host.isEmpty else { throw .missingHost }
        let user = url.percentEncodedUser?.removingPercentEncoding
        let password = url.percentEncodedPassword?.removingPercentEncoding
        var credentials: Credentials?
        switch (user, password) {
        case (nil, nil): credentials = nil
        case (let user?, let password?) where !user.isEmpty: credentials = Credentials(username: user, password: password)
        default: throw .incompleteCredentials
        }
        guard (url.path.isEmpty || url.path == "/"), url.query == nil else { throw .unexpectedPathOrQuery }
        switch scheme {
        case "smtps":
            self.init(host: host, port: url.port ?? 465, security: .implicitTLS, credentials: credentials)
        case "smtp":
            let port = url.port ?? 587
            let security: Security = (port == 25 && credentials == nil) ? .plain : .startTLS
            self.init(host: host, port: port, security: security, credentials: credentials)
        default:
            throw .unsupportedScheme(scheme)
        }
        guard (1...65535).contains(self.port) else { throw .badPort }
        // URLComponents keeps the brackets of an IPv6 literal; sockets and certificates want without.
        if self.host.hasPrefix("["), self.host.hasSuffix("]") { self.host = String(self.host.dropFirst().dropLast()) }
    }
}

/// Why `TRYOUT_SMTP_URL` cannot be used, in words for the operator who set it.
public enum SMTPURLError: Error, Equatable, CustomStringConvertible {
    case notAURL
    case unsupportedScheme(String)
    case missingHost
    case incompleteCredentials
    case unexpectedPathOrQuery
    case badPort

    public var description: String {
        switch self {
        case .notAURL: "TRYOUT_SMTP_URL is not a URL such as smtp://user:password@mail.example.com:587"
        case .unsupportedScheme(let scheme): "TRYOUT_SMTP_URL must start with smtp:// or smtps://, not \(scheme)://"
        case .missingHost: "TRYOUT_SMTP_URL names no host"
        case .incompleteCredentials: "TRYOUT_SMTP_URL needs both a user and a password, or neither"
        case .unexpectedPathOrQuery: "TRYOUT_SMTP_URL takes no path or query"
        case .badPort: "TRYOUT_SMTP_URL's port must be between 1 and 65535"
        }
    }
}
