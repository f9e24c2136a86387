import Fluent
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Project authoring")
struct ProjectAuthoringTests {
    /// The fields of a brief as a template fills them in.
    private func templateFields(_ template: String = "data-analysis") -> [String: String] {
        ProjectAuthors.newBrief(template: template).0.fields
    }

    /// Writes a brief as the editor does: the first step makes the draft from the template, then
    /// each later step saves its part of `fields`.
    private func write(_ t: TestApp, _ fields: [String: String]) async throws -> UUID {
        let id = try projectID(from: try await t.post("/orgs/acme/projects", fields.merging(["template": "data-analysis"]) { mine, _ in mine }))
        try await save(t, id, fields, steps: Array(BriefStep.allCases.dropFirst()))
        return id
    }

    private func save(_ t: TestApp, _ id: UUID, _ fields: [String: String], steps: [BriefStep]) async throws {
        for step in steps {
            #expect(try await t.post("/projects/\(id)/edit/\(step)", fields).status == .seeOther, "\(step)")
        }
    }

    /// The named fields of the page's form, read back the way a browser would send them.
    private func formFields(_ html: String) -> [String: String] {
        var fields: [String: String] = [:]
        var rest = Substring(html)
        while let range = rest.range(of: "<input ") {
            let tag = rest[range.lowerBound...].prefix { $0 != ">" }
            rest = rest[range.upperBound...]
            guard let name = attribute("name", in: tag), name != "_csrf" else { continue }
            if tag.contains(#"type="checkbox""#) { if tag.contains("checked") { fields[name] = "on" }; continue }
            fields[name] = attribute("value", in: tag).map(unescape) ?? ""
        }
        for select in html.components(separatedBy: "<select ").dropFirst() {
            guard let name = attribute("name", in: Substring(select.prefix { $0 != ">" })) else { continue }
            let options = select.components(separatedBy: "</select>")[0]
            if let selected = options.components(separatedBy: "<option ").first(where: { $0.contains("selected") }) {
                fields[name] = attribute("value", in: Substring(" " + selected)) ?? ""
            } else if let first = options.components(separatedBy: "<option ").dropFirst().first {
                fields[name] = attribute("value", in: Substring(" " + first)) ?? ""
            }
        }
        for area in html.components(separatedBy: "<textarea ").dropFirst() {
            guard let name = attribute("name", in: Substring(area.prefix { $0 != ">" })) else { continue }
            let content = area.drop { $0 != ">" }.dropFirst()
            fields[name] = unescape(String(content.components(separatedBy: "</textarea>")[0]))
        }
        return fields
    }

    private func attribute(_ name: String, in tag: Substring) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        return String(tag[start.upperBound...].prefix { $0 != "\"" })
    }

    private func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    private func projectID(from response: TestingHTTPResponse) throws -> UUID {
        let location = try #require(response.headers.first(name: .location))
        return try #require(UUID(uuidString: String(location.split(separator: "/")[1])))
    }

    private func setUp(_ t: TestApp) async throws {
        try await Taxonomy.loadBundledIfEmpty(on: t.db)
        try await Factory(t).organization("Acme", roles: [.owner, .hiringManager, .reviewer])
        try await t.signIn("hiring_manager@acme.test")
        try await t.get("/orgs/acme/projects/new")  // as a browser opens the form before sending it
    }

