import Foundation
import TryoutApp
import TryoutCore
import Vapor

/// Every kind of background job and every recurring schedule, in one list: the handler's logic
/// lives with its feature, and this file hands it the transports it needs.
enum JobCatalog {
    static func handlers(_ app: Application) -> JobHandlers {
        var handlers = JobHandlers()
        handlers.register(PruneJobs.self, PruneJobs.run)
        handlers.register(DeliverMail.self) { job, ctx in try await MailDelivery.run(job, ctx, transport: app.mailTransport) }
        handlers.register(PingJob.self, PingJob.run)
        handlers.register(SendDigests.self, SendDigests.run)
        handlers.register(SendReminders.self, SendReminders.run)
        handlers.register(WebhookDeliveryJob.self) { job, ctx in try await WebhookDelivery.run(job, ctx, settings: app.webhooks) }
        handlers.register(PruneWebhookDeliveries.self, PruneWebhookDeliveries.run)
        handlers.register(IssueCredential.self) { job, ctx in try await IssueCredential.run(job, ctx, settings: app.tryout.credentialSettings) }
        return handlers
    }

    static func schedules() -> [Schedule] {
        [
            Schedule("jobs.prune", .daily(hour: 3, minute: 30), PruneJobs()),
            Schedule("webhooks.prune-deliveries", .daily(hour: 3, minute: 45), PruneWebhookDeliveries()),
            Schedule("notifications.digests", .every(minutes: 15), SendDigests()),
            Schedule("notifications.reminders", .every(minutes: 5), SendReminders()),
        ]
    }
}

extension Application {
    /// The context a job runs in: nobody signed in, the clock read when the job starts.
    func jobContext() -> ActionContext {
        ActionContext(db: db, now: tryout.now(), client: ClientInfo(address: "job"),
                      mail: Mailer(links: SiteMailLinks(base: tryout.publicURL)), passwords: PasswordHasher(application: self),
                      payments: tryout.paymentSettings)
    }

    /// A pool of `count` workers running this application's jobs and schedules.
    func jobWorkers(count: Int) -> JobWorkers {
        let settings = JobWorkers.Settings(name: "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)",
                                           count: count, lease: tryout.jobLease)
        let logger = self.logger
        return JobWorkers(settings: settings, handlers: JobCatalog.handlers(self), schedules: JobCatalog.schedules(),
                          context: { [unowned self] in self.jobContext() }, log: { logger.warning("\($0)") })
    }

    /// Runs every due job here and now, until none is due: tests and one-off commands.
    func runDueJobs() async throws -> Int {
        try await JobWorkers.runDue(handlers: JobCatalog.handlers(self), context: { [unowned self] in self.jobContext() },
                                    log: { [logger] in logger.warning("\($0)") })
    }
}
