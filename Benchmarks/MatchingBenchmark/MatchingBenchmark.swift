// Ranks the 50 best of 1,000,000 candidate profiles for one project, as "people to invite" does.
//
//   swift package benchmark --target MatchingBenchmark
//
// The profiles are synthetic and reproducible: 1,278 skills (as many as the bundled ESCO set)
// whose popularity falls off like real skills do, 2 to 8 skills each, a third of them proven by
// work, hours, dates and a dozen time zones. Each iteration ranks for the next of 64 projects.
import Benchmark
import Foundation
import TryoutCore

/// A small deterministic generator, so every run ranks the same people.
struct Draw {
    var state: UInt64

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }

    /// A skill, the popular ones more often: the share of people holding skill k falls like 1/k.
    mutating func skill() -> String {
        let u = Double(next(1_000_000) + 1) / 1_000_001
        return "skill-\(Int(pow(Double(skillCount), u)) - 1)"
    }
}

let skillCount = 1_278
let start = Date(timeIntervalSince1970: 1_780_000_000)
let zones = ["Europe/London", "Europe/Berlin", "Europe/Madrid", "America/New_York", "America/Chicago", "America/Los_Angeles",
             "America/Sao_Paulo", "Africa/Lagos", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney"]
    .compactMap(TimeZone.init(identifier:))

let pool: CandidatePool = {
    var draw = Draw(state: 42)
    var pool = CandidatePool()
    for index in 0..<1_000_000 {
        var skills: [String: MatchCandidate.Evidence] = [:]
        for _ in 0..<(2 + draw.next(7)) {
            skills[draw.skill()] = .init(selfRated: 1 + draw.next(4), verified: draw.next(3) == 0 ? 1 + draw.next(4) : nil)
        }
        let from = draw.next(2) == 0 ? start.addingTimeInterval(Double(draw.next(60) - 30) * 86400) : nil
        let candidate = MatchCandidate(skills: skills, hoursPerWeek: draw.next(6) == 0 ? nil : 2 + draw.next(30), availableFrom: from,
                                       availableTo: from.map { $0.addingTimeInterval(Double(14 + draw.next(60)) * 86400) },
                                       timeZone: draw.next(5) == 0 ? nil : zones[draw.next(zones.count)])
        pool.add(id: UUID(uuid: uuid_t(UInt8(index & 255), UInt8(index >> 8 & 255), UInt8(index >> 16 & 255), 0, 0, 0, 0, 0,
                                      0, 0, 0, 0, 0, 0, 0, 0)), candidate)
    }
    return pool
}()

let projects: [MatchProject] = {
    var draw = Draw(state: 7)
    return (0..<64).map { _ in
        var skills: [SkillRequirement] = []
        for required in [true, true, true, false, false] {
            let uri = draw.skill()
            if !skills.contains(where: { $0.uri == uri }) {
                skills.append(SkillRequirement(uri: uri, level: 1 + draw.next(4), required: required))
            }
        }
        let hours = 5 + draw.next(36)
        return MatchProject(skills: skills, estimatedHours: hours, durationWeeks: 1 + draw.next(8),
                            startDate: start.addingTimeInterval(Double(draw.next(30)) * 86400), locationMode: .remote,
                            timeZone: zones[draw.next(zones.count)])
    }
}()

/// Which project the next iteration ranks for; benchmarks run one at a time.
nonisolated(unsafe) var nextProject = 0

let benchmarks: @Sendable () -> Void = {
    Benchmark("Top 50 of 1,000,000 candidates for one project",
              configuration: .init(metrics: [.wallClock, .mallocCountTotal], timeUnits: .milliseconds, warmupIterations: 4,
                                   maxDuration: .seconds(30), maxIterations: 256,
                                   setup: { blackHole(pool.count) })) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(pool.top(50, for: projects[nextProject % projects.count]))
            nextProject += 1
        }
    }
}
