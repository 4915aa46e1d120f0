import FellowshipCore

/// What the run use cases (`RunUseCases`) need of a store: reads of what is committed, and
/// writes that are each one transaction. `RunStore` keeps these in SQLite, `MemoryStore` in
/// memory; the use cases (deciding, declining, margins) are written once over this protocol.
protocol RunPersistence: Sendable {
    /// Awards committed for `financialYear` at meetings other than `excludingMeeting`, per
    /// person (only `persons`; nil: everyone): the awards of each other meeting's current run,
    /// less recorded declines (see `RunStore.committedAwards`).
    func committedAwards(financialYear: Int, excludingMeeting: String, persons: Set<String>?) throws
        -> [String: PriorAwards]

    /// Commits `run` whole (rows and events) in one transaction, unless `check` fails inside
    /// it: nil when the awards it counted changed meanwhile (the caller solves again), and
    /// `StoreError(.conflict)` when the run it follows up is no longer current.
    func commit(_ run: PendingRun, check: CommitCheck) throws -> WrittenRun?

    /// Throws `StoreError(.conflict)` when a later run of the same meeting replaced `run`.
    func requireCurrent(_ run: StoredRun) throws

    /// A stored run with its stored margins applied.
    func loadRun(id: String) throws -> StoredRun

    /// The stored margins of `run`, by rank.
    func storedMargins(of run: StoredRun) throws -> [Int: MarginResult]

    /// Writes the margins of `run` not stored yet, each with its `margin` event, in one
    /// transaction; returns how many were written.
    @discardableResult
    func insertMargins(_ results: [MarginResult], of run: StoredRun) throws -> Int
}

/// What must still hold when a run is committed (checked inside the commit's transaction).
struct CommitCheck: Sendable {
    /// The financial year, meeting and persons whose committed awards the run counted.
    var financialYear: Int
    var meetingID: String
    var persons: Set<String>?
    /// The awards counted when the run was solved.
    var counted: [String: PriorAwards]
    /// The run this one follows up (a decline's parent), which must still be current.
    var parent: StoredRun?
}
