import Foundation

/// The `did:web` identifier of a site (W3C did:web method): the host, a port as `%3A`, and path
/// segments joined by colons; and where its DID document is published.
public struct DIDWeb: Sendable, Equatable {
    public var did: String
    /// `https://host/.well-known/did.json`, or `https://host/path/did.json` for a site under a path.
    public var documentURL: String

    /// Nil for anything but an http(s) URL with a host.
    public init?(publicURL: String) {
        guard let url = URLComponents(string: publicURL), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty else { return nil }
        let port = url.port.map { "%3A\($0)" } ?? ""
        let segments = url.path.split(separator: "/").map(String.init)
        did = (["did:web:\(host.lowercased())\(port)"] + segments).joined(separator: ":")
        let base = "\(scheme)://\(host.lowercased())\(url.port.map { ":\($0)" } ?? "")"
        documentURL = segments.isEmpty ? base + "/.well-known/did.json" : base + "/" + segments.joined(separator: "/") + "/did.json"
    }

    /// The address of the DID document that `did` names; nil when it is not a `did:web`.
    public static func documentURL(of did: String) -> String? {
        guard did.hasPrefix("did:web:") else { return nil }
        let parts = did.dropFirst("did:web:".count).split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty, let host = first.removingPercentEncoding,
              !host.contains("/"), parts.dropFirst().allSatisfy({ !$0.isEmpty && !$0.contains("/") }) else { return nil }
        return parts.count == 1 ? "https://\(host)/.well-known/did.json" : "https://\(host)/" + parts.dropFirst().joined(separator: "/") + "/did.json"
    }
}
