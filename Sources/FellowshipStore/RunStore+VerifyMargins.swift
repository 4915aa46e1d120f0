import FellowshipCore
import Foundation
import GRDB

extension RunStore {
    /// The margin rows of migration v3 against their `margin` events (docs/audit.md): every row
    /// hashes to the `margin_sha256` of exactly one event of its run and rank, every event has
    /// its row, and every margin phase names a stored run.
    static func verifyMargins(_ db: Database, events: [AuditEvent], chainBroken: Bool) throws -> [AuditReport.Problem] {
        var problems: [AuditReport.Problem] = []
        var byKey: [String: AuditEvent] = [:]
        for event in events {
            let payload = event.payloadObject ?? [:]
            guard let run = payload["run"] as? String, run == event.runID, let rank = int(payload["rank"]) else {
                problems.append(
                    .init(seq: event.seq, message: "event \(event.seq) (margin): its payload names no run and rank"))
                continue
            }
            let key = "\(run)#\(rank)"
            if byKey[key] != nil {
                problems.append(
                    .init(
                        seq: event.seq,
                        message:
                            "event \(event.seq) (margin, run \(run)): the margin of rank \(rank) was recorded twice"))
            }
            byKey[key] = event
        }
        let rows = try Row.fetchAll(db, sql: "SELECT run_id, rank FROM margins ORDER BY run_id, rank")
        for row in rows {
            let run: String = row["run_id"]
            let rank: Int = row["rank"]
            guard let event = byKey.removeValue(forKey: "\(run)#\(rank)") else {
                if !chainBroken {
                    problems.append(
                        .init(
                            seq: nil,
                            message:
                                "the margin of rank \(rank) in run \(run) has no margin event in the chain: the row was added outside the store"
                        ))
                }
                continue
            }
            if try marginHash(runID: run, rank: rank, in: db) != event.payloadObject?["margin_sha256"] as? String {
                problems.append(
                    .init(
                        seq: event.seq,
                        message:
                            "event \(event.seq) (margin, run \(run)): the margin row no longer matches the margin_sha256 recorded here: the margin was edited"
                    ))
            }
        }
        for event in byKey.values.sorted(by: { $0.seq < $1.seq }) {
            problems.append(
                .init(
                    seq: event.seq,
                    message:
                        "event \(event.seq) (margin, run \(event.runID ?? "?")): no matching row in margins: the margin row was deleted"
                ))
        }
        let orphans = try String.fetchAll(
            db, sql: "SELECT run_id FROM margin_phases WHERE run_id NOT IN (SELECT id FROM runs)")
        for run in orphans {
            problems.append(.init(seq: nil, message: "the margin phase of run \(run) names no stored run"))
        }
        return problems
    }
}
