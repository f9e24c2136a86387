import NIOCore
import NIOPosix
import TryoutWeb
import Vapor

// Request handlers then run on the event loops that do the network and database I/O, not on a
// pool of their own: each statement a page runs no longer wakes another thread to resume it
// (Benchmarks/README.md, tenth round). Vapor's own template does the same.
_ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
do {
    try await configure(app, .fromEnvironment(environment))
    try await app.runTryout()
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
