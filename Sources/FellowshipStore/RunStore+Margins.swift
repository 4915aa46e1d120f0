public import FellowshipCore
import Foundation
import GRDB

/// Margins stored after their run (issue #12).
///
/// A run's decisions are committed as soon as the allocation is decided; the margins of
/// MODEL.md section 6 follow, each stored whole (value, method, the alternative allocation) in
/// its own row with its own `margin` event, a batch per transaction. So a run is never held up
/// by its margins, a killed margin phase loses at most the batch in flight, and any margin,
/// once computed (by the margin phase, `fellowship margins`, an explanation or a waitlist), is
/// read back instead of being solved again.
extension RunStore {
    /// The tables of migration `v3-margins`; both are append-only like the tables of v1.
    static let marginTables = ["margin_phases", "margins"]

    /// The columns of `margins` in the order they are hashed (`margin_sha256` of the event).
    static let marginColumns = MarginRecord.CodingKeys.allCases.map(\.rawValue)

    /// How many margins are written per transaction by the margin phase: two per core, so that
    /// a kill loses little work (on the 1,500-application meeting a margin takes about 10
    /// CPU-seconds, and a batch of 16 was 80 s of work) and progress moves, while every core
    /// stays busy and the commits (a few milliseconds each) cost little.
    static var marginBatch: Int { max(4, 2 * ProcessInfo.processInfo.activeProcessorCount) }

    /// Stores the margins computed on several threads in the order they were handed out:
    /// each result waits until every earlier one is there, then the ready prefix is written
    /// (serialised by the lock).
    final class MarginFlush: @unchecked Sendable {
        private let lock = NSLock()
        private var waiting: [Int: [MarginResult]] = [:]
        private var next = 0
        private var flushes = 0
        private var done: Int
        private let requested: Set<Int>
        private let total: Int
        private let progress: ProgressReporter?

        init(requested: Set<Int>, done: Int, total: Int, progress: ProgressReporter?) {
            self.requested = requested
            self.done = done
            self.total = total
            self.progress = progress
        }

        /// Whether the write under way is the first one (asked inside `write`).
        func isFirst() -> Bool { flushes == 1 }

        func add(_ results: [MarginResult], at position: Int, write: ([MarginResult]) throws -> Void) throws {
            lock.lock()
            defer { lock.unlock() }
            waiting[position] = results
            var ready: [MarginResult] = []
            while let results = waiting.removeValue(forKey: next) {
                ready += results
                next += 1
            }
            guard !ready.isEmpty else { return }
            flushes += 1
            try write(ready)
            done += ready.filter { requested.contains($0.rank) }.count
            progress?(RunProgress(.margins, done: min(done, total), total: total))
        }
    }

    /// Test hook (docs/audit.md): when the environment variable names a number of seconds, a
    /// process storing margins announces on stderr that it stored its first batch and sleeps
    /// that long, so a test can kill it in the middle of a margin phase.
    static let marginPauseVariable = "FELLOWSHIP_MARGIN_TEST_PAUSE_SECONDS"

    /// Migration `v3-margins`.
    ///
    /// `margin_phases` names the runs whose margins are computed after their decisions (with
    /// the number of candidates, so a store knows which runs are incomplete); `margins` holds one
    /// row per computed margin. `changes` is the alternative allocation written as its
    /// differences from the published one (`[[rank, "ticket"|"dsa"|null], …]`), so a row stays
    /// small at any size of meeting.
    static let marginSchema = """
        CREATE TABLE margin_phases (
            run_id TEXT PRIMARY KEY NOT NULL REFERENCES runs(id),
            candidates INTEGER NOT NULL CHECK (candidates >= 0),
            created_at TEXT NOT NULL
        );
        CREATE TABLE margins (
            run_id TEXT NOT NULL REFERENCES runs(id),
            rank INTEGER NOT NULL CHECK (rank >= 0),
            application_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('to_be_awarded', 'to_keep_award')),
            value REAL,
            optimum REAL NOT NULL,
            alternative_optimum REAL,
            method TEXT NOT NULL CHECK (method IN ('tie_found', 'solved', 'no_feasible_allocation')),
            exact INTEGER NOT NULL,
            changes TEXT,
            seconds REAL NOT NULL,
            computed_at TEXT NOT NULL,
            PRIMARY KEY (run_id, rank)
        );
        """

    /// The append-only triggers of the v3 tables (`audit verify` expects them too).
    static var marginTriggerSQL: String {
        marginTables.map { table in
            """
            CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(table) is append-only: UPDATE refused'); END;
            CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(table) is append-only: DELETE refused'); END;
            """
        }.joined(separator: "\n")
    }

