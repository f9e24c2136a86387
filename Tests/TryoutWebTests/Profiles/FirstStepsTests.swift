import Fluent
import Foundation
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb

/// A candidate who signs up from a project sets up the three things projects match on, then
/// lands back on that project.
@Suite("First steps")
struct FirstStepsTests {
    @Test("signing up from a project leads through the confirmation, sign-in and a short profile set-up back to the project")
    func fromAProject() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let project = try await Factory(t).publishedProject(of: try await Factory(t).organization("Acme"))
            let path = "/projects/\(try project.requireID().uuidString.lowercased())"
            // Query values are escaped as the site's links escape them: letters, digits and "-._~" stay.
            func escaped(_ text: String) -> String {
                text.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~")))!
            }
            let encoded = escaped(path)

            let page = try await t.get(path).body.string
            #expect(page.contains(#"<a href="/signup?kind=candidate&amp;next=\#(encoded)">sign up as a candidate</a>"#))
            #expect(page.contains(#"<a href="/signin?next=\#(encoded)">Sign in</a>"#))
            #expect(try await t.get("/signup?kind=candidate&next=\(encoded)").body.string
                .contains(#"<input type="hidden" name="next" value="\#(path)"/>"#))
            try await t.post("/signup", ["kind": "candidate", "name": "Ada Okafor", "email": "ada@example.com",
                                         "password": "violet kettle mountain", "next": path])

            let confirm = try await mailedLink("/email/verify/", to: "ada@example.com", t)
            #expect(confirm.hasSuffix("?next=\(encoded)"))
            let start = "/profile/start?next=\(encoded)"
            let signIn = try #require(try await t.get(confirm).headers.first(name: .location))
            #expect(signIn == "/signin?next=" + escaped(start))
            try await t.get("/signin")
            let landed = try await t.post("/signin", ["email": "ada@example.com", "password": "violet kettle mountain", "next": start])
            #expect(landed.headers.first(name: .location) == start)

            let form = try await t.get(start).body.string
            #expect(form.contains("<h1>Set up your profile</h1>") && form.contains(#"name="next" value="\#(path)""#))
            let refused = try await t.post("/profile/start", ["skill.0.label": "Excel", "skill.0.level": "3", "hoursPerWeek": "10",
                                                              "timeZone": "Europe/London", "next": path])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("is not an ESCO skill"))
            // Each nearby skill is a button; Enter still saves, as the form's first button is the real one.
            let choice = try #require(try await Taxonomy.suggestions(for: "Excel", on: t.db).first)
            #expect(refused.body.string.contains(#"<button type="submit" class="button secondary" name="choose.skill.0.label" value="\#(choice)">"#))
            let refusedForm = refused.body.string[try #require(refused.body.string.range(of: #"<form action="/profile/start""#)).lowerBound...]
            #expect(refusedForm.range(of: "<button")?.lowerBound == refusedForm.range(of: #"<button type="submit" class="visually-hidden""#)?.lowerBound)
            let saved = try await t.post("/profile/start", ["skill.0.label": "Excel", "choose.skill.0.label": choice, "skill.0.level": "3",
                                                            "skill.1.label": "SQL", "skill.1.level": "3", "hoursPerWeek": "12",
                                                            "timeZone": "Europe/London", "next": path])
            #expect(saved.headers.first(name: .location) == path)
            let user = try #require(try await Accounts.user(email: EmailAddress("ada@example.com")!, on: t.db))
            let profile = try await CandidateProfiles.profile(try #require(try await CandidateProfiles.profile(userID: user.requireID(), on: t.db)),
                                                              on: t.db)
            #expect(profile.hoursPerWeek == 12 && profile.timeZone == "Europe/London" && profile.skills.count == 2)
            #expect(try await Taxonomy.labels(of: profile.skills.map(\.uri), on: t.db).values.contains(choice), "the chosen skill, not what was typed")
            #expect(try await t.get(path).body.string.contains("Your match:"))
        }
    }

    @Test("the set-up never sends anyone to another site, and without a project it ends at home")
    func onlyThisSite() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            try await Factory(t).candidate("ada@uni.test", name: "Ada Okafor")
            try await t.signIn("ada@uni.test")
            let form = try await t.get("/profile/start?next=https://evil.example/x").body.string
            #expect(!form.contains("evil.example"))
            let saved = try await t.post("/profile/start", ["skill.0.label": "SQL", "skill.0.level": "2", "hoursPerWeek": "8",
                                                            "timeZone": "Europe/London", "next": "//evil.example"])
            #expect(saved.headers.first(name: .location) == "/")
            let headline = try await CandidateProfiles.profile(userID: try #require(try await Accounts.user(email: EmailAddress("ada@uni.test")!, on: t.db))
                .requireID(), on: t.db)?.headline
            #expect(headline == "Headline of Ada Okafor", "the rest of the profile stays as it was")
        }
    }
}
