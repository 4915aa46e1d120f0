import Foundation
import GRDB
import Testing

@testable import FellowshipCore
@testable import FellowshipStore

/// Small stores built from inline inputs.
enum StoreFixtures {
    static func at(_ minute: Int) -> String { "2020-05-20T10:\(minute < 10 ? "0" : "")\(minute):00Z" }

    /// Five ticket-only applicants; the default budget of `policy` funds three of them.
    static let rows = [
        Fixtures.applicationRow("A-1", ["submitted_at": at(1), "request": "ticket", "country": "SEN"]),
        Fixtures.applicationRow(
            "A-2", ["submitted_at": at(2), "request": "ticket", "country": "NPL", "gender": "male"]),
        Fixtures.applicationRow("A-3", ["submitted_at": at(3), "request": "ticket", "country": "BOL"]),
        Fixtures.applicationRow(
            "A-4", ["submitted_at": at(4), "request": "ticket", "country": "EGY", "gender": "male"]),
        Fixtures.applicationRow(
            "A-5", ["submitted_at": at(5), "request": "ticket", "country": "SEN", "contributions": "0"]),
        Fixtures.applicationRow("A-6", ["submitted_at": at(6), "request": "ticket", "country": "FRA"]),
    ]
    static let policy = "{\"budget\": 4500}"

    static func meeting(id: String = "SG20-2020-07", year: Int = 2020) -> String {
        Fixtures.meetingJSON.replacingOccurrences(of: "SG20-2020-07", with: id)
            .replacingOccurrences(of: "\"financial_year\": 2020", with: "\"financial_year\": \(year)")
    }

    static func sources(
        rows: [String] = rows, policy: String = policy, meeting: String = meeting(), budget: Money? = nil
    ) -> RunSources {
        RunSources(
            meeting: Fixtures.source("meeting.json", meeting),
            applications: Fixtures.source("applications.csv", Fixtures.applicationsCSV(rows)),
            policy: Fixtures.source("policy.json", policy),
            countries: Fixtures.source("countries.csv", Fixtures.countriesCSV), budgetOverride: budget)
    }

    /// A fresh store in a temporary file (removed by the caller's `defer`).
    static func temporaryStore() throws -> (RunStore, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fellowship-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try RunStore(path: directory.appendingPathComponent("fellowship.sqlite").path)
        return (store, directory)
    }

    /// Runs raw SQL on the store's file, as a tamperer would (no transaction wrapper).
    static func tamper(_ store: RunStore, _ sql: String, _ arguments: StatementArguments = []) throws {
        try store.writer.writeWithoutTransaction { db in try db.execute(sql: sql, arguments: arguments) }
    }

    static func dropTriggers(_ store: RunStore) throws {
        for name in RunStore.expectedTriggers { try tamper(store, "DROP TRIGGER IF EXISTS \(name)") }
    }
}

