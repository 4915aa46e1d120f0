public import FellowshipCore
import Foundation
import GRDB

extension RunStore {
    /// Awards committed in the store for `financialYear` at meetings other than
    /// `excludingMeeting`, per person: the financial-year limit across meetings.
    ///
    /// Counted: the awards of each other meeting's *current* run (its latest stored run, a
    /// re-run or a reallocation superseding the earlier ones), less any recorded decline.
    /// Every award is a partial fellowship. The meeting's own earlier runs are not counted: a
    /// new run of the meeting replaces them. Only `persons` are returned (nil: everyone).
    public func committedAwards(
        financialYear: Int, excludingMeeting: String, persons: Set<String>? = nil
    ) throws -> [String: PriorAwards] {
        try read { db in
            try Self.committedAwards(
                db, financialYear: financialYear, excludingMeeting: excludingMeeting, persons: persons)
        }
    }

    static func committedAwards(
        _ db: Database, financialYear: Int, excludingMeeting: String, persons: Set<String>?
    ) throws -> [String: PriorAwards] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT d.person_id AS person, COUNT(*) AS awards
                FROM decisions d JOIN runs r ON r.id = d.run_id
                WHERE d.outcome = 'awarded' AND r.financial_year = ? AND r.meeting_id <> ?
                  AND r.number = (SELECT MAX(r2.number) FROM runs r2 WHERE r2.meeting_id = r.meeting_id)
                  AND NOT EXISTS (SELECT 1 FROM declines x WHERE x.run_id = r.id AND x.application_id = d.application_id)
                GROUP BY d.person_id
                """, arguments: [financialYear, excludingMeeting])
        var awards: [String: PriorAwards] = [:]
        for row in rows {
            let person: String = row["person"]
            if let persons, !persons.contains(person) { continue }
            awards[person] = PriorAwards(partial: row["awards"], full: 0)
        }
        return awards
    }

    /// The run whose id is `idOrPrefix`, or the only run whose id starts with it (at least 4
    /// characters).
    public func resolveRunID(_ idOrPrefix: String) throws -> String {
        try read { db in
            if try String.fetchOne(db, sql: "SELECT id FROM runs WHERE id = ?", arguments: [idOrPrefix]) != nil {
                return idOrPrefix
            }
            guard idOrPrefix.count >= 4 else { throw StoreError(.notFound, "no run \(idOrPrefix) in the store") }
            let escaped = idOrPrefix.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            let matches = try String.fetchAll(
                db, sql: "SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY number", arguments: [escaped + "%"])
            switch matches.count {
            case 0: throw StoreError(.notFound, "no run \(idOrPrefix) in the store")
            case 1: return matches[0]
            default:
                throw StoreError(.notFound, "\(idOrPrefix) is the start of \(matches.count) run ids; give more of it")
            }
        }
    }

    /// Every stored run, oldest first.
    public func runs() throws -> [RunSummary] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.*, EXISTS (SELECT 1 FROM runs later WHERE later.meeting_id = r.meeting_id AND later.number > r.number) AS superseded
                    FROM runs r ORDER BY r.number
                    """
            ).map { row in
                let record = try Self.decoded("listed") { try RunRecord(row: row) }
                return record.summary(superseded: row["superseded"])
            }
        }
    }

    /// The audit events of one run (from its `run_started` to its `run_committed`) and the
    /// later events that refer to it (declines, explanations viewed), in chain order.
    public func events(runID: String) throws -> [AuditEvent] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM events WHERE run_id = ? ORDER BY seq", arguments: [runID])
                .map(Self.event)
        }
    }

    /// Every event of the chain, in order.
    public func allEvents() throws -> [AuditEvent] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM events ORDER BY seq").map(Self.event) }
    }

    static func event(_ row: Row) -> AuditEvent {
        AuditEvent(
            seq: row["seq"], at: row["at"] ?? "", runID: row["run_id"], kind: row["kind"] ?? "",
            payload: row["payload"] ?? "", previousHash: row["prev_hash"] ?? "", hash: row["hash"] ?? "")
    }

    /// Reads a run back: its exact inputs and its `AllocationResult`.
    ///
    /// The screening is rebuilt from the stored bytes with the awards the run counted from the
    /// store; the allocation, status, V, bound, gap, solver figures, reasons and margins are
    /// the stored ones. The rebuilt screening is checked against the stored decisions (same
    /// outcomes, gates, ranks and scores); a mismatch throws rather than return a result that
    /// is not the run's.
    public func loadRun(id: String) throws -> StoredRun {
        let (record, decisions, files, margins) = try read {
            db -> (RunRecord, [DecisionRecord], [String: Data], StoredMarginValues) in
            guard
                let run = try Self.decoded(
                    id, { try RunRecord.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]) })
            else {
                throw StoreError(.notFound, "no run \(id) in the store")
            }
            let decisions = try Self.decoded(id) {
                try DecisionRecord.fetchAll(
                    db, sql: "SELECT * FROM decisions WHERE run_id = ? ORDER BY position", arguments: [id])
            }
            var files: [String: Data] = [:]
            for (kind, sha) in [
                ("meeting", run.meetingSHA256), ("applications", run.applicationsSHA256),
                ("policy", run.policySHA256), ("countries", run.countriesSHA256),
            ] {
                guard
                    let bytes = try Data.fetchOne(
                        db, sql: "SELECT bytes FROM input_files WHERE sha256 = ?", arguments: [sha])
                else {
                    throw StoreError(.corrupt, "run \(id): the input file \(sha) is missing from the store")
                }
                files[kind] = bytes
            }
            return (run, decisions, files, try Self.storedMarginValues(runID: id, in: db))
        }
        var run = try Self.rebuild(id: id, record: record, decisions: decisions, files: files)
        Self.apply(margins.values, phase: margins.phase, to: &run)
        return run
    }

    /// A run rebuilt from its stored rows and input bytes (keyed `meeting`, `applications`,
    /// `policy`, `countries`), for every store: the screening is redone from the bytes and
    /// checked against the stored decisions, which give the allocation, reasons and margins.
    static func rebuild(
        id: String, record: RunRecord, decisions: [DecisionRecord], files: [String: Data]
    ) throws -> StoredRun {
        func source(_ kind: String, name: String, recorded: String) throws -> InputSource {
            let source = InputSource(name: name, bytes: [UInt8](files[kind]!))
            guard source.sha256 == recorded else {
                throw StoreError(.corrupt, "run \(id): the stored \(kind) bytes do not match their SHA-256 \(recorded)")
            }
            return source
        }
        let budget = Money(cents: record.budgetCents)
        let sources = RunSources(
            meeting: try source("meeting", name: record.meetingFile, recorded: record.meetingSHA256),
            applications: try source(
                "applications", name: record.applicationsFile, recorded: record.applicationsSHA256),
            policy: try source("policy", name: record.policyFile, recorded: record.policySHA256),
            countries: try source("countries", name: record.countriesFile, recorded: record.countriesSHA256),
            budgetOverride: record.budgetOverridden ? budget : nil)
        let inputs: AllocationInputs
        do {
            inputs = try sources.load()
        } catch {
            throw StoreError(
                .corrupt,
                "run \(id): the stored inputs no longer load: \(error.problems.first.map(\.description) ?? "")")
        }
        guard inputs.policy.budget == budget else {
            throw StoreError(.corrupt, "run \(id): the stored policy does not give the recorded budget")
        }
        let committed = try Self.parseCommitted(record.committedAwards, run: id)
        let screening = Screening(inputs: inputs, committed: committed)
        let problem = screening.problem
        guard decisions.count == inputs.applications.count else {
            throw StoreError(
                .corrupt,
                "run \(id): \(decisions.count) decisions stored for \(inputs.applications.count) applications")
        }
        var allocation = problem.emptyAllocation
        var reasons = [[NotAwardedReason]](repeating: [], count: problem.candidates.count)
        var margins = [Double?](repeating: nil, count: problem.candidates.count)
        for (position, row) in decisions.enumerated() {
            let application = inputs.applications[position]
            let outcome = row.outcome
            let storedRank = row.rank
            let rank = screening.rankOfApplication[position]
            let mismatch = StoreError(
                .corrupt, "run \(id): the decision of \(application.id) does not follow from the stored inputs")
            guard row.applicationID == application.id, storedRank == rank else { throw mismatch }
            let codes = try Self.parseStrings(row.reasons, run: id)
            guard let rank else {
                guard outcome == "ineligible", codes == screening.gates[position].map(\.rawValue) else {
                    throw mismatch
                }
                continue
            }
            guard row.score == screening.scores[position]?.total else { throw mismatch }
            margins[rank] = row.margin
            switch outcome {
            case "awarded":
                guard let component = Component(rawValue: row.component ?? ""),
                    problem.candidates[rank].cost(component) != nil
                else { throw mismatch }
                allocation[rank] = component
            case "not_awarded":
                let parsed = codes.compactMap(NotAwardedReason.init(rawValue:))
                guard parsed.count == codes.count else { throw mismatch }
                reasons[rank] = parsed
            case "declined":
                break
            default:
                throw mismatch
            }
        }
        guard problem.isFeasible(allocation) else {
            throw StoreError(.corrupt, "run \(id): the stored allocation breaks the budget or a cap")
        }
        let declined = try Self.parseStrings(record.declined, run: id)
        let fixed = try Self.parseStrings(record.fixed, run: id)
        var conditions = AllocationModel.Conditions()
        for (index, application) in inputs.applications.enumerated() {
            guard let rank = screening.rankOfApplication[index] else { continue }
            if declined.contains(application.id) { conditions.excluded.insert(rank) }
            if fixed.contains(application.id) {
                guard let component = allocation[rank] else {
                    throw StoreError(
                        .corrupt, "run \(id): the kept award of \(application.id) is not in the stored allocation")
                }
                conditions.fixed[rank] = component
            }
        }
        let result = AllocationResult(
            screening: screening, allocation: allocation, status: RunStatus(rawValue: record.status) ?? .time_limit,
            value: record.value, bound: record.bound ?? .nan, gap: record.gap ?? .nan,
            solverSeconds: record.solverSeconds, solverVersion: record.solverVersion, reasons: reasons)
        return StoredRun(
            id: id, number: record.number, kind: RunKind(rawValue: record.kind) ?? .allocate,
            parentRunID: record.parentRunID, meetingID: record.meetingID,
            financialYear: record.financialYear, modelVersion: record.modelVersion, sources: sources,
            committed: committed, result: result, declined: declined, fixed: fixed, conditions: conditions,
            margins: margins, startedAt: record.startedAt, committedAt: record.committedAt,
            totalSeconds: record.totalSeconds, marginSeconds: record.marginSeconds)
    }

    /// Runs a read that decodes records; a row that does not decode (a value of the wrong
    /// type or a NULL where the schema allows none, which only tampering produces) is reported
    /// as a corrupt store, like any other stored value that does not add up.
    static func decoded<T>(_ run: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw error
        } catch {
            throw StoreError(.corrupt, "run \(run): a stored row does not read back: \(error)")
        }
    }

    static func parseStrings(_ text: String, run: String) throws -> [String] {
        guard let list = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] else {
            throw StoreError(.corrupt, "run \(run): a stored list is not a JSON array of strings")
        }
        return list
    }

    static func parseCommitted(_ text: String, run: String) throws -> [String: PriorAwards] {
        guard let list = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] else {
            throw StoreError(.corrupt, "run \(run): the stored committed awards are not a JSON array")
        }
        var committed: [String: PriorAwards] = [:]
        for entry in list {
            guard let person = entry["person"] as? String, let partial = entry["partial"] as? Int,
                let full = entry["full"] as? Int
            else {
                throw StoreError(.corrupt, "run \(run): a stored committed award is malformed")
            }
            committed[person] = PriorAwards(partial: partial, full: full)
        }
        return committed
    }
}

extension RunRecord {
    /// The run as the list of runs shows it.
    func summary(superseded: Bool) -> RunSummary {
        RunSummary(
            id: id, number: number, kind: RunKind(rawValue: kind) ?? .allocate,
            parentRunID: parentRunID, meetingID: meetingID, financialYear: financialYear, status: status,
            value: value, awards: awards, spent: Money(cents: spentCents), committedAt: committedAt,
            superseded: superseded)
    }
}
