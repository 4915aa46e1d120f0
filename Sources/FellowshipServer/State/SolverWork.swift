import Synchronization

/// One piece of work on the solver pool, as its body sees it: whether it has been asked to
/// stop, and how far it has come.
///
/// Why: GLPK cannot be interrupted safely in the middle of a solve, but a sweep is many
/// solves and a waitlist many margins. When every client that asked for the work has gone
/// away, the pool asks it to stop; the body checks between its solves and ends there, so the
/// worker is free after the solve in progress rather than after the whole sweep.
final class SolverWork: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let steps = Mutex<(done: Int, total: Int)>((0, 0))

    /// True once the work has been asked to stop.
    var isStopped: Bool { stopped.load(ordering: .acquiring) }

    func stop() { stopped.store(true, ordering: .releasing) }

    /// How far the work has come, in its own steps (a sweep's points, a waitlist's margins).
    func report(done: Int, total: Int) { steps.withLock { $0 = (done, total) } }

    var progress: (done: Int, total: Int) { steps.withLock { $0 } }
}

/// How a piece of solver work ended, as the pool keeps it for the tests and the log.
struct SolverOutcome: Sendable, Equatable {
    /// Stopped before its end because every client that asked for it had gone away.
    var stopped: Bool
    var done: Int
    var total: Int
}
