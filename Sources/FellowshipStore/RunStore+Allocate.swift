public import FellowshipCore
import Foundation
import GRDB

extension RunStore {
    /// How often a run is re-solved when another process commits awards for the same persons
    /// and financial year while it is solving.
    static let attempts = 3

    /// Decides a meeting and stores the run: inputs, decisions and audit events in one
    /// transaction, then its margins.
    ///
    /// Awards already committed in the store for the same persons and financial year (at other
    /// meetings, `committedAwards`) count toward the annual limit. The solve happens outside the
    /// transaction; inside it the committed awards are read again, and if another process
    /// changed them meanwhile the run is screened and solved again.
    ///
    /// The decisions are committed as soon as the allocation is decided; the margins of MODEL.md
    /// section 6 are computed afterwards and stored as they complete (`completeMargins`), so a
    /// run killed in its margin phase keeps its decisions, and `completeMargins` (the command
    /// `fellowship margins`, or the service when it starts) finishes it later.
    ///
    /// - Parameter margins: compute and store the margin of every candidate after the decisions;
    ///   when false the margins are recorded as null and no margin phase is opened.
    /// - Parameter id: the run's id, when the caller must know it before the run is stored (the
    ///   service answers with it at once); a new random id when nil.
    /// - Parameter progress: the phases as they go (reading, screening, solving, storing, margins k of n).
    /// - Throws: `InputErrors` for bad inputs, `AllocationError` when the solve fails,
    ///   `StoreError` when the store does; nothing is stored when the decision fails, and a
    ///   failure in the margin phase leaves the run stored with its margins pending.
    public func allocate(
        _ sources: RunSources, margins: Bool = true, id: String? = nil, progress: ProgressReporter? = nil
    ) throws -> StoredRun {
        let decided = try decide(sources, marginsAfterCommit: margins, id: id, progress: progress)
        guard margins else { return decided }
        return try completeMargins(of: decided, progress: progress)
    }

    /// The first half of `allocate`: decides the meeting and commits the run with its decisions
    /// (margins null), opening a margin phase when `marginsAfterCommit` is true.
    public func decide(
        _ sources: RunSources, marginsAfterCommit: Bool, id: String? = nil, progress: ProgressReporter? = nil
    ) throws -> StoredRun {
        let runID = id ?? UUID().uuidString.lowercased()
        let clock = ContinuousClock()
        let start = clock.now
        let startedAt = AuditChain.timestamp()
        progress?(RunProgress(.reading))
        let inputs = try sources.load()
        let persons = Set(inputs.applications.map(\.personID))
        let year = inputs.meeting.financialYear
        for _ in 0..<Self.attempts {
            let committed = try committedAwards(
                financialYear: year, excludingMeeting: inputs.meeting.id, persons: persons)
            progress?(RunProgress(.screening))
            let screening = Screening(inputs: inputs, committed: committed)
            progress?(RunProgress(.solving))
            let result = try Allocator.allocate(screening, progress: progress)
            progress?(RunProgress(.storing))
            var pending = PendingRun(
                id: runID, kind: .allocate, parentRunID: nil, sources: sources,
                committed: committed, declined: [], fixed: [], conditions: .init(), result: result,
                margins: Array(repeating: nil, count: result.problem.candidates.count),
                marginSeconds: 0, startedAt: startedAt,
                totalSeconds: Self.seconds(clock.now - start), decline: nil)
            pending.marginsAfterCommit = marginsAfterCommit
            let written: WrittenRun? = try write { db in
                let now = try Self.committedAwards(
                    db, financialYear: year, excludingMeeting: inputs.meeting.id, persons: persons)
                guard now == committed else { return nil }
                return try insert(pending, in: db)
            }
            if let written {
                var run = Self.stored(pending, written: written)
                if marginsAfterCommit { run.pendingMargins = result.problem.candidates.count }
                return run
            }
        }
        throw StoreError(
            .conflict,
            "other runs kept committing awards for the same persons and financial year; nothing was stored, run again")
    }

    /// The margin of every candidate of `result` (by rank), computed in parallel; `base` are
    /// the conditions the allocation was optimised under (null margins for the pinned ones).
    static func margins(
        of result: AllocationResult, base: AllocationModel.Conditions = .init(),
        finished: (@Sendable (Int) -> Void)? = nil
    ) throws -> [Double?] {
        try MarginWork(result: result, base: base)
            .margins(
                of: Array(result.problem.candidates.indices),
                progress: finished.map { report in { @Sendable done, _ in report(done) } }
            )
            .map(\.margin.value)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// The stored run as it was written (what `loadRun` would rebuild).
    static func stored(_ run: PendingRun, written: WrittenRun) -> StoredRun {
        let inputs = run.result.screening.inputs
        return StoredRun(
            id: run.id, number: written.number, kind: run.kind, parentRunID: run.parentRunID,
            meetingID: inputs.meeting.id,
            financialYear: inputs.meeting.financialYear, modelVersion: modelVersion, sources: run.sources,
            committed: run.committed, result: run.result, declined: run.declined, fixed: run.fixed,
            conditions: run.conditions, margins: run.margins, startedAt: run.startedAt,
            committedAt: written.committedAt,
            totalSeconds: run.totalSeconds, marginSeconds: run.marginSeconds)
    }

    /// Records that `role` was shown the explanation of `applicationID` in `runID` (for the
    /// service). Only the run, the application id, the role and the token's public id (when a
    /// token was used) are recorded, so a reading can be traced to the token that made it.
    public func recordExplanationViewed(runID: String, applicationID: String, role: String, tokenID: String? = nil)
        throws
    {
        guard !role.isEmpty, role.utf8.count <= 40,
            role.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || $0 == "_" })
        else {
            throw StoreError(.conflict, "a role is a lowercase word such as applicant or secretariat, got \"\(role)\"")
        }
        try write { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM decisions WHERE run_id = ? AND application_id = ?)",
                    arguments: [runID, applicationID]) == true
            else {
                throw StoreError(.notFound, "no application \(applicationID) in run \(runID)")
            }
            var log = try ChainWriter(db: db, at: AuditChain.timestamp())
            try log.append(
                runID: runID, .explanation_viewed,
                [
                    ("run", .string(runID)), ("application", .string(applicationID)), ("role", .string(role)),
                ] + (tokenID.map { [("token", JSONValue.string($0))] } ?? []))
        }
    }
}