    @Test("a hiring manager writes a brief from a template, fails the lint, fixes it and publishes")
    func writeAndPublish() async throws {
        try await withTestApp { t in
            try await setUp(t)
            // The first step makes the draft from the template and leads to the next step.
            let form = try await t.get("/orgs/acme/projects/new?template=data-analysis").body.string
            var fields = formFields(form)
            #expect(fields["title"] == "Analyse a data set and report what matters")
            #expect(fields["template"] == "data-analysis")
            #expect(fields["pay"] == nil, "later steps' fields wait for their own step")
            #expect(form.contains(#"<span class="later">2. Deliverables and rubric</span>"#))
            let created = try await t.post("/orgs/acme/projects", fields)
            #expect(created.status == .seeOther)
            let id = try projectID(from: created)
            #expect(created.headers.first(name: .location) == "/projects/\(id.uuidString.lowercased())/edit/work")

            // A step shows its own fields beside what publishing needs; saving it goes on to the next.
            let work = try await t.get("/projects/\(id)/edit/work").body.string
            #expect(work.contains(#"<span aria-current="step">2. Deliverables and rubric</span>"#))
            #expect(!work.contains(#"name="title""#))
            fields = formFields(work)
            #expect(fields["criterion.0.weight"] == "40")
            fields["criterion.0.weight"] = "10"
            let saved = try await t.post("/projects/\(id)/edit/work", fields)
            #expect(saved.headers.first(name: .location) == "/projects/\(id.uuidString.lowercased())/edit/skills")
            #expect(try await t.get("/projects/\(id)").body.string.contains("SQL"), "the template's skills came with the first step")

            let preview = try await t.get("/projects/\(id)")
            #expect(preview.body.string.contains("Rubric weights add up to 70; they must add up to 100."))
            // Publishing waits while the checks fail, and each finding leads to its field on its step.
            #expect(preview.body.string.contains(#"<button type="submit" class="button secondary" disabled aria-describedby="publish-blockers">Publish</button>"#))
            #expect(preview.body.string.contains(#"<a href="/projects/\#(id.uuidString.lowercased())/edit/work#field-rubric">Rubric weights add up to 70"#))
            let editor = try await t.get("/projects/\(id)/edit/skills").body.string
            #expect(editor.contains(#"<a href="/projects/\#(id.uuidString.lowercased())/edit/work#field-rubric">Rubric weights add up to 70"#))
            #expect(editor.contains(#"disabled aria-describedby="publish-blockers">Publish</button>"#))

            try await t.post("/projects/\(id)/publish")
            let project = try #require(try await Projects.find(id: id, on: t.db))
            #expect(project.state == .draft)
            #expect(try await t.get("/projects").body.string.contains("Analyse a data set") == false)

            #expect(try await t.get("/projects/\(id)/edit").headers.first(name: .location) == "/projects/\(id.uuidString.lowercased())/edit/basics")
            fields["criterion.0.weight"] = "40"
            #expect(try await t.post("/projects/\(id)/edit/work", fields).status == .seeOther)
            #expect(try await t.get("/projects/\(id)/edit/work").body.string.contains("The brief passes every publishing check."))
            try await t.post("/projects/\(id)/publish")
            #expect(try await Projects.find(id: id, on: t.db)?.state == .published)
            #expect(try await t.get("/projects").body.string.contains("Analyse a data set"))
            let skills = try #require(try await Projects.find(id: id, on: t.db)).skills
            #expect(skills.map(\.skill.label).contains("SQL"))
        }
    }

    @Test("after publishing, edits to the rubric make a new version; close and cancel follow the lifecycle")
    func versionsAndLifecycle() async throws {
        try await withTestApp { t in
            try await setUp(t)
            var fields = templateFields()
            let id = try await write(t, fields)
            try await t.post("/projects/\(id)/publish")
            fields["criterion.0.level4"] = "Flawless and reusable."
            try await t.post("/projects/\(id)/edit/work", fields)
            #expect(try await Projects.find(id: id, on: t.db)?.briefVersion == 2)
            try await t.post("/projects/\(id)/close")
            #expect(try await Projects.find(id: id, on: t.db)?.state == .closed)
            #expect(try await t.get("/projects/\(id)/edit/basics").status == .conflict)
            try await t.post("/projects/\(id)/publish")
            #expect(try await Projects.find(id: id, on: t.db)?.state == .closed)
            try await t.post("/projects/\(id)/cancel")
            #expect(try await Projects.find(id: id, on: t.db)?.state == .cancelled)
            let copy = try await t.post("/projects/\(id)/duplicate")
            #expect(copy.headers.first(name: .location)?.hasSuffix("/edit/basics") == true)
            let drafts = try await ProjectRecord.query(on: t.db).filter(\.$state == .draft).all()
            #expect(drafts.map(\.title) == ["Copy of Analyse a data set and report what matters"])
        }
    }

