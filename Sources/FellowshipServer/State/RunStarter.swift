import FellowshipCore
import FellowshipStore
import Foundation
import HTTPTypes
import Logging

/// Starting a run of a meeting, for the API and the run button alike: the four inputs are
/// checked at once (every problem, nothing started), the meeting is claimed (409 while
/// another run or a decline of it is in progress), and the run is decided in the background
/// with its progress reported to the service's book.
enum RunStarter {
    /// - Returns: the new run's id.
    static func start(_ state: ServiceState, meetingID: String, logger: Logger? = nil, budget: Money?) async throws
        -> String
    {
        let store = state.store
        let sources = try await Blocking.run { () throws -> RunSources in
            let sources = try store.meetingSources(id: meetingID, budgetOverride: budget)
            _ = try sources.load()
            return sources
        }
        let runID = UUID().uuidString.lowercased()
        try state.jobs.begin(meeting: meetingID, runID: runID)
        let progress = state.progress
        progress.start(runID: runID, meeting: meetingID)
        let solver = state.solver
        let jobs = state.jobs
        jobs.launch(runID: runID, meeting: meetingID, logger: logger) {
            defer { progress.finish(runID: runID) }
            // Accepted already (202): it waits for a worker of the solver pool, never refused.
            // The decisions are committed first and served at once, and the meeting is free
            // again; the margins follow, until the meeting starts another run (or a decline),
            // which supersedes this run's margin phase: its margins not computed by then stay
            // pending (computed on demand, by `fellowship margins`, or at the next start).
            _ = try await solver.run(queueAlways: true) {
                let reporter = progress.reporter(runID: runID)
                let decided = try store.decide(sources, marginsAfterCommit: true, id: runID, progress: reporter)
                jobs.release(meeting: meetingID, runID: runID)
                return try store.completeMargins(
                    of: decided, progress: reporter,
                    stop: {
                        jobs.isClaimedByAnother(meeting: meetingID, runID: runID)
                    })
            }
        }
        return runID
    }

    /// A budget typed by a person or sent in a body: 422 naming the expected form when bad.
    static func budget(_ text: String?) throws -> Money? {
        guard let text else { return nil }
        guard let amount = Money(decimalText: text) else {
            throw ServiceError(
                .unprocessableContent,
                "budget: expected an amount such as 60000 or 60000.00 (digits, at most two decimals, not negative), got \"\(text)\""
            )
        }
        return amount
    }
}
