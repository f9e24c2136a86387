import Foundation
import NIOConcurrencyHelpers
import TryoutCore
import Vapor

/// The applicant tables this process has rendered, each kept with the version of its project's
/// list it was read at (`ScreeningService.listedProject`). A table is served only while the
/// database still has that version, which its triggers raise with every change a row could show:
/// a change made by any server is seen on the next view. Who may see a project's applicants is
/// decided before a table is looked up, and a table holds nothing that differs between the people
/// who may: whether rows can be chosen is part of its key.
///
/// Bounded in count, so paging through every project cannot grow it without end.
final class ApplicantTables: Sendable {
    struct Key: Hashable, Sendable {
        var project: ProjectID
        var states: [ApplicationState]
        var sort: ApplicantSort
        var page: Int
        var selectable: Bool
        /// Names show or not as the project's screening says, which is the project's, not the list's.
        var blind: Bool
        /// The working hours' overlap is measured on the day of the view, as clocks change.
        var day: Int

        init(project: ProjectID, states: [ApplicationState], sort: ApplicantSort, page: Int, selectable: Bool, blind: Bool, on now: Date) {
            (self.project, self.states, self.sort, self.page, self.selectable, self.blind) = (project, states, sort, page, selectable, blind)
            day = Int((now.timeIntervalSince1970 / 86_400).rounded(.down))
        }
    }

    private struct Entry {
        var version: Int
        var table: ApplicantTable
        var used: UInt64
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let capacity: Int
    private let state = NIOLockedValueBox(State())

    /// At 35 KB for a full page, the default holds about 18 MB.
    init(capacity: Int = 512) {
        self.capacity = capacity
    }

    /// The table kept for `key` if it was read at `version`; nil tells the caller to build it.
    func table(_ key: Key, version: Int) -> ApplicantTable? {
        state.withLockedValue { state in
            guard var entry = state.entries[key], entry.version == version else { return nil }
            state.clock += 1
            entry.used = state.clock
            state.entries[key] = entry
            return entry.table
        }
    }

    /// Keeps a table read at `version` (read before the table was), replacing any older one.
    func keep(_ table: ApplicantTable, _ key: Key, version: Int) {
        state.withLockedValue { state in
            if let kept = state.entries[key], kept.version > version { return }
            state.clock += 1
            state.entries[key] = Entry(version: version, table: table, used: state.clock)
            guard state.entries.count > capacity else { return }
            // Down to nine tenths at once, least recently used first, so the sort runs once in
            // many new tables rather than on each.
            let excess = state.entries.count - capacity * 9 / 10
            for key in state.entries.sorted(by: { $0.value.used < $1.value.used }).prefix(excess).map(\.key) {
                state.entries[key] = nil
            }
        }
    }

    var count: Int { state.withLockedValue { $0.entries.count } }
}

extension Application {
    private struct ApplicantTablesKey: StorageKey {
        typealias Value = ApplicantTables
    }

    var applicantTables: ApplicantTables {
        get { configured(ApplicantTablesKey.self) }
        set { storage[ApplicantTablesKey.self] = newValue }
    }
}
