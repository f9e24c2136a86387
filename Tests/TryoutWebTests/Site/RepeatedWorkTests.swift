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
}
