import Foundation
import GRDB
import Testing

@testable import FellowshipCore
@testable import FellowshipStore

/// `audit verify` against every kind of tampering: each is done as a tamperer would, after
/// dropping the triggers, directly in the SQLite file.
@Suite("Audit chain")
struct AuditChainTests {
    /// A store with two runs and a decline, its events and the first run's id.
    func store() throws -> (store: RunStore, events: [AuditEvent], run: String, directory: URL) {
        let (store, directory) = try StoreFixtures.temporaryStore()
        let run = try store.allocate(StoreFixtures.sources())
        let holder = try #require(run.result.decisions.first { $0.outcome == .awarded }).applicant
        _ = try store.decline(runID: run.id, applicationID: holder)
        let report = try store.verify()
        #expect(report.isIntact, "\(report.problems)")
        return (store, try store.allAllEvents(), run.id, directory)
    }

    func firstProblem(_ store: RunStore) throws -> AuditReport.Problem {
        let report = try store.verify()
        #expect(!report.isIntact)
        return try #require(report.problems.first)
    }

    @Test("the hash is SHA-256 of the envelope defined in docs/audit.md")
    func hashDefinition() throws {
        let envelope = AuditChain.envelope(
            seq: 1, at: "2020-07-01T00:00:00.000Z", runID: "r", kind: "decision",
            payload: "{\"a\":1}", previousHash: AuditChain.genesis)
        #expect(
            envelope
                == "{\"seq\":1,\"at\":\"2020-07-01T00:00:00.000Z\",\"run\":\"r\",\"kind\":\"decision\",\"payload\":{\"a\":1},\"prev\":\"\(AuditChain.genesis)\"}"
        )
        #expect(Hexadecimal.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let (store, events, _, directory) = try self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = store
        for (index, event) in events.enumerated() {
            #expect(
                event.hash
                    == Hexadecimal.sha256(
                        AuditChain.envelope(
                            seq: event.seq, at: event.at, runID: event.runID, kind: event.kind, payload: event.payload,
                            previousHash: event.previousHash)))
            #expect(event.previousHash == (index == 0 ? AuditChain.genesis : events[index - 1].hash))
        }
    }

    @Test("a changed event is named by its hash mismatch")
    func changed() throws {
        let (store, events, _, directory) = try self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = try #require(events.first { $0.kind == "decision" && $0.payload.contains("\"awarded\"") })
        try StoreFixtures.dropTriggers(store)
        try StoreFixtures.tamper(
            store, "UPDATE events SET payload = replace(payload, '\"awarded\"', '\"not_awarded\"') WHERE seq = ?",
            [target.seq])
        let problem = try firstProblem(store)
        #expect(problem.seq == target.seq)
        #expect(problem.message.hasPrefix("event \(target.seq) (decision, run "))
        #expect(problem.message.contains("hash mismatch"))
    }

    @Test("a changed and rehashed event breaks the link of the next one")
    func changedAndRehashed() throws {
        let (store, events, _, directory) = try self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = events[5]
        let payload = target.payload.replacingOccurrences(of: "\"gates\":[]", with: "\"gates\":[\"late_application\"]")
        let hash = AuditChain.hash(
            seq: target.seq, at: target.at, runID: target.runID, kind: target.kind,
            payload: payload, previousHash: target.previousHash)
        try StoreFixtures.dropTriggers(store)
        try StoreFixtures.tamper(
            store, "UPDATE events SET payload = ?, hash = ? WHERE seq = ?", [payload, hash, target.seq])
        let problem = try firstProblem(store)
        #expect(problem.seq == target.seq + 1)
        #expect(problem.message.contains("prev_hash is not the hash of event \(target.seq)"))
    }

    @Test("a deleted event is named as missing")
    func deleted() throws {
        let (store, _, _, directory) = try self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        try StoreFixtures.dropTriggers(store)
        try StoreFixtures.tamper(store, "DELETE FROM events WHERE seq = 7")
        let problem = try firstProblem(store)
        #expect(problem.seq == 7)
        #expect(problem.message == "event 7: missing: the chain jumps from event 6 to event 8 (events were removed)")
    }

    @Test("an inserted event is caught, with or without a well-formed hash")
    func inserted() throws {
        let (store, events, run, directory) = try self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        try StoreFixtures.dropTriggers(store)
        // Make room after event 4 and insert a forged event whose own hash is right.
        try StoreFixtures.tamper(store, "UPDATE events SET seq = -(seq + 1) WHERE seq > 4")
        try StoreFixtures.tamper(store, "UPDATE events SET seq = -seq WHERE seq < 0")
        let payload = "{\"application\":\"A-9\",\"person\":\"P-9\",\"gates\":[]}"
        let at = events[3].at
        let hash = AuditChain.hash(
            seq: 5, at: at, runID: run, kind: "gates", payload: payload, previousHash: events[3].hash)
        try StoreFixtures.tamper(
            store,
            "INSERT INTO events (seq, at, run_id, kind, payload, prev_hash, hash) VALUES (5, ?, ?, 'gates', ?, ?, ?)",
            [at, run, payload, events[3].hash, hash])
        let problem = try firstProblem(store)
        // The forged event links correctly; the event it pushed along no longer does.
        #expect(problem.seq == 6)
        #expect(problem.message.hasPrefix("event 6 (gates, run \(run))"))

        // Appended at the end with a made-up hash.
        let (other, otherEvents, _, otherDirectory) = try self.store()
        defer { try? FileManager.default.removeItem(at: otherDirectory) }
        let last = otherEvents.last!
        try StoreFixtures.dropTriggers(other)
        try StoreFixtures.tamper(
            other,
            "INSERT INTO events (seq, at, run_id, kind, payload, prev_hash, hash) VALUES (?, ?, NULL, 'decline', '{}', ?, ?)",
            [last.seq + 1, last.at, last.hash, String(repeating: "f", count: 64)])
        let appended = try firstProblem(other)
        #expect(appended.seq == last.seq + 1)
        #expect(appended.message.contains("hash mismatch"))
    }

    @Test("reordered events break the chain where the order changes")
    func reordered() throws {
        let (store, _, _, directory) = try self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        try StoreFixtures.dropTriggers(store)
        try StoreFixtures.tamper(store, "UPDATE events SET seq = -1 WHERE seq = 9")
        try StoreFixtures.tamper(store, "UPDATE events SET seq = 9 WHERE seq = 10")
        try StoreFixtures.tamper(store, "UPDATE events SET seq = 10 WHERE seq = -1")
        let problem = try firstProblem(store)
        #expect(problem.seq == 9)
        #expect(problem.message.contains("prev_hash is not the hash of event 8"))
    }

    @Test("a cut-off tail is caught by the chain head, and by the runs left without run_committed")
    func truncated() throws {
        let (store, events, _, directory) = try self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let last = events.count
        try StoreFixtures.dropTriggers(store)
        try StoreFixtures.tamper(store, "DELETE FROM events WHERE seq > ?", [last - 3])
        let problem = try firstProblem(store)
        #expect(problem.seq == Int64(last - 2))
        #expect(
            problem.message
                == "event \(last - 2): missing: the chain ends at event \(last - 3) but its head records event \(last) (the tail was cut off)"
        )

        // The tamperer also moves the head back: the follow-up run's row has lost its commit.
        try StoreFixtures.tamper(store, "UPDATE chain_head SET seq = ?, hash = ?", [last - 3, events[last - 4].hash])
        let report = try store.verify()
        #expect(!report.isIntact)
        #expect(report.problems.contains { $0.message.contains("has no run_committed event in the verified chain") })
        #expect(report.problems.contains { $0.message.contains("the run was never committed (a partial run)") })
        #expect(report.problems[0].seq == events.first { $0.kind == "run_started" && $0.seq > 1 }?.seq)
    }

    @Test("an edited run row or decision row is caught through run_committed")
    func editedRows() throws {
        let (store, events, run, directory) = try self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let committed = try #require(events.first { $0.kind == "run_committed" && $0.runID == run })
        try StoreFixtures.dropTriggers(store)
        try StoreFixtures.tamper(store, "UPDATE runs SET budget_cents = budget_cents + 100000 WHERE id = ?", [run])
        let problem = try firstProblem(store)
        #expect(problem.seq == committed.seq)
        #expect(
            problem.message
                == "event \(committed.seq) (run_committed, run \(run)): the runs row no longer matches the run_sha256 recorded here: the run row was edited"
        )

        let (other, otherEvents, otherRun, otherDirectory) = try self.store()
        defer { try? FileManager.default.removeItem(at: otherDirectory) }
        let otherCommitted = try #require(otherEvents.first { $0.kind == "run_committed" && $0.runID == otherRun })
        try StoreFixtures.dropTriggers(other)
        try StoreFixtures.tamper(
            other,
            "UPDATE decisions SET outcome = 'awarded', component = 'ticket', cost_cents = 148000 WHERE run_id = ? AND outcome = 'not_awarded'",
            [otherRun])
        let decision = try firstProblem(other)
        #expect(decision.seq == otherCommitted.seq)
        #expect(decision.message.contains("the decision rows no longer match"))
    }

    @Test("a deleted run row, a changed decline, changed input bytes and dropped triggers are all reported")
    func otherTables() throws {
        let (store, events, run, directory) = try self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        try StoreFixtures.dropTriggers(store)
        let report = try store.verify()
        #expect(report.problems.count == RunStore.expectedTriggers.count)
        #expect(report.problems[0].message.hasPrefix("trigger input_files_no_update is missing"))
        try StoreFixtures.tamper(store, "PRAGMA foreign_keys = OFF")
        try StoreFixtures.tamper(store, "UPDATE declines SET person_id = 'P-X'")
        try StoreFixtures.tamper(
            store, "UPDATE input_files SET bytes = X'00' WHERE size = (SELECT MAX(size) FROM input_files)")
        try StoreFixtures.tamper(store, "DELETE FROM decisions WHERE run_id = ?", [run])
        try StoreFixtures.tamper(store, "DELETE FROM runs WHERE id = ?", [run])
        let messages = try store.verify().problems.map(\.message)
        let committed = try #require(events.first { $0.kind == "run_committed" && $0.runID == run })
        #expect(
            messages[0] == "event \(committed.seq) (run_committed, run \(run)): the run row is missing: it was deleted")
        #expect(messages.contains { $0.contains("(decline, run \(run)): no matching row in declines") })
        #expect(messages.contains { $0.contains("its stored bytes no longer match their SHA-256") })
        #expect(messages.contains { $0.contains("has no decline event in the chain") })
    }

    @Test("a chain rewritten from scratch passes on its own but not against a head noted earlier")
    func rewritten() throws {
        let (store, events, _, directory) = try self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let noted = events.last!.hash
        #expect(try store.verify(expectedHead: noted).isIntact)
        // Rewrite one gates event and rehash everything after it, head included.
        try StoreFixtures.dropTriggers(store)
        var previous = AuditChain.genesis
        for event in events {
            let payload =
                event.seq == 4
                ? event.payload.replacingOccurrences(of: "\"gates\":[]", with: "\"gates\":[\"superseded\"]")
                : event.payload
            let hash = AuditChain.hash(
                seq: event.seq, at: event.at, runID: event.runID, kind: event.kind,
                payload: payload, previousHash: previous)
            try StoreFixtures.tamper(
                store, "UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                [payload, previous, hash, event.seq])
            previous = hash
        }
        try StoreFixtures.tamper(store, "UPDATE chain_head SET hash = ?", [previous])
        let alone = try store.verify()
        #expect(alone.problems.allSatisfy { $0.message.hasPrefix("trigger ") })
        let against = try store.verify(expectedHead: noted)
        #expect(against.problems.contains { $0.message.contains("noted earlier is not in the verified chain") })
    }
}

extension RunStore {
    /// Every event, for tests.
    func allAllEvents() throws -> [AuditEvent] { try allEvents() }
}
