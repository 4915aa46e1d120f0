import Foundation
import Synchronization

/// The one pool for solver work (runs' margins, waitlists, explanations' margins, scenario
/// sweeps): at most `workers` solves at once, sized to the cores, and at most `queueLimit`
/// waiting behind them. Beyond that the request is refused at once with 503 and
/// `Retry-After`, rather than queued for minutes while its client gives up.
///
/// Why one pool: each GLPK solve occupies a core; without a bound, a burst of waitlist or
/// scenario requests starves everything else, the runs the secretariat started included.
/// Work is wrapped, not rewritten: a caller hands its blocking closure to `run`, which runs
/// it on `Blocking` once a worker is free. Work whose task is cancelled while it waits in the
/// queue leaves it without taking a worker; a solve that has started runs to its end, since
/// GLPK cannot be interrupted safely mid-solve. (Hummingbird does not cancel a handler when
/// its client disconnects, so that alone does not yet cancel work for a gone client.)
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
    }

    private let book = Mutex(Book())

    /// Seconds a refused client is asked to wait before trying again.
    static let retryAfterSeconds = 5

    init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, queueLimit: Int = 32) {
        self.workers = max(1, workers)
        self.queueLimit = max(0, queueLimit)
    }

    /// Runs `body` on a worker; 503 when every worker is busy and the queue is full.
    /// - Parameter queueAlways: wait for a worker even beyond the queue limit: for a run the
    ///   secretariat has started and been told is accepted (one per meeting at a time).
    func run<T: Sendable>(queueAlways: Bool = false, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await acquire(queueAlways: queueAlways)
        defer { release() }
        try Task.checkCancellation()
        return try await Blocking.run(body)
    }

    /// Solver work being done or waiting, for the tests and the log.
    var load: (busy: Int, waiting: Int) { book.withLock { ($0.busy, $0.waiting.count) } }

    private func acquire(queueAlways: Bool) async throws {
        enum Admission { case now, wait(UInt64), refused }
        let id = book.withLock { book -> UInt64 in
            book.nextID += 1
            return book.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let admission = book.withLock { book -> Admission in
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
        ServiceError(.serviceUnavailable, "the solver is busy with other requests; try again in \(retryAfterSeconds) seconds")
    }
}

/// Identical requests in flight share one computation: the second asker of the same
/// waitlist or the same margin awaits the first one's result instead of solving again.
final class InFlight<Value: Sendable>: Sendable {
    private let tasks = Mutex<[String: Task<Value, any Error>]>([:])

    func value(_ key: String, _ compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let task = tasks.withLock { tasks -> Task<Value, any Error> in
            if let running = tasks[key] { return running }
            let task = Task { try await compute() }
            tasks[key] = task
            return task
        }
        defer { tasks.withLock { tasks in if tasks[key] == task { tasks[key] = nil } } }
        return try await task.value
    }
}
