import FellowshipCore
import HTTPTypes
import Logging
import Synchronization

/// The runs being decided in the background, at most one per meeting, and those that failed
/// (kept in memory, the newest 100; a failed run writes nothing to the store).
final class RunJobs: Sendable {
    enum State: Sendable {
        case running(meeting: String)
        case failed(meeting: String, ServiceError)
    }

    private struct Book {
        var busyMeetings: [String: String] = [:]
        var states: [String: State] = [:]
        var failedOrder: [String] = []
        var tasks: [String: Task<Void, Never>] = [:]
    }

    private let book = Mutex(Book())

    /// Claims `meeting` for the run `runID`; 409 when a run or a decline of it is in progress.
    /// - Parameter isDecline: a decline holds the meeting too, but is answered in its request,
    ///   so it is not listed among the runs in progress.
    func begin(meeting: String, runID: String, isDecline: Bool = false) throws {
        try book.withLock { book in
            if let other = book.busyMeetings[meeting] {
                let what = book.states[other] == nil ? "a decline" : "run \(other)"
                throw ServiceError(.conflict, "meeting \(meeting) has \(what) in progress; try again when it is stored")
            }
            book.busyMeetings[meeting] = runID
            if !isDecline { book.states[runID] = .running(meeting: meeting) }
        }
    }

    /// Starts `work` for a claimed run in the background; its failure is kept for `state(of:)`
    /// and logged with its reason (the request that started it has long been answered).
    func launch(
        runID: String, meeting: String, logger: Logger? = nil, _ work: @escaping @Sendable () async throws -> Void
    ) {
        let task = Task.detached {
            var failure: ServiceError?
            do {
                try await work()
            } catch {
                failure = ServiceError.from(error)
                logger?.error(
                    "run failed",
                    metadata: [
                        "run": "\(runID)", "status": "\(failure?.status.code ?? 500)",
                        "error": "\(String(reflecting: type(of: error)))", "detail": "\(ServiceError.logDetail(error))",
                    ])
            }
            self.finish(meeting: meeting, runID: runID, failure: failure)
        }
        book.withLock { book in
            if case .running? = book.states[runID] { book.tasks[runID] = task }
        }
    }

    /// Releases the meeting; a failure is remembered, a success leaves the run to the store.
    func finish(meeting: String, runID: String, failure: ServiceError?) {
        book.withLock { book in
            // Released already when the run's decisions were committed (`release`), and
            // perhaps claimed since by the next run of the meeting: that claim is not this run's.
            if book.busyMeetings[meeting] == runID { book.busyMeetings[meeting] = nil }
            book.tasks[runID] = nil
            if let failure {
                book.states[runID] = .failed(meeting: meeting, failure)
                book.failedOrder.append(runID)
                if book.failedOrder.count > 100 { book.states[book.failedOrder.removeFirst()] = nil }
            } else {
                book.states[runID] = nil
            }
        }
    }

    /// Frees `meeting` once run `runID`'s decisions are committed: its margins go on being
    /// computed and stored in the background (the run stays `running` here until they are),
    /// while the meeting may take a new run or a decline, as a stored run's meeting may.
    func release(meeting: String, runID: String) {
        book.withLock { book in
            if book.busyMeetings[meeting] == runID { book.busyMeetings[meeting] = nil }
        }
    }

    /// Whether another run or a decline of `meeting` has started since run `runID` released
    /// it: that run's margin phase then stops, its work superseded.
    func isClaimedByAnother(meeting: String, runID: String) -> Bool {
        book.withLock { book in book.busyMeetings[meeting].map { $0 != runID } ?? false }
    }

    func state(of runID: String) -> State? { book.withLock { $0.states[runID] } }

    /// The runs that failed (the newest 100), oldest first, with their reason.
    var failed: [(run: String, meeting: String, failure: ServiceError)] {
        book.withLock { book in
            book.failedOrder.compactMap { run in
                guard case .failed(let meeting, let failure)? = book.states[run] else { return nil }
                return (run: run, meeting: meeting, failure: failure)
            }
        }
    }

    /// The runs in progress, by id, with their meeting.
    var running: [(run: String, meeting: String)] {
        book.withLock { book in
            book.busyMeetings.filter { book.states[$0.value] != nil }.map { (run: $0.value, meeting: $0.key) }
                .sorted { $0.run < $1.run }
        }
    }

    /// Waits for every background run to be stored or to fail (graceful shutdown).
    func drain() async {
        while true {
            let tasks = book.withLock { Array($0.tasks.values) }
            if tasks.isEmpty { return }
            for task in tasks { await task.value }
        }
    }
}
