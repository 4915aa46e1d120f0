import FellowshipCore
import Foundation
import GRDB

/// The SQLite store of runs and their audit chain (docs/audit.md).
///
/// One value owns the database connection and brings the schema up to date with named,
/// never-edited migrations, as the GRDB demo's `AppDatabase` does. Every write is one
/// transaction: a run is stored whole or not at all, even when the process is killed.
///
/// ```swift
/// let store = try RunStore(path: "fellowship.sqlite")
/// let run = try store.allocate(sources)
/// let again = try store.loadRun(id: run.id)
/// ```
public struct RunStore: Sendable {
    /// The connection. `DatabaseQueue` serialises all access; SQLite's locks (with a busy
    /// timeout) serialise the processes that share the file.
    let writer: any DatabaseWriter
    /// The file, or nil for an in-memory store.
    public let path: String?

    /// The default store file, in the working directory.
    public static let defaultPath = "fellowship.sqlite"

    /// Opens (and, when `create` is true, creates) the store at `path` and migrates it.
    public init(path: String, create: Bool = true) throws {
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw StoreError(.noStore, "no store at \(path) (a store is created by `fellowship allocate --db \(path)`)")
        }
        let queue = try Self.database { try DatabaseQueue(path: path, configuration: Self.configuration()) }
        try self.init(writer: queue, path: path)
    }

    /// Opens (and creates) the store at `path` for a long-running server: a pool of SQLite
    /// connections in WAL mode, so that readers go on while a run is being written (each read
    /// sees the store as it was before or after a whole run, never half of one).
    public init(servingPath path: String) throws {
        let pool = try Self.database { try DatabasePool(path: path, configuration: Self.configuration()) }
        try self.init(writer: pool, path: path)
    }

    /// A store in memory, for tests.
    public static func inMemory() throws -> RunStore {
        try RunStore(writer: try database { try DatabaseQueue(configuration: configuration()) }, path: nil)
    }

    init(writer: any DatabaseWriter, path: String?) throws {
        self.writer = writer
        self.path = path
        try Self.database { try Self.migrator.migrate(writer) }
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        // Another process writing the same store: wait for it rather than fail at once.
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        return configuration
    }

    /// The names of the migrations applied to this store, in order.
    public func appliedMigrations() throws -> [String] {
        try read { db in try Self.migrator.appliedIdentifiers(db).sorted() }
    }

    /// Runs a read, turning SQLite failures into `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.database { try writer.read(body) }
    }

    /// Runs one write transaction (IMMEDIATE), turning SQLite failures into `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.database {
            try writer.writeWithoutTransaction { db in
                var value: T?
                try db.inTransaction(.immediate) {
                    value = try body(db)
                    return .commit
                }
                return value!
            }
        }
    }

    /// The one funnel from GRDB errors to `StoreError`; other errors pass through.
    static func database<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(.database, "the store failed: \(error.message ?? error.description)")
        }
    }
}

/// The SQLite store keeps the store's contract; its methods are in the `RunStore+…` files.
extension RunStore: ServiceStore {}
