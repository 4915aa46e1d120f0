import Foundation

/// Runs independent jobs on several threads and returns their results in job order.
///
/// Each job runs wholly on one thread, so a GLPK solve inside it creates, solves and frees its
/// problem on that thread (GLPK keeps its environment per thread). Threads are plain
/// `Thread`s with 8 MiB stacks, like the main thread GLPK is used to; the cooperative pool's
/// stacks are smaller. The results do not depend on the scheduling: job i's result is stored
/// at i, and when jobs fail, the error of the lowest-numbered failing job is thrown.
package enum ParallelWork {
    /// The default width: the cores available to this process.
    static var defaultWidth: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    final class State<Result>: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
        var done = 0
        var results: [Result?]
        var failure: (index: Int, error: any Error)?

        init(count: Int) { results = Array(repeating: nil, count: count) }
    }

    /// `job(0) ... job(count - 1)` on up to `width` threads; `finished(done)` is called (on
    /// the worker that finished, serialised) after each job.
    package static func map<Result: Sendable>(
        count: Int, width: Int = defaultWidth,
        finished: (@Sendable (Int) -> Void)? = nil,
        _ job: @escaping @Sendable (Int) throws -> Result
    ) throws -> [Result] {
        guard count > 0 else { return [] }
        let state = State<Result>(count: count)
        let work: @Sendable () -> Void = {
            while true {
                state.lock.lock()
                let index = state.next
                let stop = index >= count || state.failure.map { $0.index < index } == true
                if !stop { state.next += 1 }
                state.lock.unlock()
                if stop { return }
                do {
                    let result = try job(index)
                    state.lock.lock()
                    state.results[index] = result
                    state.done += 1
                    finished?(state.done)
                    state.lock.unlock()
                } catch {
                    state.lock.lock()
                    if state.failure.map({ index < $0.index }) ?? true { state.failure = (index, error) }
                    state.lock.unlock()
                }
            }
        }
        let threads = min(max(1, width), count)
        if threads == 1 {
            work()
        } else {
            let group = DispatchGroup()
            for _ in 0..<threads {
                group.enter()
                let thread = Thread {
                    work()
                    group.leave()
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
            group.wait()
        }
        if let failure = state.failure { throw failure.error }
        return state.results.map { $0! }
    }
}
