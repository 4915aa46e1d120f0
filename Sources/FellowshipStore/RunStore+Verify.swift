import FellowshipCore
import Foundation
import GRDB

/// What `audit verify` found.
public struct AuditReport: Sendable {
    /// One thing wrong with the store; `seq` names the bad event when there is one.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var seq: Int64?
        public var message: String
        public var description: String { message }
    }

    /// Events in the chain.
    public var events: Int
    /// Rows in `runs`.
    public var runs: Int
    /// The last event, as the chain_head row records it (seq 0 and 64 zeros when empty).
    public var headSeq: Int64
    public var headHash: String
    /// Everything wrong, the first bad event first (problems without an event come last).
    public var problems: [Problem]

    public var isIntact: Bool { problems.isEmpty }
}

extension RunStore {
    /// Recomputes the whole chain and checks the tables against it (docs/audit.md).
    ///
    /// It relies on no trigger: a tamperer may have dropped them. It checks that events are
    /// numbered 1, 2, 3… without a gap; that each event's `prev_hash` is the hash of the event
    /// before (64 zeros for the first) and its `hash` the SHA-256 of its envelope; that the
    /// chain head names the last event (a cut-off tail otherwise); that every run's events
    /// form one stretch from `run_started` to a `run_committed` stating their count; that
    /// every run row and its decision rows hash to what that `run_committed` recorded; that
    /// declines match their events; that stored input bytes match their SHA-256; and that the
    /// append-only triggers are all in place.
    ///
    /// - Parameter expectedHead: an event hash noted earlier (printed by a previous verify);
    ///   it must still be in the chain, which catches a chain rewritten from scratch.
    public func verify(expectedHead: String? = nil) throws -> AuditReport {
        try read { db in try Self.verify(db, expectedHead: expectedHead) }
    }

