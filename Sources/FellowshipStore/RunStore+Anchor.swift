public import FellowshipCore
import GRDB

extension RunStore {
    /// The chain head as of the commit of run `runID`: its `run_committed` event.
    /// - Throws: `StoreError(.notFound)` when the store holds no such committed run.
    public func chainAnchor(runID: String) throws -> ChainAnchor {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT seq, hash FROM events WHERE run_id = ? AND kind = 'run_committed'",
                    arguments: [runID])
            else {
                throw StoreError(.notFound, "no committed run \(runID) in the store")
            }
            return ChainAnchor(seq: row["seq"], hash: row["hash"])
        }
    }

    /// `audit verify` with an anchor from an output of a stored run: the chain must be intact
    /// and still hold event `anchor.seq` with hash `anchor.hash`.
    public func verify(anchor: ChainAnchor) throws -> AuditReport {
        try read { db in try Self.verify(db, expectedHead: anchor.hash, expectedSeq: anchor.seq) }
    }
}
