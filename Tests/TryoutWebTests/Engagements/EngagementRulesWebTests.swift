import Fluent
import Foundation
import SQLKit
import Testing
import TryoutCore
import TryoutStore
import TryoutTestSupport
@testable import TryoutWeb
import Vapor
import VaporTesting

@Suite("Engagement agreements and access")
struct EngagementAgreementTests {
    @Test("the text downloads exactly as hashed; a signature cannot be repeated; a changed text cannot be signed")
    func immutableAgreements() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            let agreement = try #require(try await Agreements.current(of: id, on: t.db).first)
            let agreementID = try agreement.requireID()
            #expect(agreement.text.hasPrefix("Worker classification: Independent contractor") && agreement.text.contains("Ada Okafor"))

            let page = try await visit(t, as: "ada@uni.test", "/engagements/\(id)/agreements/\(agreementID)")
            #expect(page.body.string.contains(agreement.sha256) && page.body.string.contains("Yes: the text matches its fingerprint."))
            let text = try await t.get("/engagements/\(id)/agreements/\(agreementID)/text")
            #expect(Fingerprint.sha256(bytes: Array(text.body.readableBytesView)) == agreement.sha256)
            #expect(text.headers.first(name: .contentDisposition) == "attachment; filename=\"contractor_agreement-v1.txt\"")
            #expect(text.headers.first(name: "Repr-Digest")?.hasPrefix("sha-256=:") == true)
            let printable = try await t.get("/engagements/\(id)/agreements/\(agreementID)/print")
            #expect(printable.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            #expect(printable.body.string.contains(agreement.sha256) && !printable.body.string.contains("Sign as the"))

            let refused = try await t.post("/engagements/\(id)/agreements/\(agreementID)/sign", ["fullName": "Ada Okafor"]).body.string
            #expect(refused.contains(#"id="error-summary" autofocus"#), "the summary takes the focus")
            #expect(refused.contains(#"id="field-consent" name="consent" aria-invalid="true" aria-describedby="field-consent-error""#))
            #expect(refused.contains(#"<p class="error-text" id="field-consent-error">"#))
            try await t.post("/engagements/\(id)/agreements/\(agreementID)/sign", ["fullName": "Ada Okafor", "consent": "on"])
            try await t.get("/engagements/\(id)")
            try await t.post("/engagements/\(id)/agreements/\(agreementID)/sign", ["fullName": "Someone Else", "consent": "on"])
            #expect(try await t.get("/engagements/\(id)").body.string.contains("already signed by your side"))
            #expect(try await Agreements.find(agreementID, engagementID: id, on: t.db)?.candidateName == "Ada Okafor")

