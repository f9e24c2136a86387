import Testing
import TryoutTestSupport
@testable import TryoutWeb

/// The profile and skills routes are registered from `SiteURL.Profiles` and `SiteURL.Skills`, and only those.
@Suite("Profile routes")
struct ProfileRoutesTests {
    private static func isOurs(_ path: String) -> Bool {
        path == "profile" || path.hasPrefix("profile/") || path == "api/v1/me/profile" || path == "api/v1/skills"
    }

    @Test("every profile and skills route is registered, and every registered route of theirs is one of them")
    func registeredFromSiteURL() async throws {
        try await withTestApp { t in
            let registered = Set(t.app.routes.all.map { $0.path.map(\.description).joined(separator: "/") })
            let described = Set((SiteURL.Profiles.templates.map(\.path) + SiteURL.Skills.templates.map(\.path)).map { String($0.dropFirst()) })
            #expect(described.subtracting(registered).isEmpty)
            #expect(registered.filter(Self.isOurs) == described)
        }
    }
}
