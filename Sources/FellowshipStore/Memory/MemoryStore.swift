public import FellowshipCore
import Foundation

/// The store's contract (`ServiceStore`) kept in memory: the second implementation, beside
/// `RunStore`, that the service's tests run against.
///
/// It keeps the same records as the SQLite tables (`MemoryTables`) and decides, declines and
/// computes margins through the same use cases (`RunUseCases`), so a run stored here has the
/// same decisions, margins and audit events, with the same payloads and hashes, as in a
/// SQLite store. Every write is all or nothing: it works on a copy of the tables that replaces
/// them only when the write succeeds. Nothing is kept on disk: it is for tests and trials, not
/// for decisions anyone relies on.
public final class MemoryStore: ServiceStore, @unchecked Sendable {
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var tables: MemoryTables

    /// An empty store.
    public init() { tables = MemoryTables() }

    private init(tables: MemoryTables) { self.tables = tables }

    /// An independent copy of the store as it is now (a seeded store shared by many tests).
    public func copy() -> MemoryStore {
        MemoryStore(tables: read { $0 })
    }

    /// Reads the tables under the lock.
    func read<T>(_ body: (MemoryTables) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(tables)
    }

    /// One write: `body` changes a copy of the tables, which replaces them only when it returns.
    func write<T>(_ body: (inout MemoryTables) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        var changed = tables
        let value = try body(&changed)
        tables = changed
        return value
    }
}
