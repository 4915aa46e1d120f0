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

    /// The margins of `ranks` of `run`: stored ones read back, the others computed and stored
    /// as they complete (`RunUseCases.margins`).
    public func margins(
        of run: StoredRun, ranks: [Int], progress: ProgressReporter? = nil, stop: (@Sendable () -> Bool)? = nil
    ) throws -> [MarginResult] {
        try RunUseCases.margins(of: run, ranks: ranks, progress: progress, stop: stop, in: self)
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
    public func storedMargins(of run: StoredRun) throws -> [Int: MarginResult] {
        let rows = try read { db in
            try Self.decoded(run.id) {
                try MarginRecord.fetchAll(
                    db, sql: "SELECT * FROM margins WHERE run_id = ? ORDER BY rank", arguments: [run.id])
            }
        }
        return try Self.results(rows, of: run)
    }

    /// Stored margin rows of `run` read back as margins, with their alternative allocations.
    static func results(_ rows: [MarginRecord], of run: StoredRun) throws -> [Int: MarginResult] {
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
                try MarginRows.record(result, of: run, at: at).insert(db)
                let hash = try Self.marginHash(runID: run.id, rank: result.rank, in: db)!
                try log.append(MarginRows.entry(result, of: run, rowHash: hash))
                written += 1
            }
            return written
        }
    }

    /// The stored margin values of `runID` and its margin phase, read in the same
    /// transaction as the run's rows (`loadRun`).
    static func storedMarginValues(runID: String, in db: Database) throws -> StoredMarginValues {
        let rows = try Row.fetchAll(db, sql: "SELECT rank, value FROM margins WHERE run_id = ?", arguments: [runID])
        let phase = try Int.fetchOne(
            db, sql: "SELECT candidates FROM margin_phases WHERE run_id = ?", arguments: [runID])
        return StoredMarginValues(values: rows.map { ($0["rank"], $0["value"]) }, phase: phase)
    }

    /// Fills `run.margins` with stored margins (rank, value) and, for a run with a margin
    /// phase of `phase` candidates, counts the margins still to compute.
    static func apply(_ margins: [(rank: Int, value: Double?)], phase: Int?, to run: inout StoredRun) {
        for margin in margins where margin.rank < run.margins.count { run.margins[margin.rank] = margin.value }
        if let phase { run.pendingMargins = max(0, phase - margins.count) }
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

/// A run's stored margin values (rank, value) and the candidates of its margin phase, if any.
struct StoredMarginValues {
    var values: [(rank: Int, value: Double?)]
    var phase: Int?
}
