public import FellowshipCore
import Foundation

/// The audit chain of a `MemoryStore` and its check.
extension MemoryStore {
    public func events(runID: String) throws -> [AuditEvent] {
        read { tables in tables.events.filter { $0.runID == runID } }
    }

    public func allEvents() throws -> [AuditEvent] {
        read { $0.events }
    }

    public func chainAnchor(runID: String) throws -> ChainAnchor {
        guard
            let event = read({ tables in
                tables.events.first { $0.runID == runID && $0.kind == AuditEventKind.run_committed.rawValue }
            })
        else {
            throw StoreError(.notFound, "no committed run \(runID) in the store")
        }
        return ChainAnchor(seq: event.seq, hash: event.hash)
    }

    /// Recomputes the chain (numbering, links, hashes) and checks every run's rows, every
    /// margin's row and every input file against the hashes the chain records, as
    /// `RunStore.verify` does for a SQLite store. (Memory has no triggers, nor a head row kept
    /// apart from the chain, so those two checks of `RunStore.verify` have nothing to check.)
    public func verify(expectedHead: String?) throws -> AuditReport {
        read { tables in
            var problems: [AuditReport.Problem] = []
            func problem(_ seq: Int64?, _ message: String) { problems.append(.init(seq: seq, message: message)) }
            var previous = AuditChain.genesis
            var committed: [String: (event: AuditEvent, payload: [String: Any])] = [:]
            var margins: [String: AuditEvent] = [:]
            for (index, event) in tables.events.enumerated() {
                if event.seq != Int64(index) + 1 || event.previousHash != previous
                    || AuditChain.expectedHash(of: event) != event.hash
                {
                    problem(event.seq, "event \(event.seq) (\(event.kind)): the chain is broken here")
                    break
                }
                previous = event.hash
                guard let payload = event.payloadObject, let run = event.runID else { continue }
                if event.kind == AuditEventKind.run_committed.rawValue { committed[run] = (event, payload) }
                if event.kind == AuditEventKind.margin.rawValue, let rank = RunStore.int(payload["rank"]) {
                    margins["\(run)#\(rank)"] = event
                }
            }
            if let expectedHead, !tables.events.contains(where: { $0.hash == expectedHead }) {
                problem(
                    nil,
                    "the head \(expectedHead) noted earlier is not in the verified chain: the chain was rewritten or cut before it"
                )
            }
            for run in tables.runs {
                guard let (event, payload) = committed[run.id] else {
                    problem(
                        nil, "run \(run.id) (number \(run.number)) has no run_committed event in the verified chain")
                    continue
                }
                if RunRows.hash(run, columns: RunStore.runColumns) != payload["run_sha256"] as? String {
                    problem(event.seq, "event \(event.seq) (run_committed, run \(run.id)): the run row was edited")
                }
                let decisions = tables.decisions[run.id] ?? []
                let decisionsHash = Hexadecimal.sha256(
                    JSONValue.array(decisions.map { RunRows.canonicalJSON($0, columns: RunStore.decisionColumns) })
                        .compact)
                if decisionsHash != payload["decisions_sha256"] as? String {
                    problem(event.seq, "event \(event.seq) (run_committed, run \(run.id)): a decision was edited")
                }
                if tables.marginPhases[run.id] != RunStore.int(payload["margins_after_commit"]) {
                    problem(
                        event.seq, "event \(event.seq) (run_committed, run \(run.id)): the margin phase does not match")
                }
            }
            for (run, rows) in tables.margins {
                for (rank, record) in rows {
                    guard let event = margins["\(run)#\(rank)"] else {
                        problem(nil, "the margin of rank \(rank) in run \(run) has no margin event in the chain")
                        continue
                    }
                    if RunRows.hash(record, columns: RunStore.marginColumns)
                        != event.payloadObject?["margin_sha256"] as? String
                    {
                        problem(event.seq, "event \(event.seq) (margin, run \(run)): the margin was edited")
                    }
                }
            }
            for (sha, bytes) in tables.files where Hexadecimal.sha256(bytes) != sha {
                problem(nil, "input file \(sha): its stored bytes no longer match their SHA-256")
            }
            let last = tables.events.last
            return AuditReport(
                events: tables.events.count, runs: tables.runs.count, headSeq: last?.seq ?? 0,
                headHash: last?.hash ?? AuditChain.genesis,
                problems: problems.sorted { ($0.seq ?? .max) < ($1.seq ?? .max) })
        }
    }
}