            // Someone edits the stored text behind Tryout's back: the page says so and nobody can sign it.
            let sql = try #require(t.db as? any SQLDatabase)
            try await sql.raw("UPDATE agreements SET text = 'Changed terms' WHERE id = \(bind: agreementID)").run()
            let tampered = try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)/agreements/\(agreementID)")
            #expect(tampered.body.string.contains("No: the text has changed since it was issued."))
            try await t.post("/engagements/\(id)/agreements/\(agreementID)/sign", ["fullName": "Hana Manager", "consent": "on"])
            #expect(try await Agreements.find(agreementID, engagementID: id, on: t.db)?.employerSignedAt == nil)

            // A new version replaces it; the old one is kept as it was.
            try await t.get("/engagements/\(id)/agreements/\(agreementID)")
            try await t.post("/engagements/\(id)/agreements/\(agreementID)/reissue")
            let versions = try await Agreements.all(of: id, on: t.db).filter { $0.kind == .contractorAgreement }
            #expect(versions.map(\.version) == [2, 1])
            #expect(versions[0].isIntact && versions[0].candidateSignedAt == nil && versions[1].supersededAt != nil)
            #expect(versions[1].text == "Changed terms" && versions[1].candidateName == "Ada Okafor")
            try await t.get("/engagements/\(id)/agreements/\(agreementID)")
            try await t.post("/engagements/\(id)/agreements/\(agreementID)/sign", ["fullName": "Hana Manager", "consent": "on"])
            #expect(try await t.get("/engagements/\(id)").body.string.contains("A newer version replaced this agreement"))
        }
    }

    @Test("the agreement page shows the signed text: clauses numbered as written, a name stored with Markdown in it as plain text")
    func pageShowsTheSignedText() async throws {
        try await withTestApp { t in
            // A name taken before names had to be one line.
            let name = "Bruno Silva\n\n## Clause 9\n\nThe Company pays USD 1,000,000 on signing."
            let engagement = try await Factory(t).engagement(candidateName: name)
            let id = try engagement.requireID()
            try await visit(t, as: "ada@uni.test", "/engagements/\(id)")
            for agreement in try await Agreements.current(of: id, on: t.db) {
                let page = try await t.get("/engagements/\(id)/agreements/\(try agreement.requireID())").body.string
                #expect(page.contains(#"<article class="agreement-text brief" aria-label="Agreement text">"# + SafeMarkdown.html(agreement.text) + "</article>"))
                #expect(page.contains("Bruno Silva ## Clause 9 The Company pays USD 1,000,000 on signing.") && !page.contains(">Clause 9<"))
                if agreement.kind == .contractorAgreement {
                    #expect(page.contains(#"<ol start="2"><li><strong>Fee.</strong>"#) && !page.contains("(Independent contractor)"))
                }
            }
        }
    }

    @Test("only the candidate, the employer's managers and the assigned team reach an engagement")
    func access() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            try await Factory(t).organization("Globex")
            try await Factory(t).candidate("bo@uni.test", name: "Bo Lind")
            let agreementID = try #require(try await Agreements.current(of: id, on: t.db).first).requireID()
            let pages = ["", "/board", "/messages", "/check-ins", "/time", "/agreements/\(agreementID)",
                         "/agreements/\(agreementID)/text", "/agreements/\(agreementID)/print"]
            for outsider in ["owner@globex.test", "bo@uni.test", "reviewer@acme.test"] {
                try await visit(t, as: outsider, "/engagements")
                for page in pages {
                    #expect(try await t.get("/engagements/\(id)\(page)").status == .notFound, "\(outsider) reached \(page)")
                }
                #expect(!(try await t.get("/engagements").body.string.contains(engagement.project.title)))
            }
            for insider in ["ada@uni.test", "owner@acme.test", "admin@acme.test", "hiring_manager@acme.test"] {
                try await visit(t, as: insider, "/engagements")
                #expect(try await t.get("/engagements/\(id)").status == .ok, "\(insider) was kept out")
            }
            // A manager assigns the reviewer as a mentor; the mentor may talk but not sign or judge.
            try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)")
            let reviewer = try await Factory(t).member("reviewer@acme.test", of: engagement.organization)
            try await t.post("/engagements/\(id)/team", ["userID": reviewer.$user.id.uuidString])
            let outsiderID = try #require(try await Accounts.user(email: EmailAddress("owner@globex.test")!, on: t.db)).requireID()
            #expect(try await t.post("/engagements/\(id)/team", ["userID": outsiderID.uuidString]).status == .unprocessableEntity)
            try await visit(t, as: "reviewer@acme.test", "/engagements/\(id)")
            #expect(try await t.get("/engagements/\(id)/messages").status == .ok)
            let agreement = try #require(try await Agreements.current(of: id, on: t.db).first)
            #expect(try await t.post("/engagements/\(id)/agreements/\(try agreement.requireID())/sign", ["fullName": "R", "consent": "on"]).status == .forbidden)
            #expect(try await t.post("/engagements/\(id)/terminate", ["reason": "No"]).status == .forbidden)
            // The candidate cannot act for the employer.
            try await visit(t, as: "ada@uni.test", "/engagements/\(id)")
            #expect(try await t.post("/engagements/\(id)/team", ["userID": reviewer.$user.id.uuidString]).status == .forbidden)

            // A mentor who leaves the organization leaves its teams: no list, no feed, no mail.
            try await visit(t, as: "reviewer@acme.test", "/engagements")
            #expect(try await t.get("/engagements").body.string.contains(engagement.project.title))
            try await visit(t, as: "owner@acme.test", "/orgs/\(engagement.organization.slug)/members")
            #expect(try await t.post("/orgs/\(engagement.organization.slug)/members/\(try reviewer.requireID())/remove").status == .seeOther)
            #expect(try await Engagements.team(of: id, on: t.db).map(\.$user.id) == [])
            try await visit(t, as: "reviewer@acme.test", "/engagements")
            #expect(!(try await t.get("/engagements").body.string.contains(engagement.project.title)))
            let formerID = reviewer.$user.id
            #expect(try await Engagements.forUser(formerID, managing: [], on: t.db).isEmpty)
            try await visit(t, as: "ada@uni.test", "/engagements/\(id)/messages")
            try await t.post("/engagements/\(id)/messages", ["body": "Still there?", "email": "on"])
            #expect(try await OutboxRecord.query(on: t.db).filter(\.$recipient == "reviewer@acme.test").filter(\.$body ~~ "Still there").count() == 0)
        }
    }

    @Test("an organization's own template is used for new agreements; unknown placeholders are refused")
    func templates() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            try await Factory(t).organization("Acme", roles: [.owner, .admin, .hiringManager, .reviewer])
            try await visit(t, as: "admin@acme.test", "/orgs/acme/agreements/nda")
            let typo = try await t.post("/orgs/acme/agreements/nda", ["body": "NDA for {{candidate.nmae}}"])
            #expect(typo.status == .unprocessableEntity && typo.body.string.contains("{{candidate.nmae}}"))
            #expect(try await t.post("/orgs/acme/agreements/nda", ["body": "# NDA\n\n{{candidate.name}} keeps {{organization.name}}'s secrets."]).status == .seeOther)
            #expect(try await t.get("/orgs/acme/agreements").body.string.contains("your wording"))
            try await visit(t, as: "hiring_manager@acme.test", "/engagements")
            #expect(try await t.get("/orgs/acme/agreements/nda").status == .notFound)

            let org = try #require(try await Organizations.find(slug: "acme", on: t.db))
            let project = try await Factory(t).publishedProject(of: org)
            project.agreements = "contractor_agreement,ip_assignment,nda"
            project.onboarding = [ChecklistItem(title: "Meet the data team", owner: .employer)]
            try await project.save(on: t.db)
            let user = try await Factory(t).candidate("ada@uni.test", name: "Ada Okafor")
            let application = try #require(try await Applications.submit(to: project, userID: try user.requireID(), ApplicationInput(answers: ["x"]),
                                                                          at: t.clock.now, on: t.db))
            let engagement = try await Engagements.start(for: application, project: project, at: t.clock.now, on: t.db)
            let nda = try #require(try await Agreements.current(of: try engagement.requireID(), on: t.db).first { $0.kind == .nda })
            #expect(nda.text.contains("Ada Okafor keeps Acme's secrets."))
            #expect(try await Engagements.checklist(of: try engagement.requireID(), on: t.db).map(\.title) == ["Meet the data team"])
        }
    }

    @Test("a project's onboarding checklist is edited by its authors, with every problem listed")
    func projectChecklist() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let org = try await Factory(t).organization("Acme", roles: [.owner, .hiringManager, .reviewer])
            let project = try await Factory(t).publishedProject(of: org)
            let path = "/projects/\(try project.requireID())/onboarding"
            let form = try await visit(t, as: "hiring_manager@acme.test", path)
            #expect(form.body.string.contains("Hold the kickoff call"))
            let bad = try await t.post(path, ["title.0": "Kickoff", "owner.0": "boss", "title.1": String(repeating: "x", count: 201), "owner.1": "employer"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("There are 2 problems"))
            #expect(try await t.post(path, ["title.0": "Kickoff", "owner.0": "employer", "title.1": "Read the data", "owner.1": "candidate"]).status == .seeOther)
            #expect(try await Projects.find(id: try project.requireID(), on: t.db)?.onboarding.map(\.owner) == [.employer, .candidate])
            try await visit(t, as: "reviewer@acme.test", "/engagements")
            #expect(try await t.get(path).status == .notFound)
        }
    }
}

