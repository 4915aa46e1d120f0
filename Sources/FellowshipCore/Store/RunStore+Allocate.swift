import Foundation
import GRDB

extension RunStore {
    /// How often a run is re-solved when another process commits awards for the same persons
    /// and financial year while it is solving.
    static let attempts = 3

    /// Decides a meeting and stores the run: inputs, decisions and audit events in one
    /// transaction.
    ///
    /// Awards already committed in the store for the same persons and financial year (at other
    /// meetings, `committedAwards`) count toward the annual limit. The solve and the margins
    /// happen outside the transaction; inside it the committed awards are read again, and if
    /// another process changed them meanwhile the run is screened and solved again.
    ///
    /// - Parameter margins: compute the margin of MODEL.md section 6 of every candidate
    ///   (one conditioned solve each, in parallel) and record it with each decision; when
    ///   false the margins are recorded as null.
    /// - Parameter id: the run's id, when the caller must know it before the run is stored (the
    ///   service answers with it at once); a new random id when nil.
    /// - Parameter progress: told of each phase as it begins (and of each margin solved).
    /// - Throws: `InputErrors` for bad inputs, `AllocationError` when the solve fails,
    ///   `StoreError` when the store does; nothing is stored then.
    public func allocate(_ sources: RunSources, margins: Bool = true, id: String? = nil,
                         progress: RunProgressReport? = nil) throws -> StoredRun {
        let runID = id ?? UUID().uuidString.lowercased()
        let clock = ContinuousClock()
        let start = clock.now
        let startedAt = AuditChain.timestamp()
        progress?(RunProgress(phase: RunProgress.checking))
        let inputs = try sources.load()
        let persons = Set(inputs.applications.map(\.personID))
        let year = inputs.meeting.financialYear
        for _ in 0..<Self.attempts {
            let committed = try committedAwards(financialYear: year, excludingMeeting: inputs.meeting.id, persons: persons)
            progress?(RunProgress(phase: RunProgress.solving))
            let result = try Allocator.allocate(Screening(inputs: inputs, committed: committed))
            let marginStart = clock.now
            let candidates = result.problem.candidates.count
            if margins { progress?(RunProgress(phase: RunProgress.margins, done: 0, total: candidates)) }
            var finished: (@Sendable (Int) -> Void)?
            if let progress {
                finished = { done in progress(RunProgress(phase: RunProgress.margins, done: done, total: candidates)) }
            }
            let marginValues: [Double?] = margins
                ? try Self.margins(of: result, finished: finished) : Array(repeating: nil, count: candidates)
            let pending = PendingRun(
                id: runID, kind: .allocate, parentRunID: nil, sources: sources,
                committed: committed, declined: [], fixed: [], conditions: .init(), result: result, margins: marginValues,
                marginSeconds: Self.seconds(clock.now - marginStart), startedAt: startedAt,
                totalSeconds: Self.seconds(clock.now - start), decline: nil)
            progress?(RunProgress(phase: RunProgress.storing))
            let written: WrittenRun? = try write { db in
                let now = try Self.committedAwards(db, financialYear: year, excludingMeeting: inputs.meeting.id, persons: persons)
                guard now == committed else { return nil }
                return try insert(pending, in: db)
            }
            if let written { return Self.stored(pending, written: written) }
        }
        throw StoreError(.conflict, "other runs kept committing awards for the same persons and financial year; nothing was stored, run again")
    }

    /// The margin of every candidate of `result` (by rank), computed in parallel; `base` are
    /// the conditions the allocation was optimised under (null margins for the pinned ones).
    static func margins(of result: AllocationResult, base: AllocationModel.Conditions = .init(),
                        finished: (@Sendable (Int) -> Void)? = nil) throws -> [Double?] {
        try ParallelWork.map(count: result.problem.candidates.count, finished: finished) { rank in
            try MarginCalculator.margin(rank: rank, result: result, base: base).margin.value
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// The stored run as it was written (what `loadRun` would rebuild).
    static func stored(_ run: PendingRun, written: WrittenRun) -> StoredRun {
        let inputs = run.result.screening.inputs
        return StoredRun(
            id: run.id, number: written.number, kind: run.kind, parentRunID: run.parentRunID, meetingID: inputs.meeting.id,
            financialYear: inputs.meeting.financialYear, modelVersion: modelVersion, sources: run.sources,
            committed: run.committed, result: run.result, declined: run.declined, fixed: run.fixed,
            conditions: run.conditions, margins: run.margins, startedAt: run.startedAt, committedAt: written.committedAt,
            totalSeconds: run.totalSeconds, marginSeconds: run.marginSeconds)
    }

    /// Records that `role` was shown the explanation of `applicationID` in `runID` (for the
    /// service). Only the run, the application id and the role are recorded.
    public func recordExplanationViewed(runID: String, applicationID: String, role: String) throws {
        guard !role.isEmpty, role.utf8.count <= 40,
              role.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || $0 == "_" }) else {
            throw StoreError(.conflict, "a role is a lowercase word such as applicant or secretariat, got \"\(role)\"")
        }
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM decisions WHERE run_id = ? AND application_id = ?)",
                                    arguments: [runID, applicationID]) == true else {
                throw StoreError(.notFound, "no application \(applicationID) in run \(runID)")
            }
            var log = try ChainWriter(db: db, at: AuditChain.timestamp())
            try log.append(runID: runID, .explanation_viewed, [
                ("run", .string(runID)), ("application", .string(applicationID)), ("role", .string(role)),
            ])
        }
    }
}
