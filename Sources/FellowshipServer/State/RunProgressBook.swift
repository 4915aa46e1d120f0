import FellowshipCore
import Foundation
import Synchronization

/// How far each run started since the service began has come, for its status page: when
/// "start" was pressed, the newest `RunProgress` its work reported, and when it was stored.
/// Kept in memory for the newest 100 runs (a run's outcome is in the store; this is only the
/// story of its progress).
final class RunProgressBook: Sendable {
    struct Entry: Sendable {
        var meeting: String
        var startedAt: Date
        var progress: RunProgress
        /// When the decisions were committed: the first report of the margin phase, which
        /// begins right after the commit (`ServiceStore.allocate`).
        var storedAt: Date?
        var finishedAt: Date?
    }

    private struct Book {
        var entries: [String: Entry] = [:]
        var order: [String] = []
    }

    private let book = Mutex(Book())

    static let kept = 100

    /// Notes that `runID` of `meeting` was started now.
    func start(runID: String, meeting: String, at date: Date = Date()) {
        book.withLock { book in
            book.entries[runID] = Entry(meeting: meeting, startedAt: date, progress: RunProgress(.queued))
            book.order.append(runID)
            if book.order.count > Self.kept { book.entries[book.order.removeFirst()] = nil }
        }
    }

    /// The callback a run's work reports through.
    func reporter(runID: String) -> ProgressReporter {
        { progress in
            self.book.withLock { book in
                guard var entry = book.entries[runID] else { return }
                // Margins finish on several threads; never let a late report move the count back.
                if entry.progress.phase == progress.phase, progress.done < entry.progress.done { return }
                if progress.phase == .margins && entry.storedAt == nil { entry.storedAt = Date() }
                entry.progress = progress
                book.entries[runID] = entry
            }
        }
    }

    /// Notes that `runID` is over (stored or failed).
    func finish(runID: String, at date: Date = Date()) {
        book.withLock { book in book.entries[runID]?.finishedAt = date }
    }

    func entry(_ runID: String) -> Entry? { book.withLock { $0.entries[runID] } }
}
