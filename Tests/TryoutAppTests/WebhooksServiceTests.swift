import Crypto
import FluentKit
import Foundation
import Testing
import TryoutApp
import TryoutCore
import TryoutStore
import TryoutTestSupport

@Suite("Webhooks service")
struct WebhooksServiceTests {
    private func endpoint(_ t: TestApp, kind: WebhookKind = .standard, url: String = "https://hooks.example.com/tryout",
                          events: [WebhookEventType] = WebhookEventType.allCases) async throws -> NewWebhookEndpoint {
        try await Taxonomy.loadBundledIfEmpty(on: t.db)
        let owner = try await t.context(as: "owner@acme.test")
        let acme = try await WebhooksService.organization(slug: "acme", owner)
        return try await WebhooksService.create(url: url, kind: kind.rawValue, events: events.map(\.rawValue), in: acme,
                                                settings: t.webhookSettings, owner)
    }

    /// Publishes a new data-analysis project of Acme through the service, which emits `project.published`.
    @discardableResult
    private func publish(_ t: TestApp) async throws -> ProjectID {
        let owner = try await t.context(as: "owner@acme.test")
        let project = try await ProjectsService.create(ProjectDraft(brief: BriefTemplates.template(id: "data-analysis")!.brief,
                                                                    audience: ProjectAudience()), in: "acme", owner)
        let id = ProjectID(try project.requireID())
        _ = try await ProjectsService.transition(id, to: .published, owner)
        return id
    }

    @Test("only the organization's owners and admins manage its webhooks; anyone else, another organization's owner included, finds nothing")
    func authorization() async throws {
        try await withTestApp { t in
            t.useWebhookReceiver()
            try await Factory(t).organization("Acme", roles: [.owner, .admin, .hiringManager, .reviewer])
            try await Factory(t).organization("Rival")
            let made = try await endpoint(t)
            let id = WebhookEndpointID(try made.endpoint.requireID())
            let admin = try await t.context(as: "admin@acme.test")
            #expect(try await WebhooksService.endpoints(of: try await WebhooksService.organization(slug: "acme", admin), admin).count == 1)
            for outsider in ["hiring_manager@acme.test", "reviewer@acme.test", "owner@rival.test"] {
                let ctx = try await t.context(as: outsider)
                await #expect(throws: ActionError.notFound, "\(outsider)") { try await WebhooksService.organization(slug: "acme", ctx) }
            }
            // Rival's owner, acting on Rival, cannot reach Acme's endpoint by its id either.
            let rivalOwner = try await t.context(as: "owner@rival.test")
            let rival = try await WebhooksService.organization(slug: "rival", rivalOwner)
            await #expect(throws: ActionError.notFound) { try await WebhooksService.endpoint(id, in: rival, rivalOwner) }
            await #expect(throws: ActionError.notFound) { try await WebhooksService.delete(id, in: rival, rivalOwner) }
            #expect(try await Webhooks.endpoints(of: try #require(made.endpoint.$organization.id as UUID?), on: t.db).count == 1)
        }
    }

    @Test("bad input is refused field by field, and addresses that lead inside are refused when added")
    func validationAndSSRF() async throws {
        try await withTestApp { t in
            let receiver = t.useWebhookReceiver()
            try await Factory(t).organization("Acme")
            let owner = try await t.context(as: "owner@acme.test")
            let acme = try await WebhooksService.organization(slug: "acme", owner)
            func refusal(_ url: String?, kind: String? = "standard", events: [String] = ["project.published"]) async -> [FieldError] {
                do {
                    _ = try await WebhooksService.create(url: url, kind: kind, events: events, in: acme, settings: t.webhookSettings, owner)
                    return []
                } catch let failure as ValidationFailure {
                    return failure.errors
                } catch {
                    return [FieldError("?", "\(error)")]
                }
            }
            #expect(await refusal(nil, kind: "carrier-pigeon", events: []).map(\.field) == ["url", "kind", "events"])
            #expect(await refusal("https://hooks.example.com/x", events: ["project.published", "payment.sent"]).map(\.field) == ["events"])
            #expect(await refusal("http://hooks.example.com/x").first?.message == "The address must start with https://.")
            receiver.resolve("rebind.example.com", to: ["203.0.113.5", "10.0.0.8"])
            for url in ["https://127.0.0.1/hook", "https://10.1.2.3/", "https://[::1]/", "https://169.254.169.254/latest/meta-data",
                        "https://[::ffff:127.0.0.1]/", "https://localhost:8443/", "https://rebind.example.com/hook"] {
                #expect(await refusal(url).map(\.field) == ["url"], "\(url)")
            }
            #expect(try await Webhooks.endpoints(of: try acme.requireID(), on: t.db).isEmpty)
        }
    }

