import Foundation
import Testing
@testable import TryoutCore

@Suite("Webhook rules")
struct WebhookRulesTests {
    @Test("loopback, private, carrier-grade NAT, link-local and metadata, multicast and unspecified addresses are refused", arguments: [
        "127.0.0.1", "127.255.0.9", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.1.20",
        "100.64.0.1", "100.127.255.255", "169.254.169.254", "169.254.0.1", "0.0.0.0", "0.1.2.3", "224.0.0.251",
        "239.255.255.250", "255.255.255.255", "::1", "::", "fc00::1", "fd12:3456::7", "fe80::1", "febf::1", "ff02::1",
        "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "::ffff:7f00:1", "::127.0.0.1", "64:ff9b::a00:1",
        "[::1]", "fe80::1%eth0",
    ])
    func forbidden(address: String) throws {
        let parsed = try #require(NetworkAddress(address), "\(address) should parse")
        #expect(parsed.isForbidden, "\(address)")
    }

    @Test("public addresses are allowed", arguments: [
        "8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "100.63.255.255", "169.253.1.1", "192.169.0.1",
        "223.255.255.255", "2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8",
    ])
    func allowed(address: String) throws {
        let parsed = try #require(NetworkAddress(address), "\(address) should parse")
        #expect(!parsed.isForbidden, "\(address)")
    }

    @Test("only addresses parse; a leading zero (read as octal by resolvers) is not taken for decimal", arguments: [
        "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "0177.0.0.1", "010.0.0.1", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "", "::g",
    ])
    func notAddresses(text: String) {
        #expect(NetworkAddress(text) == nil, "\(text)")
    }

    @Test("IPv6 text expands to sixteen bytes and prints back")
    func ipv6() throws {
        let address = try #require(NetworkAddress("2001:db8::ff00:42:8329"))
        #expect(address.bytes == [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0xff, 0x00, 0x00, 0x42, 0x83, 0x29])
        #expect(address.description == "2001:db8:0:0:0:ff00:42:8329")
        #expect(NetworkAddress("::ffff:1.2.3.4")?.bytes.suffix(6) == [0xff, 0xff, 1, 2, 3, 4])
    }

    @Test("a webhook address: https, no credentials, no local host; http only where private targets are allowed")
    func targets() throws {
        let ok = try WebhookTarget.parse("  https://hooks.example.com/tryout?x=1 ", allowPrivate: false)
        #expect(ok.host == "hooks.example.com" && ok.url.absoluteString == "https://hooks.example.com/tryout?x=1")
        let refusals: [String?] = [nil, "", "hooks.example.com/x", "http://hooks.example.com/x", "ftp://hooks.example.com/",
                                   "https://user:pass@hooks.example.com/", "https://127.0.0.1/", "https://[::1]:8443/",
                                   "https://169.254.169.254/latest/meta-data", "https://localhost/", "https://api.localhost/",
                                   "https://intranet/", "https://printer.local/", "https://" + String(repeating: "a", count: 2_000) + ".com/"]
        for raw in refusals {
            #expect(throws: ValidationFailure.self, "\(raw ?? "nil")") { try WebhookTarget.parse(raw, allowPrivate: false) }
        }
        #expect(try WebhookTarget.parse("http://127.0.0.1:9000/hook", allowPrivate: true).host == "127.0.0.1")
        #expect(try WebhookTarget.parse("http://[::1]:9000/hook", allowPrivate: true).host == "::1")
    }

    @Test("a new endpoint: every problem named; events kept once each, in the page's order; standard unless Slack is chosen")
    func endpointInput() throws {
        let input = try WebhookEndpointInput.parse(url: "https://hooks.example.com/x", kind: nil,
                                                   events: ["engagement.completed", "project.published", "engagement.completed"], allowPrivate: false)
        #expect(input.kind == .standard && input.events == [.projectPublished, .engagementCompleted])
        let failure = #expect(throws: ValidationFailure.self) {
            try WebhookEndpointInput.parse(url: "ftp://x.example.com", kind: "pager", events: ["project.deleted"], allowPrivate: false)
        }
        #expect(failure?.errors.map(\.field) == ["url", "kind", "events"])
        #expect(throws: ValidationFailure([FieldError("events", "Choose at least one event.")])) {
            try WebhookEndpointInput.parse(url: "https://hooks.slack.com/services/T/B/x", kind: "slack", events: [], allowPrivate: false)
        }
    }

    @Test("a secret is whsec_ and the base64 of 24 random bytes")
    func secrets() throws {
        let one = WebhookSecret.generate(), two = WebhookSecret.generate()
        #expect(one.hasPrefix("whsec_") && one != two)
        #expect(try #require(WebhookSecret.key(of: one)).count == 24)
        #expect(WebhookSecret.key(of: "sk_nope") == nil)
    }

    @Test("the standard body is {type, timestamp, data}; a blind application carries the handle and no candidate")
    func standardBody() throws {
        let id = ApplicationID(UUID(uuidString: "00000000-0000-0000-0000-000000000001")!)
        let project = ProjectID(UUID(uuidString: "00000000-0000-0000-0000-000000000002")!)
        let event = WebhookEvent(.applicationStateChanged, organizationID: OrganizationID(UUID()),
                                 data: .application(.init(id: id, projectID: project, projectTitle: "Data audit", handle: "Applicant 7F3A",
                                                          previousState: "submitted", state: "shortlisted", candidate: nil,
                                                          url: "https://tryout.test/projects/x")),
                                 summary: "Applicant 7F3A on “Data audit”: submitted → shortlisted.", link: "https://tryout.test/projects/x")
        let body = try event.standardBody(at: Date(timeIntervalSince1970: 1_795_000_000))
        #expect(body == #"{"data":{"application":{"handle":"Applicant 7F3A","id":"00000000-0000-0000-0000-000000000001","#
            + #""previousState":"submitted","projectID":"00000000-0000-0000-0000-000000000002","projectTitle":"Data audit","#
            + #""state":"shortlisted","url":"https://tryout.test/projects/x"}},"timestamp":"2026-11-18T11:06:40Z","#
            + #""type":"application.state_changed"}"#)
    }

    @Test("a Slack body is Block Kit: a section with the sentence, escaped, and a button back to Tryout")
    func slackBody() throws {
        let event = WebhookEvent(.projectPublished, organizationID: OrganizationID(UUID()),
                                 data: .project(.init(id: ProjectID(UUID()), title: "R&D <tools>", state: "published", url: "https://t.test/p")),
                                 summary: "“R&D <tools>” was published.", link: "https://t.test/p")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(event.slackBody().utf8)) as? [String: Any])
        #expect(json["text"] as? String == "“R&D <tools>” was published.")
        let section = try #require((json["blocks"] as? [[String: Any]])?.first)
        #expect(section["type"] as? String == "section")
        #expect((section["text"] as? [String: Any])?["text"] as? String == "“R&amp;D &lt;tools&gt;” was published.")
        let button = try #require(section["accessory"] as? [String: Any])
        #expect(button["type"] as? String == "button" && button["url"] as? String == "https://t.test/p")
    }
}