    @Test("bad input is shown again with field errors and nothing is saved")
    func badInput() async throws {
        try await withTestApp { t in
            try await setUp(t)
            var fields = templateFields()
            fields["title"] = ""
            fields["startDate"] = "2026-02-30x"
            let res = try await t.post("/orgs/acme/projects", fields)
            #expect(res.status == .unprocessableEntity)
            let html = res.body.string
            #expect(html.contains("Title is required."))
            #expect(html.contains("Start date must be a date"))
            #expect(try await ProjectRecord.query(on: t.db).count() == 0)
            fields["title"] = "Fine"
            fields["startDate"] = ""
            let id = try await write(t, fields)

            // A later step refused keeps what was typed, and the brief as it was.
            fields["pay"] = "six hundred"
            let pay = try await t.post("/projects/\(id)/edit/terms", fields)
            #expect(pay.status == .unprocessableEntity)
            #expect(pay.body.string.contains("Enter the pay as an amount"))
            #expect(pay.body.string.contains(#"value="six hundred""#))
            #expect(try await Projects.find(id: id, on: t.db)?.pay.amountMinor == 600_00)
            fields["skill.0.label"] = "spredsheet softwar"
            let skill = try await t.post("/projects/\(id)/edit/skills", fields)
            #expect(skill.status == .unprocessableEntity)
            #expect(skill.body.string.contains("is not an ESCO skill"))
            // The nearest skill, though misspelt, is one click away.
            #expect(skill.body.string.contains(#"name="choose.skill.0.label" value="use spreadsheets software""#))
            #expect(try await Projects.find(id: id, on: t.db)?.skills.map(\.skill.label).contains("SQL") == true)
            fields["choose.skill.0.label"] = "use spreadsheets software"
            #expect(try await t.post("/projects/\(id)/edit/skills", fields).status == .seeOther)
            let labels = try #require(try await Projects.find(id: id, on: t.db)).skills.map(\.skill.label)
            #expect(labels.contains("use spreadsheets software") && !labels.contains("SQL"))
            #expect(try await t.post("/projects/\(id)/edit/nowhere", fields).status == .notFound)
        }
    }

