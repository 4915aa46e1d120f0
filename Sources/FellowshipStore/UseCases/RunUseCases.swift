import FellowshipCore
import Foundation

/// The use cases of a stored run, written once for every store (`RunPersistence`): deciding a
/// meeting (`decide`), declining an award (`decline`) and the margins that follow a run
/// (`margins`). They call the rule (FellowshipCore) and hand what it produced to the store,
/// which only keeps it; so `RunStore` and `MemoryStore` decide the same way and write the
/// same rows and audit events.
enum RunUseCases {
    /// How often a run is re-solved when another process commits awards for the same persons
    /// and financial year while it is solving.
    static let attempts = 3

    /// Model version recorded with every run (MODEL.md version 1).
    static let modelVersion = 1

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
}
