import FellowshipCore
import Foundation

/// Margins stored after their run (issue #12), for every store.
///
/// A run's decisions are committed as soon as the allocation is decided; the margins of MODEL.md
/// section 6 follow, each stored whole (value, method, the alternative allocation) with its own
/// `margin` event, a batch per transaction. So a run is never held up by its margins, a killed
/// margin phase loses at most the batch in flight, and any margin, once computed (by the margin
/// phase, `fellowship margins`, an explanation or a waitlist), is read back instead of being
/// solved again.
extension RunUseCases {
    /// Stores the margins computed on several threads in the order they were handed out:
    /// each result waits until every earlier one is there, then the ready prefix is written
    /// (serialised by the lock).
    final class MarginFlush: @unchecked Sendable {
        private let lock = NSLock()
        private var waiting: [Int: [MarginResult]] = [:]
        private var next = 0
        private var flushes = 0
        private var done: Int
        private let requested: Set<Int>
        private let total: Int
        private let progress: ProgressReporter?

        init(requested: Set<Int>, done: Int, total: Int, progress: ProgressReporter?) {
            self.requested = requested
            self.done = done
            self.total = total
            self.progress = progress
        }

        /// Whether the write under way is the first one (asked inside `write`).
        func isFirst() -> Bool { flushes == 1 }

        func add(_ results: [MarginResult], at position: Int, write: ([MarginResult]) throws -> Void) throws {
            lock.lock()
            defer { lock.unlock() }
            waiting[position] = results
            var ready: [MarginResult] = []
            while let results = waiting.removeValue(forKey: next) {
                ready += results
                next += 1
            }
            guard !ready.isEmpty else { return }
            flushes += 1
            try write(ready)
            done += ready.filter { requested.contains($0.rank) }.count
            progress?(RunProgress(.margins, done: min(done, total), total: total))
        }
    }

    /// Test hook (docs/audit.md): when the environment variable names a number of seconds, a
    /// process storing margins announces on stderr that it stored its first batch and sleeps
    /// that long, so a test can kill it in the middle of a margin phase.
    static let marginPauseVariable = "FELLOWSHIP_MARGIN_TEST_PAUSE_SECONDS"

    /// The margins of `ranks` of `run` (in the order given): those stored are read back, the
    /// others are computed in parallel and stored, a batch per transaction, as they complete.
    /// `progress` counts the stored ones as done. The result does not depend on what was
    /// stored before: a stored margin is the one `MarginCalculator` computed for the same run.
    /// - Parameter stop: asked before each batch; when it answers true the work stops there and
    ///   only the margins known by then are returned (those not computed stay pending).
    static func margins(
        of run: StoredRun, ranks: [Int], progress: ProgressReporter?, stop: (@Sendable () -> Bool)?,
        in store: some RunPersistence
    ) throws -> [MarginResult] {
        let stored = try store.storedMargins(of: run)
        let work = MarginWork(result: run.result, base: run.conditions)
        let missing = Array(Set(ranks).subtracting(stored.keys)).sorted()
        let total = Set(ranks).count
        progress?(RunProgress(.margins, done: total - missing.count, total: total))
        // Clones of a stored margin need no solve (`CloneClasses`): they are stored first.
        let fromStored = missing.filter { work.toCompute([$0], known: stored).isEmpty }
        if !fromStored.isEmpty {
            try store.insertMargins(work.assemble(fromStored, known: stored, computed: []), of: run)
        }
        // The other classes' representatives are computed on every core without a barrier
        // between batches (a slow margin does not leave the other cores idle), each from the
        // run alone (`MarginWork.compute`), so what is computed does not depend on thread
        // timing or on the margins stored before. Results are stored in the order of `representatives`, each with the
        // clones asked for, as soon as everything before it is done: the chain's order is
        // deterministic, and a kill loses only the margins not yet stored.
        let representatives = work.toCompute(missing, known: stored)
        var members: [Int: [Int]] = [:]
        for rank in missing where !fromStored.contains(rank) {
            members[work.representative(rank), default: []].append(rank)
        }
        let membersOf = members
        let flush = MarginFlush(
            requested: Set(ranks), done: total - missing.count + fromStored.count, total: total, progress: progress)
        let pause = ProcessInfo.processInfo.environment[Self.marginPauseVariable].flatMap(Double.init)
        _ = try ParallelWork.map(count: representatives.count) { position -> Bool in
            if let stop, stop() { return false }
            let margin = try work.computeOne(representatives[position])
            let representative = representatives[position]
            let members = (membersOf[representative] ?? []).filter { $0 != representative }
            let batch = [margin] + work.assemble(members, known: [:], computed: [margin])
            try flush.add(batch, at: position) { ready in
                try store.insertMargins(ready, of: run)
                if flush.isFirst(), let pause {
                    FileHandle.standardError.write(Data("fellowship: test pause in the margin phase\n".utf8))
                    Thread.sleep(forTimeInterval: pause)
                }
            }
            return true
        }
        let known = try store.storedMargins(of: run)
        // Every rank is known unless `stop` ended the work early.
        return ranks.compactMap { known[$0] }
    }

}
