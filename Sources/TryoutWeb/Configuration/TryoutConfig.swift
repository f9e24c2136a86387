import Foundation
import TryoutApp
import TryoutCore
import TryoutStore
import Vapor

/// Everything that differs between a laptop, production and a test, read once at start-up.
/// Each field names the environment variable it comes from; the README lists them all.
public struct TryoutConfig: Sendable {
    /// `TRYOUT_DATA_DIR`: where the SQLite file lives (default `./data`, created if missing).
    public var dataDirectory: String
    /// `DATABASE_URL` (PostgreSQL) or the SQLite file in the data directory.
    public var database: DatabaseTarget
    /// `TRYOUT_PUBLIC_URL`: the address people use, for links in e-mails and `Secure` cookies.
    public var publicURL: String
    /// `TRYOUT_BCRYPT_COST`: work factor of password hashes (default 12; never lower in production).
    public var bcryptCost: Int
    /// `TRYOUT_TRUST_PROXY`: read the client address from `X-Forwarded-For` (only behind a proxy you run).
    public var trustProxy: Bool
    /// `TRYOUT_LOG_MAIL`: mail that goes to the log shows its text (default on outside production,
    /// and with `TRYOUT_MAIL=log`); off, the log says only who got what subject.
    public var logMail: Bool
    /// How mail leaves: SMTP, the log, or a test's transport (see `MailSettings`).
    public var mail: MailSettings
    /// `TRYOUT_SESSION_HOURS`: how long a signed-in session lasts without use (default 24 × 14).
    public var sessionLifetime: TimeInterval
    public var loginThrottle: LoginThrottle
    /// `TRYOUT_UPLOAD_FILE_MB` (default 25) and `TRYOUT_UPLOAD_ENGAGEMENT_MB` (default 250): the
    /// largest file a candidate may hand in, and what one engagement may store in all.
    public var uploadLimits: UploadLimits
    /// `TRYOUT_METRICS_TOKEN`: the bearer token `/metrics` asks for. Nil leaves `/metrics` open,
    /// which only development does: in production an unset token keeps it closed.
    public var metricsToken: String?
    /// Whether `/metrics` answers without a token (development and tests).
    public var metricsOpen: Bool
    /// `TRYOUT_BODY_IDLE_SECONDS`: a connection that sends nothing for this long, in the middle
    /// of a request body or between requests, is closed (default 30).
    public var idleTimeout: TimeInterval
    /// Where submitted files are kept: `files/` in the data directory unless a test swaps it.
    public var fileStorage: any FileStorage
    /// The clock every decision reads; tests move it.
    public var now: @Sendable () -> Date
    /// `TRYOUT_WORKERS`: job workers `tryout serve` runs beside the web server (default 2; 0 leaves
    /// background work to `tryout worker` processes). Tests run jobs themselves, so the plain
    /// initializer starts none.
    public var workers: Int
    /// `TRYOUT_JOB_LEASE_SECONDS`: how long a job stays with the worker that claimed it before it
    /// is taken for dead and the job runs again elsewhere (default 300).
    public var jobLease: TimeInterval
    /// The fee, the payout rules and the key that seals payout details (see `PaymentSettings.fromEnvironment`);
    /// a setting that cannot be read stops the server at start-up rather than charge or pay a typo.
    public var payments: Result<PaymentSettings, SettingsProblem>
    /// The issuer's DID and signing key (see `CredentialSettings.fromEnvironment`); like payments,
    /// a key that cannot be read stops the server at start-up.
    public var credentials: Result<CredentialSettings, SettingsProblem>
    /// `TRYOUT_PAGE_CACHE_MS`: how long each process keeps the pages anonymous visitors share
    /// (default 1000, at most 1000 so a publication shows within two seconds; 0 keeps none).
    /// While serving, a page the catalog has not changed since is kept for up to a minute
    /// (`CatalogWatch`). Tests keep none unless they test the cache.
    public var pageCacheLifetime: TimeInterval

    public init(dataDirectory: String = "./data", database: DatabaseTarget, publicURL: String = "http://127.0.0.1:8080",
                bcryptCost: Int = 12, trustProxy: Bool = false, logMail: Bool = true,
                sessionLifetime: TimeInterval = 14 * 24 * 3600, loginThrottle: LoginThrottle = .init(),
                uploadLimits: UploadLimits = .init(), metricsToken: String? = nil, metricsOpen: Bool = true,
                idleTimeout: TimeInterval = 30, fileStorage: (any FileStorage)? = nil,
                now: @escaping @Sendable () -> Date = Date.init, workers: Int = 0, jobLease: TimeInterval = 300,
                mail: MailSettings = .log, payments: Result<PaymentSettings, SettingsProblem> = .success(.init()),
                credentials: Result<CredentialSettings, SettingsProblem>? = nil, pageCacheLifetime: TimeInterval = 0) {
        self.dataDirectory = dataDirectory
        self.database = database
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.bcryptCost = bcryptCost
        self.trustProxy = trustProxy
        self.logMail = logMail
        self.mail = mail
        self.sessionLifetime = sessionLifetime
        self.loginThrottle = loginThrottle
        self.uploadLimits = uploadLimits
        self.metricsToken = metricsToken
        self.metricsOpen = metricsOpen
        self.idleTimeout = idleTimeout
        self.fileStorage = fileStorage ?? DiskFileStorage(root: URL(fileURLWithPath: dataDirectory).appendingPathComponent("files").path)
        self.now = now
        self.workers = max(0, workers)
        self.jobLease = max(1, jobLease)
        self.payments = payments
        self.pageCacheLifetime = min(1, max(0, pageCacheLifetime))
        self.credentials = credentials ?? CredentialSettings.fromEnvironment(dataDirectory: dataDirectory, publicURL: self.publicURL)
    }