    @Test("signatures follow Standard Webhooks: the specification's own example")
    func signatureVector() {
        let signature = WebhookSignature.sign(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: #"{"test": 2432232314}"#,
                                              secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        #expect(WebhookSignature.sign(id: "msg_1", timestamp: 1, body: "{}", secret: "not a secret") == nil)
    }

    @Test("an event is delivered signed; a 500 is retried later under the same webhook-id, and every attempt is logged")
    func deliveryAndRetry() async throws {
        try await withTestApp { t in
            let receiver = t.useWebhookReceiver()
            try await Factory(t).organization("Acme")
            let made = try await endpoint(t, events: [.projectPublished])
            receiver.answer(500)
            try await publish(t)
            #expect(try await t.runJobs() == 1)
            #expect(receiver.received.count == 1)
            let first = try #require(receiver.received.first)
            #expect(first.address == FakeWebhookReceiver.publicAddress)
            #expect(first.request.url.absoluteString == "https://hooks.example.com/tryout")
            let id = try #require(first.request.header("webhook-id")), stamp = try #require(first.request.header("webhook-timestamp"))
            #expect(id.hasPrefix("msg_") && Int(stamp) == Int(t.clock.now.timeIntervalSince1970))
            // Checked with CryptoKit itself rather than the code under test.
            let key = SymmetricKey(data: try #require(Data(base64Encoded: String(made.secret.dropFirst(6)))))
            let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(stamp).\(first.request.body)".utf8), using: key)
            #expect(first.request.header("webhook-signature") == "v1," + Data(mac).base64EncodedString())
            let body = try #require(try JSONSerialization.jsonObject(with: Data(first.request.body.utf8)) as? [String: Any])
            #expect(body["type"] as? String == "project.published")
            #expect(((body["data"] as? [String: Any])?["project"] as? [String: Any])?["state"] as? String == "published")

            #expect(try await t.runJobs() == 0, "the retry waits for its backoff")
            #expect(try await t.runJobs(at: t.clock.now.addingTimeInterval(120)) == 1)
            #expect(receiver.received.count == 2 && receiver.received[1].request.header("webhook-id") == id)
            #expect(receiver.received[1].request.body == first.request.body)
            let log = try await Webhooks.deliveries(of: try made.endpoint.requireID(), on: t.db)
            #expect(log.map(\.attempt) == [2, 1] && log.map(\.outcome) == [.delivered, .failed] && log.map(\.responseCode) == [200, 500])
            #expect(log[1].responseExcerpt == "receiver error 500")
            #expect(try await WebhookEndpointRecord.find(made.endpoint.requireID(), on: t.db)?.consecutiveFailures == 0)
        }
    }

    @Test("retries span about a day")
    func retrySpan() {
        let hours = WebhookDeliveryJob.backoff.longestSpan(attempts: WebhookDeliveryJob.maxAttempts) / 3600
        #expect(hours > 20 && hours < 36)
    }

    @Test("a host that resolves inside at delivery time is refused without being contacted")
    func rebindingRefused() async throws {
        try await withTestApp { t in
            let receiver = t.useWebhookReceiver()
            try await Factory(t).organization("Acme")
            let made = try await endpoint(t, events: [.projectPublished])
            receiver.resolve("hooks.example.com", to: ["203.0.113.5", "169.254.169.254"])
            try await publish(t)
            try await t.runJobs()
            #expect(receiver.received.isEmpty)
            let log = try await Webhooks.deliveries(of: try made.endpoint.requireID(), on: t.db)
            #expect(log.map(\.outcome) == [.refused] && log.first?.responseExcerpt.contains("169.254.169.254") == true)
        }
    }

    @Test("the 50th failure in a row turns the endpoint off and tells the owners; its retries stop; sending again turns it on")
    func turnOff() async throws {
        try await withTestApp { t in
            let receiver = t.useWebhookReceiver()
            try await Factory(t).organization("Acme", roles: [.owner, .admin])
            let made = try await endpoint(t, events: [.projectPublished])
            let endpoint = try #require(try await WebhookEndpointRecord.find(made.endpoint.requireID(), on: t.db))
            endpoint.consecutiveFailures = WebhookHealth.failuresBeforeTurningOff - 1
            try await endpoint.save(on: t.db)
            receiver.answer(503)
            try await publish(t)
            try await t.runJobs()
            let off = try #require(try await WebhookEndpointRecord.find(made.endpoint.requireID(), on: t.db))
            #expect(off.disabledAt == t.clock.now && off.consecutiveFailures == 50)
            let mail = try #require(try await Outbox.messages(to: "owner@acme.test", on: t.db).first { $0.subject.contains("webhook") })
            #expect(mail.subject == "Acme: a webhook was turned off" && mail.body.contains("https://hooks.example.com/tryout"))
            #expect(try await Outbox.messages(to: "admin@acme.test", on: t.db).isEmpty)
            #expect(try await t.runJobs(at: t.clock.now.addingTimeInterval(86_400)) == 0)
            try await publish(t)
            #expect(try await t.runJobs() == 0, "an endpoint that is off gets no new events")
            #expect(receiver.received.count == 1)

            let owner = try await t.context(as: "owner@acme.test")
            let acme = try await WebhooksService.organization(slug: "acme", owner)
            let delivery = try #require(try await Webhooks.deliveries(of: try off.requireID(), on: t.db).first)
            try await WebhooksService.redeliver(WebhookDeliveryID(try delivery.requireID()), of: WebhookEndpointID(try off.requireID()), in: acme, owner)
            #expect(try await t.runJobs() == 1)
            #expect(receiver.received.count == 2 && receiver.received[1].request.header("webhook-id") == delivery.messageID)
            let on = try #require(try await WebhookEndpointRecord.find(made.endpoint.requireID(), on: t.db))
            #expect(on.disabledAt == nil && on.consecutiveFailures == 0)
        }
    }

    @Test("a Slack endpoint gets Block Kit with a link back and no signature headers; events not chosen are not sent")
    func slack() async throws {
        try await withTestApp { t in
            let receiver = t.useWebhookReceiver()
            try await Factory(t).organization("Acme")
            let made = try await endpoint(t, kind: .slack, url: "https://hooks.slack.com/services/T0/B0/x", events: [.projectClosed])
            #expect(made.endpoint.kind == .slack)
            let id = try await publish(t)
            #expect(try await t.runJobs() == 0)
            _ = try await ProjectsService.transition(id, to: .closed, try await t.context(as: "owner@acme.test"))
            try await t.runJobs()
            let request = try #require(receiver.received.first?.request)
            #expect(request.header("webhook-signature") == nil && request.header("webhook-id") == nil)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
            let section = try #require((json["blocks"] as? [[String: Any]])?.first)
            let button = try #require(section["accessory"] as? [String: Any])
            #expect((json["text"] as? String)?.hasSuffix("closed to applications.") == true)
            #expect(button["url"] as? String == "https://tryout.test/projects/\(id)")
        }
    }

    @Test("an engagement's moves are told: signatures, work handed in and reviewed, and ending early with the reason")
    func engagementEvents() async throws {
        try await withTestApp { t in
            let receiver = t.useWebhookReceiver()
            let id = EngagementID(try await Factory(t).engagement().requireID())
            _ = try await endpoint(t)
            try await t.startWork(id)
            let milestone = try #require(try await Engagements.milestones(of: id.uuid, on: t.db).first)
            let (ada, adaContext) = try await t.participant(id, as: "ada@uni.test")
            let version = try await WorkService.submit(MilestoneID(try milestone.requireID()),
                                                       VersionUpload(note: "Draft.", links: ["https://example.org/memo"], files: []),
                                                       storage: t.app.tryout.fileStorage, limits: UploadLimits(), in: ada, adaContext)
            let (hana, hanaContext) = try await t.participant(id, as: "hiring_manager@acme.test")
            try await WorkService.feedback(SubmissionID(try version.requireID()), try FeedbackInput(decision: "request_changes", feedback: "More."), scorecard: .all(2),
                                           in: hana, hanaContext)
            try await EngagementsService.terminate(try TerminationInput(reason: "The project was cancelled."), in: ada, adaContext)
            try await t.runJobs()

            let bodies = receiver.received.map(\.request.body)
            let types = bodies.compactMap { body in
                (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["type"] as? String
            }
            let signatures = try await Agreements.current(of: id.uuid, on: t.db).count * 2
            // Jobs queued in the same second may run in any order.
            #expect(types.sorted() == (Array(repeating: "agreement.signed", count: signatures)
                + ["submission.created", "review.submitted", "submission.reviewed", "engagement.terminated"]).sorted())
            func body(_ type: String) -> String { bodies.first { $0.contains(#""type":"\#(type)""#) } ?? "" }
            #expect(body("engagement.terminated").contains(#""reason":"The project was cancelled.""#))
            #expect(body("submission.reviewed").contains(#""decision":"request_changes""#))
            #expect(body("submission.created").contains(#""late":false"#) && !body("submission.created").contains("decision"))
        }
    }

    @Test("a dispute opened and decided is told, with its subject, the side that opened it and the outcome, never the statements")
    func disputeEvents() async throws {
        try await withTestApp { t in
            let receiver = t.useWebhookReceiver()
            let id = EngagementID(try await Factory(t).engagement().requireID())
            try await Factory(t).user("staff@tryout.test", admin: true)
            _ = try await endpoint(t, events: [.disputeOpened, .disputeDecided])
            try await t.startWork(id)
            let (ada, adaContext) = try await t.participant(id, as: "ada@uni.test")
            let dispute = try await DisputesService.open(try DisputeInput(subject: "amount_owed", submissionID: nil, statement: "Pay the kickoff.",
                                                                          evidence: []), in: ada, adaContext)
            try await DisputesService.answer(DisputeID(try dispute.requireID()), "Paid on completion.", try await t.context(as: "hiring_manager@acme.test"))
            try await DisputesService.decide(DisputeID(try dispute.requireID()),
                                             try DisputeDecisionInput(outcome: "partial", note: "A quarter.", sharePercent: 25, reviewerID: nil),
                                             try await t.context(as: "staff@tryout.test"))
            try await t.runJobs()
            let bodies = receiver.received.map(\.request.body)
            let opened = try #require(bodies.first { $0.contains(#""type":"dispute.opened""#) })
            let decided = try #require(bodies.first { $0.contains(#""type":"dispute.decided""#) })
            #expect(bodies.count == 2)
            #expect(opened.contains(#""subject":"amount_owed""#) && opened.contains(#""openedSide":"candidate""#) && opened.contains(#""state":"awaiting_response""#))
            #expect(decided.contains(#""outcome":"partial""#) && decided.contains(#""sharePercent":25"#) && decided.contains(#""state":"decided""#))
            #expect(!bodies.joined().contains("Pay the kickoff.") && !bodies.joined().contains("A quarter."))
        }
    }

    @Test("pay released for an accepted deliverable is told with its amount and fee, once")
    func paymentReleased() async throws {
        try await withTestApp { t in
            let receiver = t.useWebhookReceiver()
            let engagement = try await Factory(t).engagement()
            let id = EngagementID(try engagement.requireID())
            let project = try #require(try await Projects.find(id: engagement.$project.id, on: t.db))
            let terms = EscrowTerms(pay: Money(amountMinor: engagement.payMinor, currency: engagement.currency), feeBasisPoints: 500, places: 1)
            try await Escrows.hold(terms, for: project, by: nil, at: t.clock.now, on: t.db)
            _ = try await endpoint(t, events: [.paymentReleased])
            try await t.startWork(id)
            let milestones = try await Engagements.milestones(of: id.uuid, on: t.db)
            let (ada, adaContext) = try await t.participant(id, as: "ada@uni.test")
            let version = try await WorkService.submit(MilestoneID(try milestones[0].requireID()), VersionUpload(note: "", links: ["https://example.org/v"], files: []),
                                                       storage: t.app.tryout.fileStorage, limits: UploadLimits(), in: ada, adaContext)
            let (hana, context) = try await t.participant(id, as: "hiring_manager@acme.test")
            try await WorkService.feedback(SubmissionID(try version.requireID()), try FeedbackInput(decision: "accept", feedback: "Good."),
                                           scorecard: .all(3), in: hana, context)
            try await t.runJobs()
            let share = terms.shares(weights: milestones.map(\.weight))[0]
            let bodies = receiver.received.map(\.request.body)
            #expect(bodies.count == 1)
            #expect(bodies.first?.contains(#""type":"payment.released""#) == true && bodies.first?.contains(#""amountMinor":\#(share.pay)"#) == true)
            #expect(bodies.first?.contains(#""feeMinor":\#(share.fee)"#) == true && bodies.first?.contains(#""viaPayroll":false"#) == true)
        }
    }

    @Test("the last deliverable accepted completes the engagement, and that is told once, with its state")
    func engagementCompleted() async throws {
        try await withTestApp { t in
            let receiver = t.useWebhookReceiver()
            let id = EngagementID(try await Factory(t).engagement().requireID())
            _ = try await endpoint(t, events: [.engagementCompleted])
            try await t.startWork(id)
            let (ada, adaContext) = try await t.participant(id, as: "ada@uni.test")
            let (hana, hanaContext) = try await t.participant(id, as: "hiring_manager@acme.test")
            let milestones = try await Engagements.milestones(of: id.uuid, on: t.db)
            for milestone in milestones {
                try await t.runJobs()
                #expect(receiver.received.isEmpty)
                let version = try await WorkService.submit(MilestoneID(try milestone.requireID()),
                                                           VersionUpload(note: "", links: ["https://example.org/\(milestone.position)"], files: []),
                                                           storage: t.app.tryout.fileStorage, limits: UploadLimits(), in: ada, adaContext)
                try await WorkService.feedback(SubmissionID(try version.requireID()), try FeedbackInput(decision: "accept", feedback: ""), scorecard: .all(3),
                                               in: hana, hanaContext)
            }
            #expect(try await EngagementRecord.find(id.uuid, on: t.db)?.state == .completed)
            try await t.runJobs()
            let bodies = receiver.received.map(\.request.body)
            #expect(bodies.count == 1)
            let completed = try #require(bodies.first)
            #expect(completed.contains(#""type":"engagement.completed""#) && completed.contains(#""state":"completed""#))
            #expect(completed.contains(#""candidateName":"Ada Okafor""#) && completed.contains(#""id":"\#(id)""#))
        }
    }

    @Test("applications are told by handle until the organization reveals the candidate; an accepted offer starts the engagement")
    func blindApplications() async throws {
        try await withTestApp { t in
            let receiver = t.useWebhookReceiver()
            let projectID = try await t.acmeProjectWithAda()
            _ = try await endpoint(t, events: [.applicationSubmitted, .applicationStateChanged, .engagementStarted])
            let applicationID = try await t.apply(to: projectID)
            let application = try #require(try await ApplicationRecord.find(applicationID.uuid, on: t.db))
            try await t.runJobs()
            let submitted = try #require(receiver.received.first?.request.body)
            #expect(submitted.contains(#""type":"application.submitted""#) && submitted.contains(application.handle))
            #expect(submitted.contains("ada@uni.test") == (application.revealedAt != nil))
            #expect(!submitted.contains("previousState"))

            try await t.decide(applicationID, .shortlisted, on: projectID)
            try await t.runJobs()
            let shortlisted = try #require(receiver.received.last?.request.body)
            #expect(shortlisted.contains(#""type":"application.state_changed""#) && shortlisted.contains(#""state":"shortlisted""#))
            #expect(shortlisted.contains(#""previousState":"submitted""#))
            let revealed = try #require(try await ApplicationRecord.find(applicationID.uuid, on: t.db)).revealedAt != nil
            #expect(shortlisted.contains("ada@uni.test") == revealed)

            // An accepted offer starts the engagement.
            try await t.decide(applicationID, .offered, on: projectID)
            try await ApplicationsService.respond(.accept, on: applicationID, try await t.context(as: "ada@uni.test"))
            try await t.runJobs()
            let started = try #require(receiver.received.map(\.request.body).first { $0.contains(#""type":"engagement.started""#) })
            #expect(started.contains(#""candidateName":"Ada Okafor""#) && started.contains(#""state":"contracting""#))
        }
    }
}

@Suite("Webhook delivery log")
struct WebhookDeliveryLogTests {
    /// Removes the endpoint while its request is out, then answers 500.
    private struct RemovingReceiver: WebhookTransport {
        let db: any Database
        let endpointID: UUID

        func resolve(host: String) async throws -> [NetworkAddress] { [FakeWebhookReceiver.publicAddress] }

        func post(_ request: WebhookRequest, connectingTo address: NetworkAddress) async throws -> WebhookResponse {
            try await WebhookEndpointRecord.query(on: db).filter(\.$id == endpointID).delete()
            return WebhookResponse(status: 500, body: [])
        }
    }

    @Test("an endpoint removed while its message is out: nothing is logged and nothing is retried")
    func removedInFlight() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme")
            let endpoint = WebhookEndpointRecord(organizationID: try org.requireID(), url: "https://hooks.example.com/x", kind: .standard,
                                                 eventTypes: [.projectPublished], secret: WebhookSecret.generate(), createdAt: t.clock.now)
            try await endpoint.create(on: t.db)
            let id = try endpoint.requireID()
            let settings = WebhookSettings(transport: RemovingReceiver(db: t.db, endpointID: id), allowPrivate: false)
            try await WebhookDelivery.run(WebhookDeliveryJob(endpointID: id, messageID: "msg_1", eventType: "project.published", body: "{}"),
                                          t.context(), settings: settings)
            #expect(try await WebhookDeliveryRecord.query(on: t.db).count() == 0)
        }
    }

    @Test("the daily clean-up keeps 30 days of attempts")
    func prune() async throws {
        try await withTestApp { t in
            let org = try await Factory(t).organization("Acme")
            let endpoint = WebhookEndpointRecord(organizationID: try org.requireID(), url: "https://hooks.example.com/x", kind: .standard,
                                                 eventTypes: [.projectPublished], secret: WebhookSecret.generate(), createdAt: t.clock.now)
            try await endpoint.create(on: t.db)
            for age in [31.0, 29.0] {
                try await WebhookDeliveryRecord(endpointID: try endpoint.requireID(), messageID: "msg_\(Int(age))", eventType: "project.published",
                                                attempt: 1, attemptedAt: t.clock.now.addingTimeInterval(-age * 86_400), outcome: .delivered,
                                                responseCode: 200, durationMS: 3, responseExcerpt: "ok", body: "{}").create(on: t.db)
            }
            try await PruneWebhookDeliveries.run(PruneWebhookDeliveries(), t.context())
            #expect(try await Webhooks.deliveries(of: try endpoint.requireID(), on: t.db).map(\.messageID) == ["msg_29"])
        }
    }
}
