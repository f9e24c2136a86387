import Foundation
import NIOConcurrencyHelpers
import Testing
import TryoutTestSupport
@testable import TryoutWeb
import Vapor

@Suite("Work repeated while serving")
struct RepeatedWorkTests {
    @Test("it runs again and again, a failed run does not stop it, and shutting down does")
    func repeatsUntilShutdown() async throws {
        try await withTestApp { t in
            let runs = NIOLockedValueBox(0)
            struct Failed: Error {}
            let work = RepeatedWork("counting", initialDelay: .zero, delay: .milliseconds(5)) { _ in
                let run = runs.withLockedValue { $0 += 1; return $0 }
                if run == 2 { throw Failed() }
            }
            try await work.didBootAsync(t.app)
            let deadline = Date().addingTimeInterval(10)
            while runs.withLockedValue({ $0 }) < 4 && Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
            work.shutdown(t.app)
            let stopped = runs.withLockedValue { $0 }
            #expect(stopped >= 4, "ran past the failed second run")
            try await Task.sleep(for: .milliseconds(100))
            #expect(runs.withLockedValue { $0 } <= stopped + 1, "at most the run under way when it stopped")
        }
    }

    /// The application clears its storage right after its handlers shut down: a run still under
    /// way then (the catalog watch waiting on the database) would read storage that is gone.
    @Test("shutting down waits for the run under way to end, and no run starts after it")
    func shutdownWaitsForTheRun() async throws {
        try await withTestApp { t in
            let events = NIOLockedValueBox<[String]>([])
            let work = RepeatedWork("slow", initialDelay: .zero, delay: .milliseconds(5)) { _ in
                events.withLockedValue { $0.append("start") }
                try? await Task.sleep(for: .milliseconds(300))
                events.withLockedValue { $0.append("end") }
            }
            try await work.didBootAsync(t.app)
            let deadline = Date().addingTimeInterval(10)
            while events.withLockedValue({ $0 }).isEmpty && Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
            await work.shutdownAsync(t.app)
            #expect(events.withLockedValue { $0 } == ["start", "end"])
            try await Task.sleep(for: .milliseconds(100))
            #expect(events.withLockedValue { $0 } == ["start", "end"])
        }
    }

    @Test("a failed run is logged as a warning; a run cut short by shutting down is not")
    func cutShortIsNoFailure() async throws {
        try await withTestApp { t in
            let log = LogCapture(logLevel: .warning)
            t.app.logger = Logger(label: "repeated work") { _ in log }
            let runs = NIOLockedValueBox(0)
            struct Failed: Error {}
            let work = RepeatedWork("waiting", initialDelay: .zero, delay: .milliseconds(5)) { _ in
                guard runs.withLockedValue({ $0 += 1; return $0 }) > 1 else { throw Failed() }
                try await Task.sleep(for: .seconds(60))
            }
            try await work.didBootAsync(t.app)
            let deadline = Date().addingTimeInterval(10)
            while runs.withLockedValue({ $0 }) < 2 && Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
            await work.shutdownAsync(t.app)
            #expect(runs.withLockedValue { $0 } == 2)
            let logged = log.messages(at: .warning)
            #expect(logged.count == 1 && logged.allSatisfy { $0.hasPrefix("waiting failed: ") && $0.hasSuffix("Failed()") }, "\(logged)")
        }
    }
}

