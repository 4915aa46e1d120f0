import FellowshipCore
import Foundation
import GRDB

/// Everything one stored run writes, settled before its transaction opens.
struct PendingRun: Sendable {
    var id: String
    var kind: RunKind
    var parentRunID: String?
    var sources: RunSources
    var committed: [String: PriorAwards]
    var declined: [String]
    var fixed: [String]
    var conditions: AllocationModel.Conditions
    var result: AllocationResult
    /// By rank; nil where the margin is null.
    var margins: [Double?]
    var marginSeconds: Double
    var startedAt: String
    var totalSeconds: Double
    /// The decline that this run follows up, written in the same transaction.
    var decline: PendingDecline?
    /// The margins follow the decisions (issue #12): `margins` are all nil here, and the run
    /// records a margin phase of all its candidates, completed later (`RunStore+Margins`).
    var marginsAfterCommit = false
}

/// What the transaction assigned to a run.
struct WrittenRun: Sendable {
    var number: Int
    var committedAt: String
}

struct PendingDecline: Sendable {
    var runID: String
    var applicationID: String
    var personID: String
}

extension RunStore {
    /// The columns of `runs` in the order they are hashed (docs/audit.md, "run_sha256").
    static let runColumns = RunRecord.CodingKeys.allCases.map(\.rawValue)

    /// The columns of `decisions` in the order they are hashed ("decisions_sha256").
    static let decisionColumns = DecisionRecord.CodingKeys.allCases.map(\.rawValue)

    /// Test hook (docs/audit.md): when the environment variable names a number of seconds,
    /// a storing process announces on stderr that it is inside its write transaction, halfway
    /// through the events, and sleeps that long, so a test can kill it there.
    static let pauseVariable = "FELLOWSHIP_STORE_TEST_PAUSE_SECONDS"

