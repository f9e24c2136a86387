import Foundation
import NIOConcurrencyHelpers
import Vapor

/// What this process has read or rendered for a kind of page, each kept with the version the
/// database had for it when it was read: the applicants list's tables, engagements' overviews and
/// threads. A value is served only while the database still has that version, which its triggers
/// raise with every change the value could show, so a change made by any server is seen on the
/// next view. Who may see a page is decided before anything is looked up here, and a value holds
/// nothing that differs between the people who may (what does is part of its key, or is added to
/// it on every view).
///
/// Bounded in count, so visiting every project or engagement cannot grow it without end.
final class KeptByVersion<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var version: Int
        var value: Value
        var used: UInt64
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let capacity: Int
    private let state = NIOLockedValueBox(State())

    init(capacity: Int = 512) {
        self.capacity = capacity
    }

    /// The value kept for `key` if it was read at `version`; nil tells the caller to read it.
    func value(_ key: Key, version: Int) -> Value? {
        state.withLockedValue { state in
            guard var entry = state.entries[key], entry.version == version else { return nil }
            state.clock += 1
            entry.used = state.clock
            state.entries[key] = entry
            return entry.value
        }
    }

    /// Keeps a value read at `version` (read before the value was: a change that lands meanwhile
    /// leaves it marked with the older version, so the next view reads it again), replacing any
    /// older one.
    func keep(_ value: Value, _ key: Key, version: Int) {
        state.withLockedValue { state in
            if let kept = state.entries[key], kept.version > version { return }
            state.clock += 1
            state.entries[key] = Entry(version: version, value: value, used: state.clock)
            guard state.entries.count > capacity else { return }
            // Down to nine tenths at once, least recently used first, so the sort runs once in
            // many new values rather than on each.
            let excess = state.entries.count - capacity * 9 / 10
            for key in state.entries.sorted(by: { $0.value.used < $1.value.used }).prefix(excess).map(\.key) {
                state.entries[key] = nil
            }
        }
    }

    var count: Int { state.withLockedValue { $0.entries.count } }
}

extension Application {
    /// Where `configure(app)` puts the values kept for one kind of page.
    private struct KeptByVersionKey<K: Hashable & Sendable, V: Sendable>: StorageKey {
        typealias Value = KeptByVersion<K, V>
    }

    /// The values kept for one kind of page, as the type asked for says.
    func kept<K, V>() -> KeptByVersion<K, V> {
        configured(KeptByVersionKey<K, V>.self)
    }

    func keep<K, V>(_ store: KeptByVersion<K, V>) {
        storage[KeptByVersionKey<K, V>.self] = store
    }
}