    @Test("the team's time zone: an unknown one is a field error; a known one is saved, shown with its hours and offered again")
    func timeZone() async throws {
        try await withTestApp { t in
            try await setUp(t)
            var fields = templateFields()
            #expect(fields["timeZone"] == "")
            let id = try await write(t, fields)
            fields["timeZone"] = "Mars/Olympus"
            let refused = try await t.post("/projects/\(id)/edit/terms", fields)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(BriefInput.unknownTimeZone))
            #expect(refused.body.string.contains(#"<div class="field field-error"><label for="field-timeZone">Team's time zone</label>"#))
            #expect(refused.body.string.contains(#"name="timeZone" type="text" value="Mars/Olympus""#))
            #expect(try await Projects.find(id: id, on: t.db)?.timeZone == nil)
            fields["timeZone"] = "Europe/Berlin"
            try await save(t, id, fields, steps: [.terms])
            #expect(try await Projects.find(id: id, on: t.db)?.timeZone == "Europe/Berlin")
            #expect(try await t.get("/projects/\(id)").body.string.contains("9:00–17:00 Europe/Berlin"))
            #expect(try await t.get("/projects/\(id)/edit/terms").body.string.contains(#"name="timeZone" type="text" value="Europe/Berlin""#))
            fields["timeZone"] = ""
            #expect(try await t.post("/projects/\(id)/edit/terms", fields).status == .seeOther)
            #expect(try await Projects.find(id: id, on: t.db)?.timeZone == nil)
        }
    }

    @Test("the brief's Markdown is rendered safely")
    func hostileMarkdown() async throws {
        try await withTestApp { t in
            try await setUp(t)
            var fields = templateFields()
            fields["body"] = "## Hello\n\n<script>alert(1)</script> [x](javascript:alert(1)) **bold**"
            let id = try await write(t, fields)
            let html = try await t.get("/projects/\(id)").body.string
            #expect(html.contains("<h3>Hello</h3>"))
            #expect(html.contains("<strong>bold</strong>"))
            #expect(!html.contains("<script>alert"))
            #expect(!html.contains("javascript:"))
        }
    }

    @Test("only the organization's authors write briefs; drafts stay private", arguments: ["reviewer@acme.test", "owner@rival.test", "outsider"])
    func authorization(who: String) async throws {
        try await withTestApp { t in
            try await setUp(t)
            let fields = templateFields()
            let id = try await write(t, fields)
            try await Factory(t).organization("Rival")
            try await t.signOut()
            if who != "outsider" { try await t.signIn(who) }
            #expect(try await t.get("/projects/\(id)").status == (who == "reviewer@acme.test" ? .ok : .notFound))
            if who == "outsider" {
                #expect(try await t.get("/projects/\(id)/edit/basics").status == .seeOther)
                return
            }
            #expect(try await t.get("/orgs/acme/projects/new").status == .notFound)
            for step in BriefStep.allCases {
                #expect(try await t.get("/projects/\(id)/edit/\(step)").status == .notFound)
                #expect(try await t.post("/projects/\(id)/edit/\(step)", ["title": "Taken over"]).status == .notFound)
            }
            #expect(try await t.post("/projects/\(id)/publish").status == .notFound)
            #expect(try await t.post("/orgs/acme/projects", fields).status == .notFound)
            #expect(try await Projects.find(id: id, on: t.db)?.state == .draft)
            #expect(try await Projects.find(id: id, on: t.db)?.title == "Analyse a data set and report what matters")
            #expect(try await ProjectRecord.query(on: t.db).count() == 1)
        }
    }

    @Test("partners-only and invite-only projects show only to their audience")
    func visibility() async throws {
        try await withTestApp { t in
            try await setUp(t)
            try await Factory(t).organization("Lakeside", kind: .partner, roles: [.owner, .staff])
            try await Factory(t).organization("Hillside", kind: .partner)
            try await Factory(t).user("invited@x.io")
            try await Factory(t).user("stranger@x.io")
            try await Factory(t).user("unproved@x.io", verified: false)
            var fields = templateFields()
            let partnersOnly = try await write(t, fields)
            // Partners are chosen by name; the brief keeps their addresses.
            let audience = try await t.get("/projects/\(partnersOnly)/edit/audience").body.string
            #expect(audience.contains(#"<label for="field-partner.lakeside">Lakeside</label>"#))
            #expect(audience.contains(#"<label for="field-partner.hillside">Hillside</label>"#))
            fields["visibility"] = "partners"
            let unnamed = try await t.post("/projects/\(partnersOnly)/edit/audience", fields)
            #expect(unnamed.status == .unprocessableEntity)
            #expect(unnamed.body.string.contains("Name at least one partner organization"))
            fields["partner.lakeside"] = "on"
            try await save(t, partnersOnly, fields, steps: [.audience])
            #expect(try await t.get("/projects/\(partnersOnly)/edit/audience").body.string.contains(#"type="checkbox" id="field-partner.lakeside" name="partner.lakeside" checked"#))
            fields["visibility"] = "invite_only"
            fields["partner.lakeside"] = nil
            fields["invitedEmails"] = "invited@x.io\nunproved@x.io"
            let inviteOnly = try await write(t, fields)
            try await t.post("/projects/\(partnersOnly)/publish")
            try await t.post("/projects/\(inviteOnly)/publish")
            try await t.signOut()

            let expectations: [(String?, Bool, Bool)] = [
                (nil, false, false), ("staff@lakeside.test", true, false), ("owner@hillside.test", false, false),
                ("invited@x.io", false, true), ("stranger@x.io", false, false),
                // Signed up with an invited address but never proved it: the invitation is not theirs yet.
                ("unproved@x.io", false, false),
            ]
            for (who, seesPartners, seesInvite) in expectations {
                t.clearCookies()
                if let who { try await t.signIn(who) }
                #expect(try await t.get("/projects/\(partnersOnly)").status == (seesPartners ? .ok : .notFound), "\(who ?? "anonymous")")
                #expect(try await t.get("/projects/\(inviteOnly)").status == (seesInvite ? .ok : .notFound), "\(who ?? "anonymous")")
                // The home lists it only to those who may open it (the school's staff, among its shared projects).
                let home = try await t.get("/").body.string
                #expect(!home.contains("Analyse a data set") || seesPartners || seesInvite, "\(who ?? "anonymous")")
            }
        }
    }
}