    /// The margins of `ranks` of `run` (in the order given): those stored are read back, the
    /// others are computed in parallel and stored, a batch per transaction, as they complete.
    /// `progress` counts the stored ones as done. The result does not depend on what was
    /// stored before: a stored margin is the one `MarginCalculator` computed for the same run.
    /// - Parameter stop: asked before each batch; when it answers true the work stops there and
    ///   only the margins known by then are returned (those not computed stay pending).
    public func margins(
        of run: StoredRun, ranks: [Int], progress: ProgressReporter? = nil, stop: (@Sendable () -> Bool)? = nil
    ) throws -> [MarginResult] {
        let stored = try storedMargins(of: run)
        let work = MarginWork(result: run.result, base: run.conditions)
        let missing = Array(Set(ranks).subtracting(stored.keys)).sorted()
        let total = Set(ranks).count
        progress?(RunProgress(.margins, done: total - missing.count, total: total))
        // Clones of a stored margin need no solve (`CloneClasses`): they are stored first.
        let fromStored = missing.filter { work.toCompute([$0], known: stored).isEmpty }
        if !fromStored.isEmpty {
            try insertMargins(work.assemble(fromStored, known: stored, computed: []), of: run)
        }
        // The other classes' representatives are computed on every core without a barrier
        // between batches (a slow margin does not leave the other cores idle), each from the
        // run alone (`MarginWork.compute`), so what is computed does not depend on thread
        // timing or on the margins stored before. Results are stored in the order of `representatives`, each with the
        // clones asked for, as soon as everything before it is done: the chain's order is
        // deterministic, and a kill loses only the margins not yet stored.
        let representatives = work.toCompute(missing, known: stored)
        var members: [Int: [Int]] = [:]
        for rank in missing where !fromStored.contains(rank) {
            members[work.representative(rank), default: []].append(rank)
        }
        let membersOf = members
        let flush = MarginFlush(
            requested: Set(ranks), done: total - missing.count + fromStored.count, total: total, progress: progress)
        let pause = ProcessInfo.processInfo.environment[Self.marginPauseVariable].flatMap(Double.init)
        _ = try ParallelWork.map(count: representatives.count) { position -> Bool in
            if let stop, stop() { return false }
            let margin = try work.computeOne(representatives[position])
            let representative = representatives[position]
            let members = (membersOf[representative] ?? []).filter { $0 != representative }
            let batch = [margin] + work.assemble(members, known: [:], computed: [margin])
            try flush.add(batch, at: position) { ready in
                try self.insertMargins(ready, of: run)
                if flush.isFirst(), let pause {
                    FileHandle.standardError.write(Data("fellowship: test pause in the margin phase\n".utf8))
                    Thread.sleep(forTimeInterval: pause)
                }
            }
            return true
        }
        let known = try storedMargins(of: run)
        // Every rank is known unless `stop` ended the work early.
        return ranks.compactMap { known[$0] }
    }

    /// Computes and stores every margin of `run` that is not stored yet (the margin phase, or
    /// its completion after an interruption) and returns the run with its margins.
    /// - Parameter stop: asked before each batch (the service stops the margin phase of a run
    ///   whose meeting has started another); the margins not computed then stay pending, to be
    ///   completed on demand, by `fellowship margins`, or when the service next starts.
    public func completeMargins(
        of run: StoredRun, progress: ProgressReporter? = nil, stop: (@Sendable () -> Bool)? = nil
    ) throws -> StoredRun {
        let all = Array(run.result.problem.candidates.indices)
        let results = try margins(of: run, ranks: all, progress: progress, stop: stop)
        var completed = run
        for result in results { completed.margins[result.rank] = result.margin.value }
        completed.pendingMargins = all.count - results.count
        return completed
    }