@Suite("Engagement conversation")
struct EngagementConversationTests {
    @Test("messages: links become links, text stays text, unread counts, and e-mail only when asked")
    func messages() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            try await visit(t, as: "ada@uni.test", "/engagements/\(id)/messages")
            let empty = try await t.post("/engagements/\(id)/messages", ["body": "  "])
            #expect(empty.status == .unprocessableEntity)
            try await t.post("/engagements/\(id)/messages", ["body": "Draft at https://example.com/d. <script>alert(1)</script>"])
            let before = try await OutboxRecord.query(on: t.db).count()
            try await t.post("/engagements/\(id)/messages", ["body": "Also by mail", "email": "on"])
            let mails = try await OutboxRecord.query(on: t.db).sort(\.$createdAt).all().suffix(from: before)
            #expect(Set(mails.map(\.recipient)) == ["owner@acme.test", "admin@acme.test", "hiring_manager@acme.test"])

            let list = try await visit(t, as: "hiring_manager@acme.test", "/engagements")
            #expect(list.body.string.contains(#"<td data-label="Unread messages">2</td>"#))
            #expect(try await t.get("/engagements/\(id)").body.string.contains("Messages (2 unread)"))
            let thread = try await t.get("/engagements/\(id)/messages")
            #expect(thread.body.string.contains("<a href=\"https://example.com/d\" rel=\"nofollow noopener noreferrer\">https://example.com/d</a>."))
            #expect(thread.body.string.contains("&lt;script&gt;") && !thread.body.string.contains("<script>alert"))
            #expect(try await t.get("/engagements").body.string.contains(#"<td data-label="Unread messages">0</td>"#))

