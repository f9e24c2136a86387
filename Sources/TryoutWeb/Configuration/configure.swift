import Fluent
import Foundation
import TryoutApp
import TryoutStore
import Vapor

/// Wires the whole application. Tests call it with their own configuration.
public func configure(_ app: Application, _ config: TryoutConfig) async throws {
    app.tryout = config
    app.useMail(config.mail)
    app.storage[AnonymousCookies.KeyCache.self] = .init(nil)
    app.publicPages = PublicPageStore(lifetime: config.pageCacheLifetime)
    // Pages kept until the database's version of what they show moves; at 35 KB for a full page
    // of applicants, 512 tables (the default) hold about 18 MB.
    app.keep(ApplicantTables())
    app.keep(EngagementOverviews())
    // A thread of 500 messages writes about 150 KB; half as many threads bound them at 38 MB.
    app.keep(EngagementThreads(capacity: 256))
    app.keep(OverviewSections())
    if case .sqliteFile = config.database {
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
    }
    app.databases.use(try config.database.configuration(), as: DatabaseID(string: "main"))
    app.migrations.add(TryoutMigrations.all)

    // Big enough for any form or JSON body here; upload routes set their own limits.
    app.routes.defaultMaxBodySize = "256kb"
    ContentConfiguration.global.use(encoder: LowercaseIDEncoder(), for: .json)
    app.http.server.configuration.hostname = "127.0.0.1"
    app.http.server.configuration.port = 8080
    // A body trickled byte by byte (or a connection left open doing nothing) would hold a
    // connection and its buffers for ever.
    app.http.server.configuration.idleTimeout = .milliseconds(Int64(config.idleTimeout * 1000))

    // Order matters: errors are rendered outermost so every failure, even in the other
    // middleware, becomes a page or a problem document carrying the security headers.
    app.middleware = Middlewares()
    app.middleware.use(MetricsMiddleware(registry: app.metrics))
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ErrorMiddleware())
    app.middleware.use(MethodNotAllowedMiddleware())

    try app.register(collection: ServiceController())
    try app.register(collection: AccountsAPIController())
    try app.register(collection: OrganizationsAPIController())
    try app.register(collection: WebhooksAPIController())
    try app.register(collection: ProjectsAPIController())
    try app.register(collection: SkillsAPIController())
    try app.register(collection: ProfileAPIController())
    try app.register(collection: ApplicationsAPIController())
    try app.register(collection: EngagementsAPIController(uploadLimit: config.uploadLimits.requestBytes))
    try app.register(collection: NotificationsAPIController())
    try app.register(collection: ReviewsAPIController())
    try app.register(collection: DisputesAPIController())
    try app.register(collection: EvaluationsAPIController())
    try app.register(collection: CalibrationAPIController())
    try app.register(collection: BillingAPIController())
    try app.register(collection: PayoutsAPIController())
    try app.register(collection: CredentialsAPIController())
    try app.register(collection: IssuerController())

    // Calendar apps fetch the feed without a session; the secret address is the credential.
    app.get(SiteURL.Engagements.calendarFeed(.key), use: CalendarController.feed)

    // Mail clients post one-click unsubscribes (RFC 8058) without a form token; the signed address is the credential.
    app.grouped(BrowserSessionMiddleware()).post(SiteURL.Notifications.unsubscribe(.key), use: UnsubscribeController.unsubscribe)

    let browser = app.grouped(BrowserSessionMiddleware(), CSRFMiddleware())
    browser.get(SiteURL.Notifications.unsubscribe(.key), use: UnsubscribeController.confirm)
    try browser.register(collection: SiteController())
    try browser.register(collection: ProjectPageController())
    try browser.register(collection: MarketplaceController())
    try browser.register(collection: AccountController())
    try browser.register(collection: EmailVerificationController())
    try browser.register(collection: MemberInvitationController())
    try browser.register(collection: OrganizationController())
    try browser.register(collection: ApplicationsController())
    try browser.register(collection: ApplicantsController())
    try browser.register(collection: StudentsController())
    try browser.register(collection: CredentialsController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: AuthoringController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: SettingsController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: NotificationPreferencesController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: WebhooksController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: ProfileController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: AdminController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: EngagementsController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: AgreementsController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: ActivityController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: OnboardingController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: CalendarController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: WorkController(uploadLimit: config.uploadLimits.requestBytes))
    try browser.grouped(RequireSignedInMiddleware()).register(collection: ReviewsController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: ReviewSettingsController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: CalibrationController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: DisputesController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: EvaluationsController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: BillingController())
    try browser.grouped(RequireSignedInMiddleware()).register(collection: PayoutsController())

    app.storage[FixedRoutes.self] = FixedRoutes.table(app.routes)

    app.asyncCommands.use(TryoutMigrateCommand(), as: "migrate")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(AdminCommand(), as: "admin")
    app.asyncCommands.use(TaxonomyCommand(), as: "taxonomy")
    app.asyncCommands.use(FilesCommand(), as: "files")
    app.asyncCommands.use(MailCommand(), as: "mail")
    app.asyncCommands.use(WorkerCommand(), as: "worker")
    app.asyncCommands.use(JobsCommand(), as: "jobs")
    app.asyncCommands.use(LedgerCommand(), as: "ledger")
    app.asyncCommands.use(KeysCommand(), as: "keys")
}

/// Pages that only make sense for a signed-in person send everyone else to sign in.
struct RequireSignedInMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        _ = try request.requireUser()
        return try await next.respond(to: request)
    }
}

extension Application {
    /// Tunes the database file, brings the schema up to date and makes sure the skills taxonomy is loaded.
    public func prepareDatabase() async throws {
        try await tryout.database.tune(db)
        try await autoMigrate()
        try await Taxonomy.loadBundledIfEmpty(on: db)
        // Listed in the DID document before anything is signed with it. A key that cannot be
        // read publishes nothing: `serve` and `worker` refuse to start then.
        if case .success(let credentials) = tryout.credentials {
            try await credentials.signer.publish(at: tryout.now(), on: db)
            try await IssueCredential.enqueueMissing(at: tryout.now(), on: db)
        }
    }

    /// Loads the demo world and returns what to tell the person who started the server.
    public func loadDemoData() async throws {
        let hash = try await PasswordHasher(application: self).hash(DemoData.password)
        try await DemoData.load(passwordHash: hash, at: tryout.now(), on: db)
    }

    /// The demo sign-ins, for the console.
    public static var demoSignInText: String {
        var lines = ["Demo sign-ins (password: \(DemoData.password)):"]
        for signIn in DemoData.signIns { lines.append("  \(signIn.email)  \(signIn.who)") }
        return lines.joined(separator: "\n")
    }
}
