import Foundation
import GRDB
import Testing

@testable import FellowshipCore
@testable import FellowshipStore

/// The two implementations of `ServiceStore` (issue #14): the SQLite `RunStore` and the
/// in-memory `MemoryStore` run the same use cases, so the same inputs give the same decisions,
/// margins, follow-up runs and audit events in both, and the hashes the memory store records
/// of its rows are the ones SQLite gives the same rows.
@Suite("Store contract: SQLite and memory alike")
struct StoreContractTests {
    /// What differs between two stores by design (ids, times, and the hashes of rows that
    /// hold them); everything else of an event's payload must be equal.
    static let volatileKeys: Set<String> = [
        "run", "follow_up_run", "parent_run", "started_at", "solver_seconds", "margin_seconds", "run_sha256",
        "decisions_sha256", "margin_sha256", "token",
    ]

    /// The events of a store as (kind, payload without the volatile keys), in chain order.
    static func comparable(_ store: some ServiceStore) throws -> [String] {
        try store.allEvents().map { event in
            var payload = event.payloadObject ?? [:]
            for key in volatileKeys { payload.removeValue(forKey: key) }
            let data = try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])
            return event.kind + " " + String(decoding: data, as: UTF8.self)
        }
    }

    /// Decides a generated meeting, computes some margins, declines one award and computes the
    /// follow-up's margins, as the service would.
    static func exercise(_ store: some ServiceStore) throws -> (StoredRun, DeclineOutcome, [MarginResult]) {
        let sources = try GeneratedRuns.sources(count: 40, seed: 5, budget: Money(cents: 1_500_000))
        let run = try store.decide(sources, marginsAfterCommit: true, id: nil, progress: nil)
        let margins = try store.margins(of: run, ranks: Array(run.result.problem.candidates.indices.prefix(12)))
        let awarded = try #require(run.result.decisions.first { $0.outcome == .awarded })
        let outcome = try store.decline(runID: run.id, applicationID: awarded.applicant, margins: true)
        _ = try store.waitlist(of: try store.loadRun(id: outcome.followUp.id), limit: 3)
        return (try store.loadRun(id: run.id), outcome, margins)
    }

    @Test("the same meeting gives the same decisions, margins, decline and audit events in both stores")
    func sameBehaviour() throws {
        let sqlite = try RunStore.inMemory()
        let memory = MemoryStore()
        let (sqliteRun, sqliteDecline, sqliteMargins) = try Self.exercise(sqlite)
        let (memoryRun, memoryDecline, memoryMargins) = try Self.exercise(memory)

        #expect(sqliteRun.result.allocation == memoryRun.result.allocation)
        #expect(sqliteRun.result.decisions.map(\.reasons) == memoryRun.result.decisions.map(\.reasons))
        #expect(sqliteRun.margins == memoryRun.margins)
        #expect(sqliteRun.pendingMargins == memoryRun.pendingMargins && sqliteRun.pendingMargins > 0)
        #expect(sqliteMargins.map(\.margin) == memoryMargins.map(\.margin))
        #expect(sqliteMargins.map(\.alternative) == memoryMargins.map(\.alternative))
        #expect(sqliteDecline.freed == memoryDecline.freed)
        #expect(sqliteDecline.newAwards.map(\.applicant) == memoryDecline.newAwards.map(\.applicant))
        #expect(sqliteDecline.followUp.result.allocation == memoryDecline.followUp.result.allocation)
        #expect(try sqlite.runsWithPendingMargins() == [sqliteRun.id])
        #expect(try memory.runsWithPendingMargins() == [memoryRun.id])
        #expect(try sqlite.runs().map(\.superseded) == memory.runs().map(\.superseded))

        let sqliteEvents = try Self.comparable(sqlite)
        let memoryEvents = try Self.comparable(memory)
        #expect(sqliteEvents.count == memoryEvents.count)
        for (index, (left, right)) in zip(sqliteEvents, memoryEvents).enumerated() where left != right {
            Issue.record("event \(index + 1) differs:\n  sqlite: \(left)\n  memory: \(right)")
            break
        }
        #expect(try sqlite.verify().isIntact)
        let report = try memory.verify()
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.events == memoryEvents.count && report.runs == 2)
    }

    @Test("a record hashes in memory as its row hashes in SQLite (run, decisions and margin rows)")
    func recordHashes() throws {
        let store = try RunStore.inMemory()
        let run = try store.decide(
            GeneratedRuns.sources(count: 30, seed: 9, budget: Money(cents: 1_000_000)), marginsAfterCommit: true)
        _ = try store.margins(of: run, ranks: [0, 1, 2])
        try store.read { db in
            let record = try #require(try RunRecord.fetchOne(db, key: run.id))
            #expect(RunRows.hash(record, columns: RunStore.runColumns) == (try RunStore.runHash(run.id, in: db)))
            let decisions = try DecisionRecord.fetchAll(
                db, sql: "SELECT * FROM decisions WHERE run_id = ? ORDER BY position", arguments: [run.id])
            let fromRecords = Hexadecimal.sha256(
                JSONValue.array(decisions.map { RunRows.canonicalJSON($0, columns: RunStore.decisionColumns) })
                    .compact)
            #expect(fromRecords == (try RunStore.decisionsHash(run.id, in: db)))
            for margin in try MarginRecord.fetchAll(
                db, sql: "SELECT * FROM margins WHERE run_id = ?", arguments: [run.id])
            {
                #expect(
                    RunRows.hash(margin, columns: RunStore.marginColumns)
                        == (try RunStore.marginHash(runID: run.id, rank: margin.rank, in: db)))
            }
        }
    }

    @Test("the memory store's audit check finds an edited row or event")
    func memoryVerifyFindsTampering() throws {
        let store = MemoryStore()
        let run = try store.decide(
            GeneratedRuns.sources(count: 20, seed: 4, budget: Money(cents: 800_000)), marginsAfterCommit: false,
            id: nil, progress: nil)
        #expect(try store.verify().isIntact)
        let edited = store.copy()
        edited.write { tables in tables.runs[0].awards += 1 }
        #expect(try edited.verify().problems.contains { $0.message.contains("run row was edited") })
        let rehashed = store.copy()
        rehashed.write { tables in tables.events[3].payload = "{}" }
        #expect(try !rehashed.verify().isIntact)
        #expect(try store.verify(expectedHead: String(repeating: "b", count: 64)).isIntact == false)
        #expect(try store.chainAnchor(runID: run.id).seq == Int64(try store.allEvents().count))
    }

    /// Meetings, uploads, tokens and sessions through the contract: the answers, the refusals
    /// and the events written.
    static func administer(_ store: some ServiceStore) throws -> [String] {
        var log: [String] = []
        func note(_ body: () throws -> String) {
            do { log.append(try body()) } catch { log.append("refused: \(error)") }
        }
        let meeting = Fixtures.source("meeting.json", Fixtures.meetingJSON)
        note { try store.createMeeting(meeting).id }
        note { try store.createMeeting(meeting).id }
        let id = try store.serviceMeetings()[0].id
        let applications = Fixtures.source(
            "applications.csv",
            Fixtures.applicationsCSV([Fixtures.applicationRow("A-1"), Fixtures.applicationRow("A-2")]))
        note { try store.upload(.applications, applications, meetingID: id).name }
        note {
            try store.upload(.countries, Fixtures.source("countries.csv", Fixtures.countriesCSV), meetingID: id).name
        }
        note { try store.upload(.applications, applications, meetingID: id).name }
        note { "\(try store.meetingSources(id: id).applications.sha256 == applications.sha256)" }
        note { try store.upload(.policy, Fixtures.source("policy.json", "{\"budget\": \"x\"}"), meetingID: id).name }
        note { try store.upload(.policy, Fixtures.source("policy.json", "{}"), meetingID: id).name }
        note { "\(try store.serviceMeeting(id: id).uploads.keys.map(\.rawValue).sorted())" }
        note { try store.serviceMeeting(id: "nowhere").id }
        note { try store.createToken(role: .reviewer, applicant: "A-1", meeting: nil).token.role.rawValue }
        let reviewer = try store.createToken(role: .reviewer, applicant: nil, meeting: nil)
        let opened = try #require(try store.openSession(secret: reviewer.secret, now: Date()))
        note { "\(try store.session(id: opened.sessionID, now: Date())?.token.id == reviewer.token.id)" }
        note { "\(try store.sessionCount(tokenID: reviewer.token.id))" }
        note { try store.revokeToken(id: reviewer.token.id).revokedAt == nil ? "live" : "revoked" }
        note { try store.revokeToken(id: reviewer.token.id).id }
        note { "\(try store.session(id: opened.sessionID, now: Date()) == nil)" }
        note { "\(try store.activeToken(secret: reviewer.secret) == nil)" }
        note { "\(try store.tokens().count)" }
        log.append(contentsOf: try store.allEvents().map(\.kind))
        // The token's public id is drawn at random; the rest must match.
        return log.map { $0.replacingOccurrences(of: reviewer.token.id, with: "tok_…") }
    }

    @Test("meetings, uploads, tokens and sessions: the same answers, refusals and events in both stores")
    func sameAdministration() throws {
        let sqlite = try Self.administer(try RunStore.inMemory())
        let memory = try Self.administer(MemoryStore())
        #expect(sqlite == memory)
        #expect(sqlite.filter { $0.hasPrefix("refused") }.count == 7, "\(sqlite)")
        #expect(sqlite.suffix(3) == ["token_created", "signed_in", "token_revoked"])
    }
}
