public import FellowshipCore
import Foundation
import GRDB

extension RunStore {
    /// Records a decline and stores the follow-up run that reallocates the money
    /// (`RunUseCases.decline`).
    public func decline(runID: String, applicationID: String, margins: Bool = true) throws -> DeclineOutcome {
        try RunUseCases.decline(runID: runID, applicationID: applicationID, margins: margins, in: self)
    }

    func requireCurrent(_ run: StoredRun) throws {
        try read { db in try Self.requireCurrent(run, in: db) }
    }

    /// Refuses a run that a later run of the same meeting has replaced.
    static func requireCurrent(_ run: StoredRun, in db: Database) throws {
        if let later = try String.fetchOne(
            db, sql: "SELECT id FROM runs WHERE meeting_id = ? AND number > ? ORDER BY number DESC LIMIT 1",
            arguments: [run.meetingID, run.number])
        {
            throw notCurrent(run, replacedBy: later)
        }
    }

    /// The refusal of a run that run `later` replaced, for every store.
    static func notCurrent(_ run: StoredRun, replacedBy later: String) -> StoreError {
        StoreError(
            .conflict,
            "run \(run.id) is no longer the current run of \(run.meetingID): run \(later) replaced it; decline from that run"
        )
    }
}