    static func verify(_ db: Database, expectedHead: String?, expectedSeq: Int64? = nil) throws -> AuditReport {
        var problems: [AuditReport.Problem] = []
        func problem(_ seq: Int64?, _ message: String) { problems.append(.init(seq: seq, message: message)) }
        func label(_ event: AuditEvent) -> String {
            "event \(event.seq) (\(event.kind)\(event.runID.map { ", run \($0)" } ?? ""))"
        }

        // The events are read one at a time from a cursor, and only what later steps need is
        // kept (the last event, the runs' run_committed events, the declines): memory stays
        // flat however long the chain grows (Benchmarks/, `audit verify` at 1,000,000 events).
        let eventCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0
        let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM chain_head WHERE id = 1")
        let headSeqRecorded: Int64? = head.map { $0["seq"] }
        let runCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0

        // 3 (checked in the same pass). Runs: each a contiguous stretch ending in run_committed.
        var runProblems: [AuditReport.Problem] = []
        func runProblem(_ seq: Int64?, _ message: String) { runProblems.append(.init(seq: seq, message: message)) }
        var open: (run: String, start: Int64)?
        var committed: [String: (event: AuditEvent, payload: [String: Any])] = [:]
        var declineEvents: [AuditEvent] = []
        var marginEvents: [AuditEvent] = []
        func structure(_ event: AuditEvent) {
            guard let kind = AuditEventKind(rawValue: event.kind), let payload = event.payloadObject else { return }
            switch kind {
            case .run_started:
                if let open {
                    runProblem(
                        open.start,
                        "event \(open.start) (run_started, run \(open.run)): the run was never committed (a partial run)"
                    )
                }
                guard let run = event.runID, payload["run"] as? String == run else {
                    runProblem(event.seq, "\(label(event)): its payload names another run")
                    open = nil
                    return
                }
                open = (run, event.seq)
            case .inputs, .gates, .solver_result, .decision:
                if open?.run != event.runID || event.runID == nil {
                    runProblem(event.seq, "\(label(event)): outside the stretch of its run")
                }
            case .run_committed:
                guard let current = open, current.run == event.runID else {
                    runProblem(event.seq, "\(label(event)): no run_started of this run before it")
                    open = nil
                    return
                }
                open = nil
                let count = event.seq - current.start + 1
                if int(payload["first_event"]) != Int(current.start) || int(payload["events"]) != Int(count)
                    || payload["run"] as? String != current.run
                {
                    runProblem(
                        event.seq,
                        "\(label(event)): it records \(int(payload["events"]).map(String.init) ?? "?") events from event \(int(payload["first_event"]).map(String.init) ?? "?"), but the run has \(count) from event \(current.start)"
                    )
                }
                if committed[current.run] != nil {
                    runProblem(event.seq, "\(label(event)): the run was committed twice")
                }
                committed[current.run] = (event, payload)
            case .decline, .explanation_viewed, .margin:
                if let current = open {
                    runProblem(event.seq, "\(label(event)): inside the stretch of run \(current.run)")
                }
                if event.runID.map({ committed[$0] == nil }) ?? true {
                    runProblem(event.seq, "\(label(event)): it refers to a run not committed before it")
                }
                if kind == .decline { declineEvents.append(event) }
                if kind == .margin { marginEvents.append(event) }
            case .token_created, .token_revoked:
                if let current = open {
                    runProblem(event.seq, "\(label(event)): inside the stretch of run \(current.run)")
                }
                if event.runID != nil {
                    runProblem(event.seq, "\(label(event)): a token event names a run")
                }
            case .signed_in, .signed_out:
                if let current = open {
                    runProblem(event.seq, "\(label(event)): inside the stretch of run \(current.run)")
                }
                if event.runID != nil {
                    runProblem(event.seq, "\(label(event)): a sign-in or sign-out names no run")
                }
            }
        }

        // 1. The chain itself: numbering, links, hashes.
        var last: AuditEvent?
        var verifiedCount = 0
        var beyondHead: AuditEvent?
        var expectedHeadSeen = false
        var hashAtExpectedSeq: String?
        var previous = AuditChain.genesis
        var expected: Int64 = 1
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM events ORDER BY seq")
        walk: while let row = try cursor.next() {
            let event = Self.event(row)
            if event.seq != expected {
                if event.seq > expected {
                    problem(
                        expected,
                        "event \(expected): missing: the chain jumps from event \(expected - 1) to event \(event.seq) (events were removed)"
                    )
                } else {
                    problem(event.seq, "\(label(event)): out of sequence after event \(expected - 1)")
                }
                break walk
            }
            if event.previousHash != previous {
                problem(
                    event.seq,
                    "\(label(event)): its prev_hash is not the hash of event \(event.seq - 1): "
                        + "an event was changed and rehashed, removed, inserted or reordered here")
                break walk
            }
            if AuditChain.expectedHash(of: event) != event.hash {
                problem(event.seq, "\(label(event)): hash mismatch: the event was changed (or moved)")
                break walk
            }
            if AuditEventKind(rawValue: event.kind) == nil {
                problem(event.seq, "\(label(event)): unknown kind of event")
            } else if event.payloadObject == nil {
                problem(event.seq, "\(label(event)): its payload is not a JSON object")
            }
            structure(event)
            if event.hash == expectedHead { expectedHeadSeen = true }
            if event.seq == expectedSeq { hashAtExpectedSeq = event.hash }
            if let headSeqRecorded, event.seq == headSeqRecorded + 1 { beyondHead = event }
            verifiedCount += 1
            last = event
            previous = event.hash
            expected += 1
        }

        // 2. The head: a cut-off tail leaves it pointing past the last event.
        if problems.isEmpty {
            let lastSeq = last?.seq ?? 0
            if let head {
                let headSeq: Int64 = head["seq"]
                let headHash: String = head["hash"]
                if headSeq > lastSeq {
                    problem(
                        lastSeq + 1,
                        "event \(lastSeq + 1): missing: the chain ends at event \(lastSeq) but its head records event \(headSeq) (the tail was cut off)"
                    )
                } else if headSeq < lastSeq {
                    problem(
                        headSeq + 1,
                        "\(beyondHead.map(label) ?? "event \(headSeq + 1)"): beyond the chain head (event \(headSeq)): events were appended outside the store"
                    )
                } else if headHash != (last?.hash ?? AuditChain.genesis) {
                    problem(
                        lastSeq,
                        "event \(lastSeq): its hash is not the one the chain head records: the last event was replaced")
                }
            } else {
                problem(
                    lastSeq + 1,
                    "event \(lastSeq + 1): the chain head row is missing, so a cut-off tail cannot be ruled out")
            }
        }
        // Past a break or a cut-off tail the chain cannot be trusted, so a run left open there
        // is a symptom of that problem, not a partial run of its own.
        let chainBroken = !problems.isEmpty
        if let expectedHead, let expectedSeq {
            if hashAtExpectedSeq != expectedHead {
                problem(
                    nil,
                    "the anchor (event \(expectedSeq), \(expectedHead)) is not in the verified chain: "
                        + "the chain was rewritten or cut before it (\(verifiedCount) verified event\(verifiedCount == 1 ? "" : "s"))"
                )
            }
        } else if let expectedHead, !expectedHeadSeen {
            problem(
                nil,
                "the head \(expectedHead) noted earlier is not in the verified chain: the chain was rewritten or cut before it"
            )
        }
        problems += runProblems
        if let open, !chainBroken {
            problem(
                open.start,
                "event \(open.start) (run_started, run \(open.run)): the run was never committed (a partial run)")
        }

        // 4. Run and decision rows against what run_committed recorded.
        let runRows = try Row.fetchAll(db, sql: "SELECT id, number FROM runs ORDER BY number")
        var runIDs: Set<String> = []
        var unchecked = 0
        for row in runRows {
            let id: String = row["id"]
            let number: Int = row["number"]
            runIDs.insert(id)
            guard let (event, payload) = committed[id] else {
                if chainBroken {
                    unchecked += 1
                } else {
                    problem(
                        nil,
                        "run \(id) (number \(number)) has no run_committed event in the verified chain: its events were cut off, or the row was added outside the store"
                    )
                }
                continue
            }
            if try runHash(id, in: db) != payload["run_sha256"] as? String || int(payload["number"]) != number {
                problem(
                    event.seq,
                    "\(label(event)): the runs row no longer matches the run_sha256 recorded here: the run row was edited"
                )
            }
            let phase = try Int.fetchOne(
                db, sql: "SELECT candidates FROM margin_phases WHERE run_id = ?", arguments: [id])
            if phase != int(payload["margins_after_commit"]) {
                problem(
                    event.seq,
                    "\(label(event)): the run's margin phase row does not match what run_committed recorded: it was added, edited or removed"
                )
            }
            if try decisionsHash(id, in: db) != payload["decisions_sha256"] as? String {
                problem(
                    event.seq,
                    "\(label(event)): the decision rows no longer match the decisions_sha256 recorded here: a decision was edited, added or removed"
                )
            }
        }
        if unchecked > 0 {
            problem(
                nil,
                "\(unchecked) run\(unchecked == 1 ? "" : "s") committed past the first bad event could not be checked")
        }
        for (id, entry) in committed where !runIDs.contains(id) {
            problem(entry.event.seq, "\(label(entry.event)): the run row is missing: it was deleted")
        }

        // 5. Declines against their events.
        let declineRows = try Row.fetchAll(
            db, sql: "SELECT * FROM declines ORDER BY declined_at, run_id, application_id")
        var unmatched = declineRows.map { row -> [String] in
            [row["run_id"], row["application_id"], row["person_id"], row["follow_up_run_id"]]
        }
        for event in declineEvents {
            let payload = event.payloadObject ?? [:]
            let key = ["run", "application", "person", "follow_up_run"].map { payload[$0] as? String ?? "" }
            if let index = unmatched.firstIndex(of: key) {
                unmatched.remove(at: index)
            } else {
                problem(
                    event.seq, "\(label(event)): no matching row in declines: the decline row was edited or deleted")
            }
        }
        for row in unmatched where !chainBroken {
            problem(nil, "the decline of \(row[1]) in run \(row[0]) has no decline event in the chain")
        }

        // 5b. Margins stored after their run against their events.
        problems += try verifyMargins(db, events: marginEvents, chainBroken: chainBroken)

        // 6. Stored input bytes.
        for row in try Row.fetchAll(db, sql: "SELECT sha256, bytes FROM input_files ORDER BY sha256") {
            let sha: String = row["sha256"]
            let bytes: Data = row["bytes"] ?? Data()
            if Hexadecimal.sha256([UInt8](bytes)) != sha {
                problem(
                    nil, "input file \(sha): its stored bytes no longer match their SHA-256: a stored input was changed"
                )
            }
        }

        // 7. The protection itself.
        let triggers = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        for name in expectedTriggers where !triggers.contains(name) {
            problem(nil, "trigger \(name) is missing: the store's append-only protection was removed")
        }

        let ordered = problems.enumerated().sorted { left, right in
            switch (left.element.seq, right.element.seq) {
            case (let a?, let b?): return a != b ? a < b : left.offset < right.offset
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return left.offset < right.offset
            }
        }.map(\.element)
        return AuditReport(
            events: eventCount, runs: runCount, headSeq: head.map { $0["seq"] } ?? 0,
            headHash: head.map { $0["hash"] } ?? AuditChain.genesis, problems: ordered)
    }

    static func int(_ value: Any?) -> Int? {
        if let number = value as? NSNumber { return number.intValue }
        return value as? Int
    }
}