    /// How many margins of `runID` are stored.
    public func storedMarginCount(runID: String) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM margins WHERE run_id = ?", arguments: [runID]) ?? 0
        }
    }

    /// The runs whose margin phase has not finished (interrupted, or still going on in another
    /// process), oldest first.
    public func runsWithPendingMargins() throws -> [String] {
        try read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT p.run_id FROM margin_phases p JOIN runs r ON r.id = p.run_id
                    WHERE p.candidates > (SELECT COUNT(*) FROM margins m WHERE m.run_id = p.run_id)
                    ORDER BY r.number
                    """)
        }
    }

    /// The stored margins of `run`, by rank, rebuilt with their alternative allocations.
    func storedMargins(of run: StoredRun) throws -> [Int: MarginResult] {
        let rows = try read { db in
            try Self.decoded(run.id) {
                try MarginRecord.fetchAll(
                    db, sql: "SELECT * FROM margins WHERE run_id = ? ORDER BY rank", arguments: [run.id])
            }
        }
        let problem = run.result.problem
        var results: [Int: MarginResult] = [:]
        for row in rows {
            let rank = row.rank
            guard rank < problem.candidates.count, row.applicationID == problem.candidates[rank].id,
                let kind = Margin.Kind(rawValue: row.kind), let method = MarginResult.Method(rawValue: row.method)
            else {
                throw StoreError(.corrupt, "run \(run.id): a stored margin does not belong to the run's candidates")
            }
            var alternative: Allocation?
            if let text = row.changes {
                alternative = try Self.applying(text, to: run.result.allocation, run: run.id)
            }
            results[rank] = MarginResult(
                rank: rank,
                margin: Margin(
                    kind: kind, value: row.value, optimum: row.optimum, alternativeOptimum: row.alternativeOptimum,
                    isExact: row.exact),
                alternative: alternative, method: method, seconds: row.seconds)
        }
        return results
    }

    /// Writes the margins of `run` not stored yet, with one `margin` event each, in one
    /// transaction; returns how many were written. A margin another process stored meanwhile is
    /// skipped (it is the same margin).
    @discardableResult
    func insertMargins(_ results: [MarginResult], of run: StoredRun) throws -> Int {
        guard !results.isEmpty else { return 0 }
        let problem = run.result.problem
        return try write { db in
            let at = AuditChain.timestamp()
            var log = try ChainWriter(db: db, at: at)
            var written = 0
            for result in results.sorted(by: { $0.rank < $1.rank }) {
                let exists =
                    try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM margins WHERE run_id = ? AND rank = ?)",
                        arguments: [run.id, result.rank]) == true
                if exists { continue }
                let candidate = problem.candidates[result.rank]
                try MarginRecord(
                    runID: run.id, rank: result.rank, applicationID: candidate.id, kind: result.margin.kind.rawValue,
                    value: result.margin.value, optimum: result.margin.optimum,
                    alternativeOptimum: result.margin.alternativeOptimum, method: result.method.rawValue,
                    exact: result.margin.isExact,
                    changes: result.alternative.map { Self.changes($0, from: run.result.allocation) },
                    seconds: result.seconds, computedAt: at
                ).insert(db)
                let hash = try Self.marginHash(runID: run.id, rank: result.rank, in: db)!
                try log.append(
                    runID: run.id, .margin,
                    [
                        ("run", .string(run.id)), ("application", .string(candidate.id)),
                        ("rank", .integer(result.rank)),
                        ("kind", .string(result.margin.kind.rawValue)),
                        ("margin", result.margin.value.map(JSONValue.real) ?? .null),
                        ("method", .string(result.method.rawValue)), ("exact", .bool(result.margin.isExact)),
                        ("margin_sha256", .string(hash)),
                    ])
                written += 1
            }
            return written
        }
    }

    /// Fills `run.margins` from the `margins` table and counts the margins still to compute.
    func applyStoredMargins(to run: inout StoredRun, in db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT rank, value FROM margins WHERE run_id = ?", arguments: [run.id])
        for row in rows {
            let rank: Int = row["rank"]
            if rank < run.margins.count { run.margins[rank] = row["value"] }
        }
        if let candidates = try Int.fetchOne(
            db, sql: "SELECT candidates FROM margin_phases WHERE run_id = ?", arguments: [run.id])
        {
            run.pendingMargins = max(0, candidates - rows.count)
        }
    }

    /// Records that `runID`'s margins follow its decisions (inside the run's transaction).
    static func insertMarginPhase(runID: String, candidates: Int, at: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO margin_phases (run_id, candidates, created_at) VALUES (?, ?, ?)",
            arguments: [runID, candidates, at])
    }

    /// SHA-256 of the canonical JSON of one margin row, or nil when there is none.
    static func marginHash(runID: String, rank: Int, in db: Database) throws -> String? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT \(marginColumns.joined(separator: ", ")) FROM margins WHERE run_id = ? AND rank = ?",
                arguments: [runID, rank])
        else { return nil }
        return Hexadecimal.sha256(canonicalJSON(row, columns: marginColumns).compact)
    }

    /// `allocation` written as its differences from `published`.
    static func changes(_ allocation: Allocation, from published: Allocation) -> String {
        JSONValue.array(
            allocation.indices.compactMap { rank -> JSONValue? in
                guard allocation[rank] != published[rank] else { return nil }
                return .array([.integer(rank), allocation[rank].map { .string($0.rawValue) } ?? .null])
            }
        ).compact
    }

    /// `published` with the stored `changes` applied.
    static func applying(_ text: String, to published: Allocation, run: String) throws -> Allocation {
        guard let list = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[Any]] else {
            throw StoreError(.corrupt, "run \(run): a stored alternative allocation is not a JSON array")
        }
        var allocation = published
        for change in list {
            guard change.count == 2, let rank = int(change[0]), allocation.indices.contains(rank) else {
                throw StoreError(.corrupt, "run \(run): a stored alternative allocation names no candidate")
            }
            if change[1] is NSNull {
                allocation[rank] = nil
            } else if let name = change[1] as? String, let component = Component(rawValue: name) {
                allocation[rank] = component
            } else {
                throw StoreError(.corrupt, "run \(run): a stored alternative allocation names no component")
            }
        }
        return allocation
    }
}