@Suite("Store")
struct StoreTests {
    @Test("the schema is the named migrations, applied in order")
    func migrations() throws {
        let store = try RunStore.inMemory()
        #expect(
            try store.appliedMigrations() == [
                "v1-audit-triggers", "v1-schema", "v2-service", "v3-hardening", "v3-letters", "v3-margins",
                "v3-sessions",
            ])
        #expect(try store.verify().isIntact)
        #expect(try store.verify().events == 0)
    }

    @Test("a stored run reads back exactly: inputs, allocation, V, reasons, margins")
    func roundTrip() throws {
        let store = try RunStore.inMemory()
        let sources = StoreFixtures.sources()
        let stored = try store.allocate(sources)
        let direct = try Allocator.allocate(Screening(inputs: try sources.load()))
        let loaded = try store.loadRun(id: stored.id)
        #expect(loaded.number == 1)
        #expect(loaded.kind == .allocate)
        #expect(loaded.result.decisions == direct.decisions)
        #expect(loaded.result.allocation == direct.allocation)
        #expect(loaded.result.value == direct.value)
        #expect(loaded.result.bound == stored.result.bound)
        #expect(loaded.result.reasons == direct.reasons)
        #expect(loaded.result.status == .optimal)
        #expect(loaded.inputs.hashes == direct.screening.inputs.hashes)
        #expect(loaded.sources.applications.bytes == sources.applications.bytes)
        #expect(loaded.margins == stored.margins)
        #expect(loaded.margins.count == direct.problem.candidates.count)
        // Margins are recorded (MarginCalculator), not left null.
        for rank in direct.problem.candidates.indices {
            let expected = try MarginCalculator.margin(rank: rank, result: direct).margin.value
            #expect(loaded.margins[rank] == expected)
        }
        #expect(loaded.margins.contains { $0 != nil })
        let report = try store.verify()
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.runs == 1)
    }

    @Test("a run's events: started, inputs, gates per application, solver, decision per application, committed")
    func eventsOfARun() throws {
        let store = try RunStore.inMemory()
        let run = try store.allocate(StoreFixtures.sources())
        let events = try store.events(runID: run.id)
        let count = StoreFixtures.rows.count
        #expect(
            events.map(\.kind) == ["run_started", "inputs"] + Array(repeating: "gates", count: count)
                + ["solver_result"] + Array(repeating: "decision", count: count) + ["run_committed"]
                // The margins follow the committed decisions, one event each (issue #12).
                + Array(repeating: "margin", count: run.result.problem.candidates.count))
        #expect(events.map(\.seq) == Array(1...Int64(events.count)))
        #expect(events[0].previousHash == AuditChain.genesis)
        let gates = events.filter { $0.kind == "gates" }.map(\.summary)
        #expect(gates.last == "A-6 (P-A-6): country_not_eligible")
        let decisions = events.filter { $0.kind == "decision" }.compactMap(\.payloadObject)
        #expect(decisions.allSatisfy { $0.keys.contains("margin") && $0.keys.contains("reasons") })
        let committed = try #require(events.first { $0.kind == "run_committed" }?.payloadObject)
        #expect(RunStore.int(committed["events"]) == events.filter { $0.kind != "margin" }.count)
    }

    @Test("no names or genders in the audit events: only ids and hashes")
    func pseudonymous() throws {
        let store = try RunStore.inMemory()
        let run = try store.allocate(StoreFixtures.sources())
        let text = try store.events(runID: run.id).map { $0.payload + $0.at + $0.kind }.joined()
        for index in 1...6 { #expect(!text.contains("Name A-\(index)")) }
        #expect(!text.contains("female") && !text.contains("male") && !text.contains("gender"))
        #expect(text.contains("P-A-1") && text.contains("A-1"))
        // The names are in the input snapshot, where they belong.
        let names = try store.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM snapshot_applications ORDER BY position")
        }
        #expect(names.first == "Name A-1")
    }

    @Test("triggers refuse UPDATE and DELETE on events, runs and decisions, and an event that does not extend the head")
    func appendOnly() throws {
        let store = try RunStore.inMemory()
        let run = try store.allocate(StoreFixtures.sources())
        let refused = [
            "UPDATE events SET payload = '{}' WHERE seq = 3",
            "DELETE FROM events WHERE seq = 3",
            "UPDATE runs SET value = 0",
            "DELETE FROM runs",
            "UPDATE decisions SET outcome = 'awarded'",
            "DELETE FROM decisions",
            "UPDATE input_files SET size = 0",
            "UPDATE snapshot_applications SET name = 'x'",
            "UPDATE chain_head SET seq = 1",
            "DELETE FROM chain_head",
            "INSERT INTO events (seq, at, run_id, kind, payload, prev_hash, hash) VALUES (1000, 'x', NULL, 'decline', '{}', 'x', 'y')",
        ]
        for sql in refused {
            #expect(throws: DatabaseError.self, "\(sql)") { try StoreFixtures.tamper(store, sql) }
        }
        #expect(try store.verify().isIntact)
        #expect(try store.loadRun(id: run.id).result.value == run.result.value)
    }

    @Test("--budget is stored with the run and applied again when it is read back")
    func budgetOverride() throws {
        let store = try RunStore.inMemory()
        let run = try store.allocate(StoreFixtures.sources(budget: Money(cents: 300_000)))
        #expect(run.result.tally.awards == 2)
        let loaded = try store.loadRun(id: run.id)
        #expect(loaded.sources.budgetOverride == Money(cents: 300_000))
        #expect(loaded.result.problem.budget == Money(cents: 300_000))
        #expect(loaded.result.decisions == run.result.decisions)
    }

    @Test("the financial-year limit counts awards committed at other meetings of the same year")
    func financialYearLimit() throws {
        let store = try RunStore.inMemory()
        let first = try store.allocate(StoreFixtures.sources(rows: [StoreFixtures.rows[0]]))
        #expect(first.result.decisions[0].outcome == .awarded)

        // The same person applies to another meeting of 2020, declaring one partial fellowship
        // already (not the stored one): with the stored award that makes two.
        let second = Fixtures.applicationRow(
            "B-1",
            [
                "person_id": "P-A-1", "submitted_at": StoreFixtures.at(1), "request": "ticket", "prior_partial_fy": "1",
            ])
        let other = try store.allocate(
            StoreFixtures.sources(rows: [second], meeting: StoreFixtures.meeting(id: "SG20-2020-11")))
        #expect(other.committed == ["P-A-1": PriorAwards(partial: 1, full: 0)])
        #expect(other.result.decisions[0].outcome == .ineligible)
        #expect(other.result.decisions[0].reasons == ["annual_limit_reached"])
        // Without the store it would have been eligible.
        let alone = try Allocator.allocate(Screening(inputs: try StoreFixtures.sources(rows: [second]).load()))
        #expect(alone.decisions[0].outcome == .awarded)

        // Another financial year does not count it.
        let nextYear = try store.allocate(
            StoreFixtures.sources(rows: [second], meeting: StoreFixtures.meeting(id: "SG20-2021-03", year: 2021)))
        #expect(nextYear.committed.isEmpty)
        #expect(nextYear.result.decisions[0].outcome == .awarded)

        // A re-run of the first meeting does not count its own earlier run.
        let rerun = try store.allocate(StoreFixtures.sources(rows: [StoreFixtures.rows[0]]))
        #expect(rerun.committed.isEmpty)
        #expect(rerun.result.decisions[0].outcome == .awarded)
        // The stored run of SG20-2020-11 reads back with the awards it counted.
        let loaded = try store.loadRun(id: other.id)
        #expect(loaded.committed == other.committed)
        #expect(loaded.result.decisions == other.result.decisions)
        #expect(try store.verify().isIntact)
    }

    @Test("decline and reallocation: other awards kept, freed money re-optimised, both audited")
    func declineAndReallocate() throws {
        let store = try RunStore.inMemory()
        let parent = try store.allocate(StoreFixtures.sources())
        let decisions = parent.result.decisions
        let awarded = decisions.filter { $0.outcome == .awarded }
        #expect(awarded.count == 3)
        let decliner = awarded[1].applicant

        let outcome = try store.decline(runID: parent.id, applicationID: decliner)
        let followUp = outcome.followUp
        #expect(followUp.kind == .reallocation)
        #expect(followUp.parentRunID == parent.id)
        #expect(followUp.number == 2)
        #expect(outcome.freed == Money(cents: 148_000))
        #expect(followUp.declined == [decliner])
        #expect(Set(followUp.fixed) == Set(awarded.map(\.applicant)).subtracting([decliner]))
        let after = followUp.result.decisions
        for (before, now) in zip(decisions, after) {
            if before.outcome == .awarded && before.applicant != decliner {
                #expect(now.outcome == .awarded && now.component == before.component, "\(before.applicant) kept")
            }
            if before.applicant == decliner { #expect(now.outcome != .awarded) }
        }
        // The freed ticket funds someone who was not awarded.
        #expect(outcome.newAwards.count == 1)
        let newcomer = try #require(outcome.newAwards.first)
        #expect(decisions.first { $0.applicant == newcomer.applicant }?.outcome == .not_awarded)
        #expect(followUp.result.tally.awards == 3)
        #expect(followUp.result.problem.isFeasible(followUp.result.allocation))

        // Audited: the decline event, then the follow-up run's stretch.
        let parentEvents = try store.events(runID: parent.id)
        #expect(parentEvents.last?.kind == "decline")
        #expect(parentEvents.last?.summary.contains(followUp.id) == true)
        let followEvents = try store.events(runID: followUp.id)
        #expect(followEvents.first?.kind == "run_started")
        #expect(followEvents.first!.seq == parentEvents.last!.seq + 1)
        #expect(followEvents.last?.kind == "run_committed")
        let declinedEvent = followEvents.first { $0.kind == "decision" && $0.payload.contains("\"\(decliner)\"") }
        #expect(declinedEvent?.payloadObject?["outcome"] as? String == "declined")

        // Margins are measured under the run's conditions: none for kept or declined awards.
        let conditions = followUp.conditions
        #expect(conditions.fixed.count == 2 && conditions.excluded.count == 1)
        for rank in followUp.result.problem.candidates.indices {
            let pinned = conditions.fixed[rank] != nil || conditions.excluded.contains(rank)
            let expected = try MarginCalculator.margin(rank: rank, result: followUp.result, base: conditions).margin
                .value
            #expect(followUp.margins[rank] == expected)
            if pinned { #expect(followUp.margins[rank] == nil) }
        }
        #expect(followUp.margins.contains { $0 != nil })

        // It reads back; the decline no longer counts; the chain verifies.
        let loaded = try store.loadRun(id: followUp.id)
        #expect(loaded.result.decisions == followUp.result.decisions)
        #expect(loaded.result.allocation == followUp.result.allocation)
        #expect(loaded.declined == [decliner])
        #expect(loaded.conditions.fixed == conditions.fixed && loaded.conditions.excluded == conditions.excluded)
        #expect(loaded.margins == followUp.margins)
        let report = try store.verify()
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.runs == 2)

        // Refusals: the superseded parent, a non-award, the same decline twice.
        #expect(throws: StoreError.self) { try store.decline(runID: parent.id, applicationID: awarded[0].applicant) }
        let notAwarded = try #require(after.first { $0.outcome == .not_awarded }).applicant
        #expect(throws: StoreError.self) { try store.decline(runID: followUp.id, applicationID: notAwarded) }
        #expect(throws: StoreError.self) { try store.decline(runID: followUp.id, applicationID: decliner) }
        #expect(throws: StoreError.self) { try store.decline(runID: followUp.id, applicationID: "A-404") }

        // A second decline, from the follow-up, keeps the first decliner excluded.
        let second = try store.decline(runID: followUp.id, applicationID: newcomer.applicant)
        #expect(second.followUp.declined == [decliner, newcomer.applicant])
        let final = second.followUp.result.decisions
        #expect(final.first { $0.applicant == decliner }?.outcome != .awarded)
        #expect(try store.verify().isIntact)
        #expect(try store.runs().map(\.superseded) == [true, true, false])
    }

    @Test("a declined award no longer counts toward the financial-year limit at other meetings")
    func declineFreesTheLimit() throws {
        let store = try RunStore.inMemory()
        let parent = try store.allocate(StoreFixtures.sources())
        let holder = try #require(parent.result.decisions.first { $0.outcome == .awarded }).applicant
        let person = "P-" + holder
        #expect(
            try store.committedAwards(financialYear: 2020, excludingMeeting: "OTHER")[person] == PriorAwards(partial: 1)
        )
        _ = try store.decline(runID: parent.id, applicationID: holder)
        #expect(try store.committedAwards(financialYear: 2020, excludingMeeting: "OTHER")[person] == nil)
    }

    @Test("run ids can be given by a unique prefix")
    func prefixes() throws {
        let store = try RunStore.inMemory()
        let run = try store.allocate(StoreFixtures.sources())
        #expect(try store.resolveRunID(String(run.id.prefix(8))) == run.id)
        #expect(throws: StoreError.self) { try store.resolveRunID("zzzzzzzz") }
    }

    @Test("explanations viewed are recorded with the role only, after the run")
    func explanationViewed() throws {
        let store = try RunStore.inMemory()
        let run = try store.allocate(StoreFixtures.sources())
        try store.recordExplanationViewed(runID: run.id, applicationID: "A-2", role: "applicant")
        #expect(try store.events(runID: run.id).last?.summary == "explanation of A-2 viewed by applicant")
        #expect(throws: StoreError.self) {
            try store.recordExplanationViewed(runID: run.id, applicationID: "A-2", role: "Jane Doe")
        }
        #expect(try store.verify().isIntact)
    }

    @Test("a store reopened from its file holds the same run")
    func reopen() throws {
        let (store, directory) = try StoreFixtures.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try store.allocate(StoreFixtures.sources())
        let again = try RunStore(path: store.path!, create: false)
        #expect(try again.loadRun(id: run.id).result.decisions == run.result.decisions)
        #expect(throws: StoreError.self) {
            try RunStore(path: directory.appendingPathComponent("missing.sqlite").path, create: false)
        }
    }
}

