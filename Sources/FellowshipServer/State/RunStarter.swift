import FellowshipCore
import Foundation
import Logging

/// Starting a run of a meeting, for the API and the run button alike: the four inputs are
/// checked at once (every problem, nothing started), the meeting is claimed (409 while
/// another run or a decline of it is in progress), and the run is decided in the background
/// with its progress reported to the service's book.
enum RunStarter {
    /// - Returns: the new run's id.
    static func start(_ state: ServiceState, meetingID: String, logger: Logger? = nil, budget: Money?) async throws -> String {
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
        state.jobs.launch(runID: runID, meeting: meetingID, logger: logger) {
            defer { progress.finish(runID: runID) }
            // Accepted already (202): it waits for a worker of the solver pool, never refused.
            // The decisions are committed first and served at once; the margins follow, and
            // the meeting stays claimed until they are stored, so that one meeting never has
            // more than one run's solver work in flight (docs/service.md, "Runs").
            _ = try await solver.run(queueAlways: true) {
                try store.allocate(sources, id: runID, progress: progress.reporter(runID: runID))
            }
        }
        return runID
    }

    /// A budget typed by a person or sent in a body: 422 naming the expected form when bad.
    static func budget(_ text: String?) throws -> Money? {
        guard let text else { return nil }
        guard let amount = Money(decimalText: text) else {
            throw ServiceError(.unprocessableContent, "budget: expected an amount such as 60000 or 60000.00 (digits, at most two decimals, not negative), got \"\(text)\"")
        }
        return amount
    }
}