    /// Writes `run` inside the current transaction: its input snapshots, its rows
    /// (`RunRows`), its decline, then its events (`RunEvents`), which record the hashes of the
    /// rows as stored.
    func insert(_ run: PendingRun, in db: Database) throws -> WrittenRun {
        let committedAt = AuditChain.timestamp()
        try insertSnapshots(run.sources, inputs: run.result.screening.inputs, in: db)
        let number = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(number), 0) + 1 FROM runs")!
        let rows = RunRows(run, number: number, committedAt: committedAt)
        try rows.run.insert(db)
        for decision in rows.decisions { try decision.insert(db) }
        if let decline = run.decline {
            try db.execute(
                sql:
                    "INSERT INTO declines (run_id, application_id, person_id, declined_at, follow_up_run_id) VALUES (?, ?, ?, ?, ?)",
                arguments: [decline.runID, decline.applicationID, decline.personID, committedAt, run.id])
        }
        if run.marginsAfterCommit {
            try Self.insertMarginPhase(
                runID: run.id, candidates: run.result.problem.candidates.count, at: committedAt, in: db)
        }
        var log = try ChainWriter(db: db, at: committedAt)
        let entries = RunEvents.entries(
            for: run, rows: rows, runHash: try Self.runHash(run.id, in: db)!,
            decisionsHash: try Self.decisionsHash(run.id, in: db), firstSeq: log.nextSeq)
        let pause = ProcessInfo.processInfo.environment[Self.pauseVariable].flatMap(Double.init)
        let pauseAt = run.result.decisions.count / 2
        var decisionEvents = 0
        for entry in entries {
            if entry.kind == .decision {
                if let pause, decisionEvents == pauseAt {
                    FileHandle.standardError.write(Data("fellowship: test pause inside the store transaction\n".utf8))
                    Thread.sleep(forTimeInterval: pause)
                }
                decisionEvents += 1
            }
            try log.append(entry)
        }
        return WrittenRun(number: number, committedAt: committedAt)
    }

    /// Stores the four input files (once per distinct content) and their parsed rows.
    ///
    /// The bytes may be in the store already without their parsed rows (uploaded to the
    /// service), so the rows are written whenever they are missing, not only with new bytes.
    func insertSnapshots(_ sources: RunSources, inputs: AllocationInputs, in db: Database) throws {
        func missing(_ table: String, _ sha256: String) throws -> Bool {
            try Bool.fetchOne(
                db, sql: "SELECT NOT EXISTS (SELECT 1 FROM \(table) WHERE sha256 = ?)", arguments: [sha256]) == true
        }
        for source in [sources.meeting, sources.countries, sources.applications, sources.policy] {
            try Self.insertFile(source, in: db)
        }
        if try missing("meetings", sources.meeting.sha256) {
            let meeting = inputs.meeting
            try db.execute(
                sql: """
                    INSERT INTO meetings (sha256, id, title, venue, start_date, end_date, fellowship_deadline, currency,
                                          dsa_per_day_cents, dsa_days, financial_year)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    sources.meeting.sha256, meeting.id, meeting.title, meeting.venue,
                    meeting.startDate.description, meeting.endDate.description,
                    meeting.fellowshipDeadline.text, meeting.currency, meeting.dsaPerDay.cents,
                    meeting.dsaDays, meeting.financialYear,
                ])
        }
        if try missing("snapshot_countries", sources.countries.sha256) {
            for (position, country) in inputs.countries.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO snapshot_countries (sha256, position, iso3, name, region, ldc, lldc, sids, income_group, eligible)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        sources.countries.sha256, position, country.iso3, country.name,
                        country.region.rawValue, country.ldc, country.lldc, country.sids,
                        country.incomeGroup.rawValue, country.eligible,
                    ])
            }
        }
        if try missing("snapshot_applications", sources.applications.sha256) {
            for (position, application) in inputs.applications.enumerated() {
                try SnapshotApplicationRecord(
                    sha256: sources.applications.sha256, position: position, line: application.line,
                    id: application.id, personID: application.personID, name: application.name,
                    gender: application.gender.rawValue, country: application.country,
                    delegation: application.delegation.rawValue,
                    registrationApproved: application.registrationApproved,
                    submittedAt: application.submittedAt.text, request: application.request.rawValue,
                    ticketCostCents: application.ticketCost?.cents, contributions: application.contributions,
                    role: application.role.rawValue, specialNeeds: application.specialNeeds,
                    complete: application.complete, priorPartialFY: application.priorPartialFY,
                    priorFullFY: application.priorFullFY, language: application.language.rawValue
                ).insert(db)
            }
        }
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    // MARK: Row hashes

    /// SHA-256 of the canonical JSON of a run's row, or nil when there is no such row.
    static func runHash(_ runID: String, in db: Database) throws -> String? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT \(runColumns.joined(separator: ", ")) FROM runs WHERE id = ?", arguments: [runID])
        else { return nil }
        return Hexadecimal.sha256(canonicalJSON(row, columns: runColumns).compact)
    }

    /// SHA-256 of the canonical JSON array of a run's decision rows, by position.
    static func decisionsHash(_ runID: String, in db: Database) throws -> String {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT \(decisionColumns.joined(separator: ", ")) FROM decisions WHERE run_id = ? ORDER BY position",
            arguments: [runID])
        return Hexadecimal.sha256(JSONValue.array(rows.map { canonicalJSON($0, columns: decisionColumns) }).compact)
    }

    /// A row as a JSON object, members in `columns` order; values by their SQLite storage:
    /// INTEGER as a number, REAL as Swift's shortest round-trip text (`"inf"` etc. as strings),
    /// TEXT as a string, BLOB as the string of its SHA-256, NULL as null.
    static func canonicalJSON(_ row: Row, columns: [String]) -> JSONValue {
        canonicalJSON(columns: columns) { row[$0] }
    }

    /// The same, for values looked up by column (a row read back, or a record about to be
    /// written: `RunRows.canonicalJSON`).
    static func canonicalJSON(columns: [String], value: (String) -> DatabaseValue) -> JSONValue {
        .object(
            columns.map { column in
                switch value(column).storage {
                case .null: return (column, .null)
                case .int64(let integer): return (column, .number(String(integer)))
                case .double(let real): return (column, real.isFinite ? .number(String(real)) : .string(String(real)))
                case .string(let text): return (column, .string(text))
                case .blob(let data): return (column, .string(Hexadecimal.sha256([UInt8](data))))
                }
            })
    }
}

/// Appends events to the chain inside one transaction, tracking the head as it goes.
struct ChainWriter {
    let db: Database
    let at: String
    private(set) var nextSeq: Int64
    private(set) var previousHash: String

    init(db: Database, at: String) throws {
        self.db = db
        self.at = at
        let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM chain_head WHERE id = 1")
        guard let head else { throw StoreError(.corrupt, "the store has no chain head row") }
        nextSeq = (head["seq"] as Int64) + 1
        previousHash = head["hash"]
    }

    mutating func append(_ entry: ChainEntry) throws {
        try append(runID: entry.runID, entry.kind, entry.payload)
    }

    mutating func append(runID: String?, _ kind: AuditEventKind, _ payload: [(String, JSONValue)]) throws {
        let text = JSONValue.object(payload).compact
        let hash = AuditChain.hash(
            seq: nextSeq, at: at, runID: runID, kind: kind.rawValue, payload: text,
            previousHash: previousHash)
        try db.execute(
            sql: "INSERT INTO events (seq, at, run_id, kind, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [nextSeq, at, runID, kind.rawValue, text, previousHash, hash])
        previousHash = hash
        nextSeq += 1
    }
}