@Suite("Store: service tables")
struct ServiceStoreTests {
    @Test("a run from uploaded inputs stores its snapshots although the upload stored the bytes first")
    func runFromUploads() throws {
        let store = try RunStore.inMemory()
        let meeting = InputSource(name: RunStore.meetingFileName, bytes: Array(Fixtures.meetingJSON.utf8))
        _ = try store.createMeeting(meeting)
        let countries = InputSource(name: "countries.csv", bytes: Array(Fixtures.countriesCSV.utf8))
        _ = try store.upload(.countries, countries, meetingID: "SG20-2020-07")
        let applications = Fixtures.applicationsHeader + "\n" + Fixtures.applicationRow("A-0001") + "\n"
        _ = try store.upload(
            .applications, InputSource(name: "applications.csv", bytes: Array(applications.utf8)),
            meetingID: "SG20-2020-07")
        _ = try store.upload(
            .policy, InputSource(name: "policy.json", bytes: Array(#"{"budget": 10000}"#.utf8)),
            meetingID: "SG20-2020-07")
        let run = try store.allocate(try store.meetingSources(id: "SG20-2020-07"), margins: false)
        let again = try store.loadRun(id: run.id)
        #expect(again.result.decisions == run.result.decisions)
        #expect(again.sources.applications.name == "applications.csv")
        #expect(try store.verify().isIntact)
        // The uploads are append-only like the run tables.
        #expect(throws: StoreError.self) {
            try store.write { db in try db.execute(sql: "DELETE FROM uploads") }
        }
        // A token changes only by its revocation; a reviewer token names no application.
        let token = try store.createToken(role: .reviewer, applicant: nil).token
        #expect(throws: StoreError.self) {
            try store.write { db in
                try db.execute(sql: "UPDATE access_tokens SET role = 'secretariat' WHERE id = ?", arguments: [token.id])
            }
        }
        #expect(throws: StoreError.self) {
            try store.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO access_tokens (id, sha256, role, applicant, created_at) VALUES ('t', ?, 'reviewer', 'A-1', 'now')",
                    arguments: [String(repeating: "a", count: 64)])
            }
        }
        #expect(try store.revokeToken(id: token.id).revokedAt != nil)
        #expect(try store.tokens().first?.revokedAt != nil)
    }
}
