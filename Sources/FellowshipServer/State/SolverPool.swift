import Foundation
import HTTPTypes
import Synchronization

/// The one pool for solver work (runs' margins, waitlists, explanations' margins, scenario
/// sweeps): at most `workers` solves at once, sized to the cores, and at most `queueLimit`
/// waiting behind them. Beyond that the request is refused at once with 503 and
/// `Retry-After`, rather than queued for minutes while its client gives up.
///
/// Why one pool: each GLPK solve occupies a core; without a bound, a burst of waitlist or
/// scenario requests starves everything else, the runs the secretariat started included.
/// Work is wrapped, not rewritten: a caller hands its blocking closure to `run`, which runs
/// it on a thread of its own once a worker is free (`SolverThread`), not on `Blocking`: a
/// solve holds its thread for seconds, and on `Blocking` (as many threads as cores) the
/// workers' solves would leave no thread for the store reads every request needs (its
/// token), so that while the pool was busy every request waited.
///
/// Cancellation (a request whose client has gone away, `ClientConnection.whileConnected`):
/// work whose task is cancelled while it waits in the queue leaves it without taking a
/// worker; work that is running is asked to stop (`SolverWork.isStopped`) and ends after the
/// solve in progress, since GLPK cannot be interrupted safely mid-solve.
final class SolverPool: Sendable {
    let workers: Int
    let queueLimit: Int

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct Book {
        var busy = 0
        var waiting: [Waiter] = []
        var nextID: UInt64 = 0
        var outcomes: [SolverOutcome] = []
    }

    private let book = Mutex(Book())

    /// Seconds a refused client is asked to wait before trying again.
    static let retryAfterSeconds = 5

    init(workers: Int? = nil, queueLimit: Int = 32) {
        let workers = workers ?? ProcessInfo.processInfo.activeProcessorCount
        self.workers = max(1, workers)
        self.queueLimit = max(0, queueLimit)
    }

    /// Runs `body` on a worker; 503 when every worker is busy and the queue is full.
    /// - Parameter queueAlways: wait for a worker even beyond the queue limit: for a run the
    ///   secretariat has started and been told is accepted (one per meeting at a time).
    func run<T: Sendable>(queueAlways: Bool = false, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await run(queueAlways: queueAlways, stoppable: { _ in try body() })
    }

    /// Runs `body` on a worker, as `run`; when the caller's task is cancelled while it runs,
    /// `body`'s `SolverWork` is asked to stop, and `body` is expected to check it between its
    /// solves and throw `CancellationError` there.
    func run<T: Sendable>(
        queueAlways: Bool = false, stoppable body: @escaping @Sendable (SolverWork) throws -> T
    ) async throws -> T {
        try await acquire(queueAlways: queueAlways)
        defer { release() }
        try Task.checkCancellation()
        let work = SolverWork()
        do {
            let value = try await withTaskCancellationHandler {
                try await SolverThread.run { try body(work) }
            } onCancel: {
                work.stop()
            }
            record(work, stopped: false)
            return value
        } catch {
            if work.isStopped {
                record(work, stopped: true)
                throw CancellationError()
            }
            throw error
        }
    }

    /// Solver work being done or waiting, for the tests and the log.
    var load: (busy: Int, waiting: Int) { book.withLock { ($0.busy, $0.waiting.count) } }

    /// How the last pieces of work (at most 16) ended, oldest first.
    var recentOutcomes: [SolverOutcome] { book.withLock { $0.outcomes } }

    private func record(_ work: SolverWork, stopped: Bool) {
        let progress = work.progress
        book.withLock { book in
            book.outcomes.append(SolverOutcome(stopped: stopped, done: progress.done, total: progress.total))
            if book.outcomes.count > 16 { book.outcomes.removeFirst() }
        }
    }

    private func acquire(queueAlways: Bool) async throws {
        enum Admission {
            case now
            case wait(UInt64)
            case refused, cancelled
        }
        let id = book.withLock { book -> UInt64 in
            book.nextID += 1
            return book.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let admission = book.withLock { book -> Admission in
                    // Checked under the lock that `onCancel` takes: a cancellation either
                    // came before (seen here) or finds the waiter in the queue.
                    if Task.isCancelled { return .cancelled }
                    if book.busy < workers {
                        book.busy += 1
                        return .now
                    }
                    guard queueAlways || book.waiting.count < queueLimit else { return .refused }
                    book.waiting.append(Waiter(id: id, continuation: continuation))
                    return .wait(id)
                }
                switch admission {
                case .now: continuation.resume()
                case .wait: break
                case .refused: continuation.resume(throwing: Self.busyError())
                case .cancelled: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            // Cancelled while waiting: leave the queue without taking a worker.
            let waiter = book.withLock { book -> Waiter? in
                guard let index = book.waiting.firstIndex(where: { $0.id == id }) else { return nil }
                return book.waiting.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Hands the worker to the next waiter, or frees it.
    private func release() {
        let next = book.withLock { book -> Waiter? in
            if book.waiting.isEmpty {
                book.busy -= 1
                return nil
            }
            return book.waiting.removeFirst()
        }
        next?.continuation.resume()
    }

    static func busyError() -> ServiceError {
        ServiceError(
            .serviceUnavailable, "the solver is busy with other requests; try again in \(retryAfterSeconds) seconds")
    }
}

/// Runs one piece of solver work on a thread of its own, with the 8 MiB stack GLPK is used
/// to (as `ParallelWork` does); the work is created, solved and freed on that thread.
enum SolverThread {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