    /// Reads the process environment; unset variables take the safe defaults above.
    public static func fromEnvironment(_ environment: Environment) -> TryoutConfig {
        let dataDirectory = Environment.get("TRYOUT_DATA_DIR").flatMap { $0.isEmpty ? nil : $0 } ?? "./data"
        let isProduction = environment == .production
        let mail = MailSettings.fromEnvironment(isProduction: isProduction)
        return TryoutConfig(
            dataDirectory: dataDirectory,
            database: .from(databaseURL: Environment.get("DATABASE_URL"), dataDirectory: dataDirectory),
            publicURL: Environment.get("TRYOUT_PUBLIC_URL") ?? "http://127.0.0.1:8080",
            bcryptCost: max(isProduction ? 12 : 4, Environment.get("TRYOUT_BCRYPT_COST").flatMap(Int.init) ?? 12),
            trustProxy: Environment.get("TRYOUT_TRUST_PROXY") == "1" || Environment.get("TRYOUT_TRUST_PROXY") == "true",
            logMail: Environment.get("TRYOUT_LOG_MAIL").map { $0 == "1" || $0 == "true" } ?? (!isProduction || mail.isLog),
            sessionLifetime: (Environment.get("TRYOUT_SESSION_HOURS").flatMap(Double.init) ?? 14 * 24) * 3600,
            uploadLimits: UploadLimits(perFile: megabytes("TRYOUT_UPLOAD_FILE_MB", 25), perEngagement: megabytes("TRYOUT_UPLOAD_ENGAGEMENT_MB", 250)),
            metricsToken: Environment.get("TRYOUT_METRICS_TOKEN").flatMap { $0.isEmpty ? nil : $0 },
            metricsOpen: !isProduction,
            idleTimeout: Environment.get("TRYOUT_BODY_IDLE_SECONDS").flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 30,
            workers: Environment.get("TRYOUT_WORKERS").flatMap(Int.init) ?? 2,
            jobLease: Environment.get("TRYOUT_JOB_LEASE_SECONDS").flatMap(Double.init) ?? 300,
            mail: mail,
            payments: PaymentSettings.fromEnvironment(dataDirectory: dataDirectory),
            pageCacheLifetime: (Environment.get("TRYOUT_PAGE_CACHE_MS").flatMap(Double.init) ?? 1000) / 1000
        )
    }

    private static func megabytes(_ name: String, _ fallback: Int) -> Int {
        (Environment.get(name).flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? fallback) << 20
    }

    /// The payment settings, or the defaults for commands that run while a setting is wrong
    /// (`serve` and `worker` refuse to start then).
    public var paymentSettings: PaymentSettings { (try? payments.get()) ?? .init() }

    /// The credential settings, or for commands that run while the key is wrong, a key of the
    /// moment that signs nothing anyone keeps (`serve` and `worker` refuse to start then).
    public var credentialSettings: CredentialSettings {
        (try? credentials.get()) ?? CredentialSettings(did: DIDWeb(publicURL: "http://127.0.0.1")!, baseURL: publicURL,
                                                       signer: CredentialSigner(key: .init()))
    }

    /// Cookies get `Secure` whenever people reach the site over https.
    public var secureCookies: Bool { publicURL.lowercased().hasPrefix("https://") }
}

extension Application {
    private struct ConfigKey: StorageKey {
        typealias Value = TryoutConfig
    }

    public var tryout: TryoutConfig {
        get { configured(ConfigKey.self) }
        set { storage[ConfigKey.self] = newValue }
    }
}

extension Request {
    var tryout: TryoutConfig { application.tryout }
    var now: Date { application.tryout.now() }

    /// The client address used for throttling, signatures and the audit log. Behind a proxy it is
    /// the last `X-Forwarded-For` entry, the one the proxy added: the client writes the rest.
    var clientIP: String {
        if application.tryout.trustProxy, let forwarded = headers["X-Forwarded-For"].last?
            .split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !forwarded.isEmpty {
            return forwarded
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}

extension Application {
    /// A value `configure(app)` stores; one read before it ran is a mistake in the program.
    func configured<Key: StorageKey>(_ key: Key.Type) -> Key.Value {
        guard let value = storage[key] else { fatalError("configure(app) has not run") }
        return value
    }
}
