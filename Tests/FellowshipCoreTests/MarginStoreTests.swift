import Foundation
import GRDB
import Testing

@testable import FellowshipCore
@testable import FellowshipStore

/// Margins stored after their run (issue #12): decisions first, margins as they complete,
/// resumable, computed on demand, reused, and chained in the audit log.
@Suite("Stored margins after the decisions")
struct MarginStoreTests {
    /// Collects the progress reports (called from worker threads).
    final class ProgressLog: @unchecked Sendable {
        private let lock = NSLock()
        private var reports: [RunProgress] = []
        func add(_ progress: RunProgress) { lock.withLock { reports.append(progress) } }
        var all: [RunProgress] { lock.withLock { reports } }
        /// The phases in order, each once per stretch.
        var phases: [RunProgress.Phase] {
            all.map(\.phase).reduce(into: []) { list, phase in if list.last != phase { list.append(phase) } }
        }
    }

    /// A stored run of a generated meeting whose margin phase has not run yet.
    static func decided(_ store: RunStore, count: Int = 40, seed: UInt64 = 3) throws -> StoredRun {
        try store.decide(
            GeneratedRuns.sources(count: count, seed: seed, budget: Money(cents: 1_500_000)), marginsAfterCommit: true)
    }

    /// The margin `MarginCalculator` gives for `rank` afresh, compared field by field.
    static func expectSame(_ stored: MarginResult, _ fresh: MarginResult, _ note: String) {
        #expect(stored.rank == fresh.rank, "\(note)")
        #expect(stored.margin == fresh.margin, "\(note)")
        #expect(stored.method == fresh.method, "\(note)")
        #expect(stored.alternative == fresh.alternative, "\(note)")
    }

