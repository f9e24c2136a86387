import ConsoleKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

extension Application {
    /// Runs the command line. Serving migrates first and, in development on an empty
    /// database, loads the demo data; production never loads it.
    public func runTryout() async throws {
        let command = environment.arguments.dropFirst().first { !$0.hasPrefix("-") } ?? "serve"
        if command == "serve" || command == "worker" {
            try requireMail()
            if case .failure(let problem) = tryout.payments { throw Abort(.internalServerError, reason: problem.message) }
            if case .failure(let problem) = tryout.credentials { throw Abort(.internalServerError, reason: problem.message) }
        }
        if command == "serve" {
            useServingWork()
            try await prepareDatabase()
            if environment != .production, try await DemoData.isEmpty(on: db) {
                try await loadDemoData()
                logger.notice("Loaded demo data.\n\(Application.demoSignInText)")
            }
        }
        try await execute()
    }

    /// What a serving process does beside answering requests, from the moment it boots: the
    /// hourly housekeeping, the catalog watch when pages are kept, and the job workers.
    func useServingWork() {
        lifecycle.use(RepeatedWork("housekeeping", initialDelay: .seconds(5), delay: Housekeeping.interval, run: Housekeeping.run))
        if tryout.pageCacheLifetime > 0 {
            lifecycle.use(RepeatedWork("reading the catalog's version", initialDelay: .zero, delay: CatalogWatch.interval,
                                       run: CatalogWatch.check))
        }
        if tryout.workers > 0 { lifecycle.use(JobWorkersLifecycle(count: tryout.workers)) }
    }
}

struct TryoutMigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Brings the database schema up to date (the server also does this when it starts)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.prepareDatabase()
        context.console.print("Database is up to date (\(context.application.tryout.database.driverName)).")
    }
}

struct FilesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "sweep: remove uploaded files no version refers to, older than an hour.")
        var action: String
    }

    var help: String { "Looks after the files in the data directory (`files sweep`; serving also sweeps at start and hourly)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "sweep" else { throw Abort(.badRequest, reason: "Unknown action \(signature.action); try `files sweep`.") }
        try await context.application.prepareDatabase()
        let removed = try await Housekeeping.sweepFiles(context.application)
        context.console.print("Removed \(removed) unreferenced file\(removed == 1 ? "" : "s").")
    }
}

struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "projects", help: "Also generate this many published projects from the ESCO occupations.")
        var projects: Int?

        @Option(name: "candidates", help: "Also generate this many candidates with ESCO skills.")
        var candidates: Int?

        @Option(name: "applicants", help: "Have this many of the generated candidates apply to Bruno's project at Northwind.")
        var applicants: Int?

        @Option(name: "messages", help: "Add this many messages to Bruno's engagement at Northwind.")
        var messages: Int?
    }

    var help: String { "Loads the demo organizations, people and projects; --projects N --candidates M add a synthetic data set of any size, --applicants and --messages a busy day at Northwind." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        if try await DemoData.isEmpty(on: app.db) {
            try await app.loadDemoData()
            context.console.print(Application.demoSignInText)
        } else {
            context.console.print("The database already has accounts, so the demo organizations were not loaded again.")
        }
        let projects = max(0, signature.projects ?? 0)
        let candidates = max(0, signature.candidates ?? 0)
        if projects + candidates > 0 {
            let started = ContinuousClock.now
            let bar = context.console.progressBar(title: "Generating")
            bar.start()
            let hash = try await PasswordHasher(application: app).hash(DemoData.password)
            try await SyntheticData.generate(projects: projects, candidates: candidates, passwordHash: hash, at: app.tryout.now(),
                                             on: app.db) { stage, done in
                bar.activity.title = stage
                bar.activity.currentProgress = done
            }
            bar.succeed()
            context.console.print("Generated \(projects) projects and \(candidates) candidates in \(ContinuousClock.now - started).")
        }
        try await DemoCrowd.add(applicants: max(0, signature.applicants ?? 0), messages: max(0, signature.messages ?? 0),
                                at: app.tryout.now(), on: app.db)
    }
}

struct AdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create")
        var action: String

        @Option(name: "email", help: "The administrator's e-mail address.")
        var email: String?

        @Option(name: "name", help: "The administrator's name (default: Platform admin).")
        var name: String?
    }

    var help: String { "tryout admin create --email E: creates a platform administrator (password from stdin or a prompt)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else { throw CommandError.invalidArgumentType("action", type: String.self) }
        let app = context.application
        guard let email = EmailAddress(signature.email ?? "") else {
            context.console.error("Give a valid address with --email.")
            throw CommandError.missingRequiredArgument("email")
        }
        var v = Validator()
        let name = v.name(signature.name ?? "Platform admin", "name", label: "The name")
        if let problem = v.errors.first?.message {
            context.console.error(problem)
            throw Abort(.unprocessableEntity, reason: problem)
        }
        let password = Self.readPassword(context.console)
        if let problem = PasswordPolicy.problem(with: password, email: email.value) {
            context.console.error(problem)
            throw Abort(.unprocessableEntity, reason: problem)
        }
        try await app.prepareDatabase()
        let hash = try await PasswordHasher(application: app).hash(password)
        _ = try await Accounts.createUser(email: email, displayName: name, passwordHash: hash,
                                          isPlatformAdmin: true, verified: true, at: app.tryout.now(), on: app.db)
        context.console.print("Created platform admin \(email.value).")
    }

    /// A prompt without echo on a terminal; the first line of standard input otherwise.
    private static func readPassword(_ console: any Console) -> String {
        if isatty(STDIN_FILENO) == 1 {
            return console.ask("Password:", isSecure: true)
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
