import FellowshipCore
import Foundation

extension RunUseCases {
    /// Decides a meeting and commits the run with its decisions (margins null), opening a
    /// margin phase when `marginsAfterCommit` is true.
    ///
    /// Awards already committed in the store for the same persons and financial year (at other
    /// meetings) count toward the annual limit. The solve happens outside the transaction;
    /// inside it the committed awards are read again, and if another process changed them
    /// meanwhile the run is screened and solved again.
    static func decide(
        _ sources: RunSources, marginsAfterCommit: Bool, id: String?, progress: ProgressReporter?,
        in store: some RunPersistence
    ) throws -> StoredRun {
        let runID = id ?? UUID().uuidString.lowercased()
        let clock = ContinuousClock()
        let start = clock.now
        let startedAt = AuditChain.timestamp()
        progress?(RunProgress(.reading))
        let inputs = try sources.load()
        let persons = Set(inputs.applications.map(\.personID))
        let year = inputs.meeting.financialYear
        for _ in 0..<attempts {
            let committed = try store.committedAwards(
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
                totalSeconds: seconds(clock.now - start), decline: nil)
            pending.marginsAfterCommit = marginsAfterCommit
            let check = CommitCheck(
                financialYear: year, meetingID: inputs.meeting.id, persons: persons, counted: committed, parent: nil)
            if let written = try store.commit(pending, check: check) {
                var run = stored(pending, written: written)
                if marginsAfterCommit { run.pendingMargins = result.problem.candidates.count }
                return run
            }
        }
        throw StoreError(
            .conflict,
            "other runs kept committing awards for the same persons and financial year; nothing was stored, run again")
    }
}