    @Test(
        "the decisions are committed before any margin; the margin phase then stores every margin, equal to a fresh computation"
    )
    func decisionsFirstThenMargins() throws {
        let store = try RunStore.inMemory()
        let run = try Self.decided(store)
        let candidates = run.result.problem.candidates.count
        #expect(candidates > 10)
        #expect(run.pendingMargins == candidates)
        #expect(try store.runsWithPendingMargins() == [run.id])
        let loaded = try store.loadRun(id: run.id)
        #expect(loaded.pendingMargins == candidates)
        #expect(loaded.margins.allSatisfy { $0 == nil })
        #expect(loaded.result.allocation == run.result.allocation)
        #expect(try store.verify().isIntact)

        let log = ProgressLog()
        let completed = try store.completeMargins(of: loaded) { log.add($0) }
        let seen = log.all
        #expect(completed.pendingMargins == 0)
        #expect(try store.runsWithPendingMargins().isEmpty)
        #expect(seen.last == RunProgress(.margins, done: candidates, total: candidates))
        #expect(seen.allSatisfy { $0.phase == .margins && $0.total == candidates })

        let reloaded = try store.loadRun(id: run.id)
        #expect(reloaded.pendingMargins == 0)
        let stored = try store.storedMargins(of: reloaded)
        #expect(stored.count == candidates)
        for rank in 0..<candidates {
            let fresh = try MarginCalculator.margin(rank: rank, result: run.result)
            Self.expectSame(try #require(stored[rank]), fresh, "rank \(rank)")
            #expect(reloaded.margins[rank] == fresh.margin.value)
        }
        let report = try store.verify()
        #expect(report.isIntact, "\(report.problems)")
        let events = try store.events(runID: run.id)
        #expect(events.filter { $0.kind == "margin" }.count == candidates)
        #expect(events.firstIndex { $0.kind == "run_committed" }! < events.firstIndex { $0.kind == "margin" }!)
        // Margin events carry ids, never names.
        let names = Set(reloaded.inputs.applications.map(\.name))
        #expect(!events.contains { event in names.contains { event.payload.contains($0) } })
    }

    @Test(
        "an interrupted margin phase is completed later, computing only what is missing; explanations compute and store on demand"
    )
    func resumedAndOnDemand() throws {
        let store = try RunStore.inMemory()
        let run = try Self.decided(store, seed: 5)
        let candidates = run.result.problem.candidates.count
        // An explanation before its margin is stored: computed, stored, and read back next time.
        let onDemand = try store.margins(of: run, ranks: [2])
        #expect(try store.storedMarginCount(runID: run.id) == 1)
        Self.expectSame(onDemand[0], try MarginCalculator.margin(rank: 2, result: run.result), "rank 2")
        let again = try store.margins(of: run, ranks: [2])
        #expect(again[0].margin == onDemand[0].margin && again[0].alternative == onDemand[0].alternative)
        #expect(try store.storedMarginCount(runID: run.id) == 1)
        // A phase cut short after some margins (as a kill between two batches leaves it).
        _ = try store.margins(of: run, ranks: Array(0..<min(7, candidates)))
        #expect(try store.storedMarginCount(runID: run.id) == min(7, candidates))
        #expect(try store.loadRun(id: run.id).pendingMargins == candidates - min(7, candidates))
        #expect(try store.verify().isIntact)
        let log = ProgressLog()
        _ = try store.completeMargins(of: try store.loadRun(id: run.id)) { log.add($0) }
        #expect(log.all.first?.done == min(7, candidates))
        #expect(try store.storedMarginCount(runID: run.id) == candidates)
        #expect(try store.events(runID: run.id).filter { $0.kind == "margin" }.count == candidates)
        #expect(try store.verify().isIntact)
        // Explaining a whole run again solves nothing: every margin is read back.
        let all = try store.margins(of: try store.loadRun(id: run.id), ranks: Array(0..<candidates))
        #expect(all.map(\.rank) == Array(0..<candidates))
        #expect(try store.events(runID: run.id).filter { $0.kind == "margin" }.count == candidates)
    }

    @Test("allocate stores the decisions, then the margins, and reports its phases")
    func allocateReportsPhases() throws {
        let store = try RunStore.inMemory()
        let log = ProgressLog()
        let run = try store.allocate(GeneratedRuns.sources(count: 30, seed: 11, budget: Money(cents: 1_000_000))) {
            log.add($0)
        }
        #expect(log.phases == [.reading, .screening, .solving, .storing, .margins])
        #expect(run.pendingMargins == 0)
        #expect(try store.runsWithPendingMargins().isEmpty)
        let loaded = try store.loadRun(id: run.id)
        #expect(loaded.margins == run.margins)
        #expect(loaded.margins.contains { $0 != nil })
        let committed = try #require(try store.events(runID: run.id).first { $0.kind == "run_committed" })
        #expect(committed.payload.contains("\"margins_after_commit\":\(run.result.problem.candidates.count)"))
    }

    @Test("audit verify catches an edited, a removed or an added margin, and an edited margin phase")
    func tamperedMargins() throws {
        let (store, directory) = try StoreFixtures.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try Self.decided(store, count: 30, seed: 9)
        _ = try store.margins(of: run, ranks: [0, 1, 2])
        #expect(try store.verify().isIntact)
        let path = try #require(store.path)
        func tampered(_ sql: String) throws -> [String] {
            let copy = directory.appendingPathComponent("copy-\(UUID().uuidString).sqlite").path
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            try DatabaseQueue(path: copy).writeWithoutTransaction { db in try db.execute(sql: sql) }
            return try RunStore(path: copy).verify().problems.map(\.message)
        }
        let edited = try tampered("DROP TRIGGER margins_no_update; UPDATE margins SET value = 99 WHERE rank = 1")
        #expect(edited.contains { $0.contains("the margin was edited") }, "\(edited)")
        let removed = try tampered("DROP TRIGGER margins_no_delete; DELETE FROM margins WHERE rank = 2")
        #expect(removed.contains { $0.contains("the margin row was deleted") }, "\(removed)")
        let added = try tampered(
            """
            INSERT INTO margins (run_id, rank, application_id, kind, value, optimum, alternative_optimum, method, exact,
                                 changes, seconds, computed_at)
            SELECT run_id, 5, application_id, kind, value, optimum, alternative_optimum, method, exact, changes, seconds,
                   computed_at FROM margins WHERE rank = 0
            """)
        #expect(added.contains { $0.contains("has no margin event") }, "\(added)")
        let phase = try tampered("DROP TRIGGER margin_phases_no_update; UPDATE margin_phases SET candidates = 1")
        #expect(phase.contains { $0.contains("margin phase row does not match") }, "\(phase)")
        let trigger = try tampered("DROP TRIGGER margins_no_delete")
        #expect(trigger.contains { $0.contains("margins_no_delete") }, "\(trigger)")
    }
}