            // Reading a thread with nothing new writes nothing; a new message is marked read when read.
            let manager = try #require(try await Accounts.user(email: EmailAddress("hiring_manager@acme.test")!, on: t.db)?.id)
            func readAt() async throws -> Date? {
                try await MessageReadRecord.query(on: t.db).filter(\.$engagement.$id == id).filter(\.$user.$id == manager).first()?.readAt
            }
            let marked = try #require(try await readAt())
            t.clock.advance(by: 60)
            #expect(try await t.get("/engagements/\(id)/messages").status == .ok)
            #expect(try await readAt() == marked)
            try await visit(t, as: "ada@uni.test", "/engagements/\(id)/messages")
            try await t.post("/engagements/\(id)/messages", ["body": "One more thing"])
            t.clock.advance(by: 60)
            try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)/messages")
            #expect(try await readAt() == t.clock.now)
            #expect(try await t.get("/engagements").body.string.contains(#"<td data-label="Unread messages">0</td>"#))
        }
    }

    @Test("check-ins are booked and written up; the time log adds up against the estimate")
    func checkInsAndTime() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            let start = t.clock.now.addingTimeInterval(86_400)
            let when = ISO8601DateFormatter().string(from: start).prefix(16)
            try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)/check-ins")
            let bad = try await t.post("/engagements/\(id)/check-ins", ["startsAt": "tomorrow", "minutes": "5", "agenda": ""])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("There are 3 problems"))
            #expect(try await t.post("/engagements/\(id)/check-ins", ["startsAt": String(when), "minutes": "30", "agenda": "Kickoff"]).status == .seeOther)
            let checkIn = try #require(try await EngagementActivity.checkIns(of: id, on: t.db).first)
            #expect(abs(checkIn.startsAt.timeIntervalSince(start)) < 60)
            try await t.post("/engagements/\(id)/check-ins/\(try checkIn.requireID())/notes", ["notes": "Went well", "candidateAttended": "on"])
            #expect(try await EngagementActivity.checkIn(try checkIn.requireID(), engagementID: id, on: t.db)?.notes == "")
            t.clock.advance(by: 2 * 86_400)
            let notesPath = "/engagements/\(id)/check-ins/\(try checkIn.requireID())/notes"
            // Another organization's owner does not reach it; empty notes are a field error that writes nothing.
            try await Factory(t).organization("Globex")
            try await visit(t, as: "owner@globex.test", "/engagements")
            #expect(try await t.post(notesPath, ["notes": "Ours now"]).status == .notFound)
            try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)/check-ins")
            let empty = try await t.post(notesPath, ["notes": "  ", "candidateAttended": "on"])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("notes"))
            #expect(try await EngagementActivity.checkIn(try checkIn.requireID(), engagementID: id, on: t.db)?.notes == "")
            try await t.get("/engagements/\(id)/check-ins")
            try await t.post(notesPath, ["notes": "Went well", "candidateAttended": "on"])
            let written = try #require(try await EngagementActivity.checkIn(try checkIn.requireID(), engagementID: id, on: t.db))
            #expect(written.notes == "Went well" && written.candidateAttended == true)
            // Written once, by the employer's side: neither side rewrites the record afterwards.
            try await t.get("/engagements/\(id)/check-ins")
            try await t.post("/engagements/\(id)/check-ins/\(try checkIn.requireID())/notes", ["notes": "Rewritten"])
            #expect(try await t.get("/engagements/\(id)/check-ins").body.string.contains("already has its notes"))
            let candidateView = try await visit(t, as: "ada@uni.test", "/engagements/\(id)/check-ins")
            #expect(!candidateView.body.string.contains("Save the notes"))
            let byCandidate = try await t.post("/engagements/\(id)/check-ins/\(try checkIn.requireID())/notes", ["notes": "I was there", "candidateAttended": "on"])
            #expect(byCandidate.status == .forbidden)
            let kept = try #require(try await EngagementActivity.checkIn(try checkIn.requireID(), engagementID: id, on: t.db))
            #expect(kept.notes == "Went well" && kept.candidateAttended == true)
            #expect(try await AuditEventRecord.query(on: t.db).filter(\.$action == .checkInWrittenUp).count() == 1)
            #expect(try await NotificationRecord.query(on: t.db).filter(\.$message ~~ "booked a check-in for").count() >= 1)

            // Time is the candidate's, and only once work has started.
            try await visit(t, as: "ada@uni.test", "/engagements/\(id)/time")
            let today = BriefInput.dayString(t.clock.now)
            try await t.post("/engagements/\(id)/time", ["day": today, "hours": "1.5"])
            #expect(try await EngagementActivity.timeEntries(of: id, on: t.db).isEmpty)
            try await startWork(t, engagement)
            try await visit(t, as: "ada@uni.test", "/engagements/\(id)/time")
            let milestone = try #require(try await Engagements.milestones(of: id, on: t.db).first)
            #expect(try await t.post("/engagements/\(id)/time", ["day": today, "hours": "1.5", "milestoneID": try milestone.requireID().uuidString]).status == .seeOther)
            #expect(try await t.post("/engagements/\(id)/time", ["day": today, "hours": "0.1"]).status == .unprocessableEntity)
            #expect(try await t.post("/engagements/\(id)/time", ["day": today, "hours": "1", "milestoneID": UUID().uuidString]).status == .unprocessableEntity)
            try await t.post("/engagements/\(id)/time", ["day": today, "hours": "2"])
            let log = try await t.get("/engagements/\(id)/time")
            #expect(log.body.string.contains("3.5 h logged of an estimated 20 h"))
            let entry = try #require(try await EngagementActivity.timeEntries(of: id, on: t.db).first)
            try await t.post("/engagements/\(id)/time/\(try entry.requireID())/delete")
            #expect(try await EngagementActivity.timeEntries(of: id, on: t.db).count == 1)
            try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)/time")
            #expect(try await t.post("/engagements/\(id)/time", ["day": today, "hours": "1"]).status == .forbidden)
        }
    }

    @Test("ending early needs a reason, keeps what accepted work earned, and stops the work")
    func termination() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            try await startWork(t, engagement)
            let milestone = try #require(try await Engagements.milestones(of: id, on: t.db).first)
            let milestoneID = try milestone.requireID()
            try await visit(t, as: "ada@uni.test", "/engagements/\(id)/milestones/\(milestoneID)")
            try await t.upload("/engagements/\(id)/milestones/\(milestoneID)/submissions", files: [("files[]", "memo.pdf", pdfBytes)])
            let version = try #require(try await Submissions.latest(of: milestoneID, on: t.db))
            try await visit(t, as: "hiring_manager@acme.test", "/engagements/\(id)/milestones/\(milestoneID)")
            try await t.post("/engagements/\(id)/submissions/\(try version.requireID())/feedback", decided("accept", ""))

            try await visit(t, as: "ada@uni.test", "/engagements/\(id)")
            #expect(try await t.post("/engagements/\(id)/terminate", ["reason": ""]).status == .unprocessableEntity)
            // The reason first gets a page that asks; only its button ends the engagement.
            let asked = try await t.post("/engagements/\(id)/terminate", ["reason": "I took a full-time job.\r\nThanks for everything."])
            #expect(asked.status == .ok && asked.body.string.contains("<h1>End the engagement on “"))
            #expect(asked.body.string.contains(#"<input type="hidden" name="confirmed" value="yes"/>"#))
            #expect(try await EngagementRecord.find(id, on: t.db)?.state != .terminated)
            try await t.post("/engagements/\(id)/terminate", ["reason": "I took a full-time job.\r\nThanks for everything.", "confirmed": "yes"])
            let ended = try #require(try await EngagementRecord.find(id, on: t.db))
            #expect(ended.state == .terminated && ended.endReason.hasSuffix("Thanks for everything.") && ended.endedAt != nil)
            let page = try await t.get("/engagements/\(id)")
            let weights = try await Engagements.milestones(of: id, on: t.db).map(\.weight)
            let owed = EngagementLifecycle.owed(pay: ended.pay, weights: weights, accepted: [true, false, false])
            #expect(owed.amountMinor > 0 && page.body.string.contains(owed.formatted))
            #expect(page.body.string.contains("Reason given: I took a full-time job."))
            // Once it has ended nothing offers to end it again; someone outside it finds nothing.
            #expect(try await t.post("/engagements/\(id)/terminate", ["reason": "Again"]).status == .conflict)
            try await Factory(t).organization("Globex")
            try await t.signIn("owner@globex.test")
            try await t.get("/settings")
            #expect(try await t.post("/engagements/\(id)/terminate", ["reason": "Not mine"]).status == .notFound)
            try await t.signIn("ada@uni.test")
            let second = try #require(try await Engagements.milestones(of: id, on: t.db).dropFirst().first).requireID()
            try await t.get("/engagements/\(id)/milestones/\(second)")
            try await t.upload("/engagements/\(id)/milestones/\(second)/submissions", files: [("files[]", "memo.pdf", pdfBytes)])
            #expect(try await Submissions.latest(of: second, on: t.db) == nil)
            let mails = try await OutboxRecord.query(on: t.db).filter(\.$subject ~~ "ended").all()
            #expect(!mails.isEmpty && mails.allSatisfy { !$0.subject.contains("\n") && !$0.subject.contains("\r") })
            #expect(mails.contains { $0.subject.hasSuffix("I took a full-time job. Thanks for everything.") })
        }
    }

    @Test("an accepted place can be given back while the agreements are unsigned, not once work has started")
    func withdrawing() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let applicationID = engagement.$application.id
            try await visit(t, as: "ada@uni.test", "/applications/\(applicationID)")
            #expect(try await t.get("/applications/\(applicationID)").body.string.contains("Go to the engagement"))
            try await startWork(t, engagement)
            try await visit(t, as: "ada@uni.test", "/applications/\(applicationID)")
            try await t.post("/applications/\(applicationID)/withdraw")
            #expect(try await ApplicationRecord.find(applicationID, on: t.db)?.state == .accepted)
            #expect(try await state(t, engagement) == .active)

            let other = try await Factory(t).engagement(org: "Globex", candidate: "bo@uni.test", candidateName: "Bo Lind")
            try await visit(t, as: "bo@uni.test", "/applications/\(other.$application.id)")
            try await t.post("/applications/\(other.$application.id)/withdraw")
            #expect(try await ApplicationRecord.find(other.$application.id, on: t.db)?.state == .withdrawn)
            #expect(try await state(t, other) == .terminated)
        }
    }

    @Test("work opens on the start date: signed and onboarded early, nothing is handed in before it, web or API")
    func workOpensOnTheStartDate() async throws {
        try await withTestApp { t in
            let start = DueDates.startOfDay(t.clock.now).addingTimeInterval(3 * 86_400)
            let engagement = try await Factory(t).engagement(start: start)
            let id = try engagement.requireID()
            let day = AgreementTemplate.dayText(start)
            let contract = try #require(try await Agreements.current(of: id, on: t.db).first { $0.kind == .contractorAgreement })
            #expect(contract.text.contains("Work begins on \(day), the first day work can be handed in through Tryout"))
            try await startWork(t, engagement)
            #expect(try await state(t, engagement) == .active)

            let milestone = try #require(try await Engagements.milestones(of: id, on: t.db).first).requireID()
            let path = "/engagements/\(id)/milestones/\(milestone)/submissions"
            let page = try await visit(t, as: "ada@uni.test", "/engagements/\(id)/milestones/\(milestone)").body.string
            #expect(page.contains("Work opens on \(day)") && !page.contains("Hand in this version"))
            let early = try await t.upload(path, files: [("files[]", "memo.pdf", pdfBytes)])
            #expect(early.status == .seeOther)
            #expect(try await t.get("/engagements/\(id)/milestones/\(milestone)").body.string
                .contains("Work opens on \(day), the start date in the agreements"))
            let api = try await t.upload("/api/v1" + path, files: [("files[]", "memo.pdf", pdfBytes)], token: try await t.token(for: "ada@uni.test"))
            #expect(api.status == .conflict && api.body.string.contains("Work opens on \(day)"))
            #expect(try await submissionCount(t) == 0)

            // The last second before the start day is still too early; its first moment is not.
            t.clock.advance(by: start.timeIntervalSince(t.clock.now) - 1)
            try await t.get("/engagements/\(id)/milestones/\(milestone)")
            #expect(try await t.upload(path, files: [("files[]", "memo.pdf", pdfBytes)]).status == .seeOther)
            #expect(try await submissionCount(t) == 0)
            t.clock.advance(by: 1)
            #expect(try await t.get("/engagements/\(id)/milestones/\(milestone)").body.string.contains("Hand in this version"))
            #expect(try await t.upload(path, files: [("files[]", "memo.pdf", pdfBytes)]).status == .seeOther)
            #expect(try await submissionCount(t) == 1)
        }
    }

    @Test("a withdrawal waits for a signature being written, and then sees that work has started")
    func withdrawingDuringSignature() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            let applicationID = engagement.$application.id
            try await visit(t, as: "ada@uni.test", "/applications/\(applicationID)")
            // The engagement's lock is held as the last signature holds it, moving the engagement on;
            // the withdrawal is sent only once the lock is taken.
            let (locked, signal) = AsyncStream<Void>.makeStream()
            async let signing: Void = DecisionLock.run(engagementID: id, on: t.db) { tx in
                let held = try #require(try await EngagementRecord.find(id, on: tx))
                held.state = .onboarding
                try await held.save(on: tx)
                signal.yield()
                try await Task.sleep(for: .milliseconds(500))
            }
            for await _ in locked { break }
            try await t.post("/applications/\(applicationID)/withdraw")
            try await signing
            #expect(try await state(t, engagement) == .onboarding)
            #expect(try await ApplicationRecord.find(applicationID, on: t.db)?.state == .accepted)
        }
    }

    @Test("a completed engagement proves the project's skills on the candidate's profile, for every match")
    func provenSkills() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let user = try #require(try await CandidateProfiles.profile(userID: engagement.$candidate.id, on: t.db))
            #expect(try await CandidateProfiles.profile(user, on: t.db).provenSkills.isEmpty)
            engagement.state = .completed
            try await engagement.save(on: t.db)
            let sql = try #require(try await Taxonomy.skill(label: "SQL", on: t.db)?.id)
            #expect(try await CandidateProfiles.profile(user, on: t.db).provenSkills == [sql: 3])
            let listed = try await CandidateProfiles.profiles(userIDs: [engagement.$candidate.id], on: t.db)
            #expect(listed[engagement.$candidate.id]?.provenSkills == [sql: 3])
            let project = try await Factory(t).publishedProject(of: engagement.organization)
            let brief = try await ProjectBriefs.brief(of: project, on: t.db)
            let score = Matching.score(MatchCandidate(try await CandidateProfiles.profile(user, on: t.db)), for: MatchProject(brief))
            #expect(score.parts.contains { $0.explanation.contains("verified by completed work") })
        }
    }

    @Test("the calendar feed lists deadlines, check-ins and dates at a secret address that can be replaced or turned off")
    func calendar() async throws {
        try await withTestApp { t in
            let engagement = try await Factory(t).engagement()
            let id = try engagement.requireID()
            try await visit(t, as: "ada@uni.test", "/settings/calendar")
            let made = try await t.post("/settings/calendar")
            let address = try #require(made.body.string.firstMatch(of: /\/calendar\/([A-Za-z0-9_-]+)\.ics/))
            let path = String(address.0)
            t.clearCookies()
            let feed = try await t.get(path)
            #expect(feed.status == .ok && feed.headers.first(name: .contentType) == "text/calendar; charset=utf-8")
            let text = feed.body.string
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
            #expect(text.contains("UID:start-\(id)@tryout") && text.contains("SUMMARY:Due: "))
            #expect(text.components(separatedBy: "BEGIN:VEVENT").count - 1 == 5)
            let stored = try #require(try await CalendarFeedRecord.query(on: t.db).first())
            #expect(stored.tokenHash != String(address.1))

            // The manager's feed holds the same engagement; a new address retires the old one.
            try await visit(t, as: "hiring_manager@acme.test", "/settings/calendar")
            let managerPath = try #require((try await t.post("/settings/calendar")).body.string.firstMatch(of: /\/calendar\/[A-Za-z0-9_-]+\.ics/)).0
            #expect(try await t.get(String(managerPath)).body.string.contains("UID:start-\(id)@tryout"))
            try await visit(t, as: "ada@uni.test", "/settings/calendar")
            try await t.post("/settings/calendar")
            #expect(try await t.get(path).status == .notFound)
            try await t.post("/settings/calendar/revoke")
            #expect(try await CalendarFeedRecord.query(on: t.db).count() == 1)
            #expect(try await t.get("/calendar/nonsense.ics").status == .notFound)
        }
    }
}
