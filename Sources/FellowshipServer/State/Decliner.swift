import FellowshipCore
import FellowshipStore
import Foundation

/// Recording a decline, for the API and the decline page alike: the meeting is held for the
/// time of the follow-up run (409 while a run or another decline of it is in progress), and
/// the store records the decline and the follow-up run in one transaction.
enum Decliner {
    static func decline(_ state: ServiceState, run: StoredRun, applicant: String) async throws -> DeclineOutcome {
        let store = state.store
        let holdID = "decline-" + UUID().uuidString.lowercased()
        try state.jobs.begin(meeting: run.meetingID, runID: holdID, isDecline: true)
        defer { state.jobs.finish(meeting: run.meetingID, runID: holdID, failure: nil) }
        let runID = run.id
        return try await state.solver.run { try store.decline(runID: runID, applicationID: applicant) }
    }
}
