public import FellowshipCore
import Foundation

/// Runs, declines and margins: the use cases of `RunUseCases`, kept in memory.
extension MemoryStore: RunPersistence {
    public func decide(
        _ sources: RunSources, marginsAfterCommit: Bool, id: String?, progress: ProgressReporter?
    ) throws -> StoredRun {
        try RunUseCases.decide(sources, marginsAfterCommit: marginsAfterCommit, id: id, progress: progress, in: self)
    }

    public func decline(runID: String, applicationID: String, margins: Bool) throws -> DeclineOutcome {
        try RunUseCases.decline(runID: runID, applicationID: applicationID, margins: margins, in: self)
    }

    public func margins(
        of run: StoredRun, ranks: [Int], progress: ProgressReporter?, stop: (@Sendable () -> Bool)?
    ) throws -> [MarginResult] {
        try RunUseCases.margins(of: run, ranks: ranks, progress: progress, stop: stop, in: self)
    }

    public func runs() throws -> [RunSummary] {
        read { tables in
            tables.runs.map { run in
                run.summary(
                    superseded: tables.runs.contains { $0.meetingID == run.meetingID && $0.number > run.number })
            }
        }
    }

    public func runs(containingApplication applicationID: String) throws -> [RunSummary] {
        let wanted = read { tables in
            Set(tables.decisions.filter { $0.value.contains { $0.applicationID == applicationID } }.keys)
        }
        return try runs().filter { wanted.contains($0.id) }.reversed()
    }

    public func loadRun(id: String) throws -> StoredRun {
        let (record, decisions, files, margins, phase) = try read { tables in
            guard let record = tables.runs.first(where: { $0.id == id }) else {
                throw StoreError(.notFound, "no run \(id) in the store")
            }
            var files: [String: Data] = [:]
            for (kind, sha) in [
                ("meeting", record.meetingSHA256), ("applications", record.applicationsSHA256),
                ("policy", record.policySHA256), ("countries", record.countriesSHA256),
            ] {
                files[kind] = Data(try tables.fileBytes(sha))
            }
            let margins = (tables.margins[id] ?? [:]).values.map { (rank: $0.rank, value: $0.value) }
            return (record, tables.decisions[id] ?? [], files, margins, tables.marginPhases[id])
        }
        var run = try RunStore.rebuild(id: id, record: record, decisions: decisions, files: files)
        RunStore.apply(margins, phase: phase, to: &run)
        return run
    }

    public func storedMargins(of run: StoredRun) throws -> [Int: MarginResult] {
        let rows = read { tables in (tables.margins[run.id] ?? [:]).values.sorted { $0.rank < $1.rank } }
        return try RunStore.results(rows, of: run)
    }

    public func runsWithPendingMargins() throws -> [String] {
        read { tables in
            tables.runs.filter { run in
                tables.marginPhases[run.id].map { $0 > (tables.margins[run.id]?.count ?? 0) } ?? false
            }.map(\.id)
        }
    }

    public func recordExplanationViewed(runID: String, applicationID: String, role: String, tokenID: String?) throws {
        try RunStore.checkRole(role)
        try write { tables in
            guard tables.decisions[runID]?.contains(where: { $0.applicationID == applicationID }) == true else {
                throw StoreError(.notFound, "no application \(applicationID) in run \(runID)")
            }
            tables.append(
                RunStore.explanationViewed(runID: runID, applicationID: applicationID, role: role, tokenID: tokenID),
                at: AuditChain.timestamp())
        }
    }

    // MARK: RunPersistence

    func committedAwards(financialYear: Int, excludingMeeting: String, persons: Set<String>?) throws
        -> [String: PriorAwards]
    {
        read { tables in
            tables.committedAwards(financialYear: financialYear, excludingMeeting: excludingMeeting, persons: persons)
        }
    }

    func commit(_ run: PendingRun, check: CommitCheck) throws -> WrittenRun? {
        try write { tables in
            if let parent = check.parent { try tables.requireCurrent(parent) }
            let now = tables.committedAwards(
                financialYear: check.financialYear, excludingMeeting: check.meetingID, persons: check.persons)
            guard now == check.counted else { return nil }
            let committedAt = AuditChain.timestamp()
            for source in [run.sources.meeting, run.sources.countries, run.sources.applications, run.sources.policy] {
                tables.files[source.sha256] = source.bytes
            }
            let number = tables.runs.count + 1
            let rows = RunRows(run, number: number, committedAt: committedAt)
            tables.runs.append(rows.run)
            tables.decisions[run.id] = rows.decisions
            if let decline = run.decline { tables.declines.append(.init(decline: decline, followUpRunID: run.id)) }
            if run.marginsAfterCommit { tables.marginPhases[run.id] = run.result.problem.candidates.count }
            for entry in RunEvents.entries(
                for: run, rows: rows, runHash: rows.runHash, decisionsHash: rows.decisionsHash,
                firstSeq: tables.nextSeq)
            {
                tables.append(entry, at: committedAt)
            }
            return WrittenRun(number: number, committedAt: committedAt)
        }
    }

    func requireCurrent(_ run: StoredRun) throws {
        try read { tables in try tables.requireCurrent(run) }
    }

    @discardableResult
    func insertMargins(_ results: [MarginResult], of run: StoredRun) throws -> Int {
        guard !results.isEmpty else { return 0 }
        return write { tables in
            let at = AuditChain.timestamp()
            var written = 0
            for result in results.sorted(by: { $0.rank < $1.rank }) where tables.margins[run.id]?[result.rank] == nil {
                let record = MarginRows.record(result, of: run, at: at)
                tables.margins[run.id, default: [:]][result.rank] = record
                let hash = RunRows.hash(record, columns: RunStore.marginColumns)
                tables.append(MarginRows.entry(result, of: run, rowHash: hash), at: at)
                written += 1
            }
            return written
        }
    }
}

extension MemoryTables {
    /// As `RunStore.committedAwards`: each other meeting's current run of the financial year,
    /// its awards less recorded declines, per person.
    func committedAwards(financialYear: Int, excludingMeeting: String, persons: Set<String>?) -> [String: PriorAwards] {
        var latest: [String: Int] = [:]
        for run in runs { latest[run.meetingID] = max(latest[run.meetingID] ?? 0, run.number) }
        var awards: [String: PriorAwards] = [:]
        for run in runs
        where run.financialYear == financialYear && run.meetingID != excludingMeeting
            && run.number == latest[run.meetingID]
        {
            for decision in decisions[run.id] ?? [] where decision.outcome == "awarded" {
                if declines.contains(where: {
                    $0.decline.runID == run.id && $0.decline.applicationID == decision.applicationID
                }) {
                    continue
                }
                if let persons, !persons.contains(decision.personID) { continue }
                awards[decision.personID, default: PriorAwards(partial: 0, full: 0)].partial += 1
            }
        }
        return awards
    }

    /// As `RunStore.requireCurrent`: refuses a run that a later run of its meeting replaced.
    func requireCurrent(_ run: StoredRun) throws {
        if let later = runs.last(where: { $0.meetingID == run.meetingID && $0.number > run.number }) {
            throw RunStore.notCurrent(run, replacedBy: later.id)
        }
    }
}
