import Synchronization

/// Identical requests in flight share one computation: the second asker of the same
/// waitlist or the same margin awaits the first one's result instead of solving again.
///
/// Each asker leaves on its own: when its task is cancelled (its client has gone away), it
/// returns at once with `CancellationError`, and when it was the last one waiting, the shared
/// computation is cancelled too. So work is cancelled only when nobody is left to read it.
final class InFlight<Value: Sendable>: Sendable {
    private typealias Asker = CheckedContinuation<Value, any Error>

    private struct Entry {
        /// Tells this computation from a later one under the same key.
        let generation: UInt64
        var askers: [UInt64: Asker]
        var task: Task<Void, Never>?
    }

    private struct Book {
        var entries: [String: Entry] = [:]
        var nextID: UInt64 = 0
    }

    private let book = Mutex(Book())

    func value(_ key: String, _ compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let id = book.withLock { book -> UInt64 in
            book.nextID += 1
            return book.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (asker: Asker) in
                let joined = book.withLock { book -> Bool in
                    // Checked under the lock that `onCancel` takes (see `SolverPool.acquire`).
                    if Task.isCancelled { return false }
                    if book.entries[key] != nil {
                        book.entries[key]?.askers[id] = asker
                        return true
                    }
                    let generation = id
                    book.entries[key] = Entry(generation: generation, askers: [id: asker], task: nil)
                    book.entries[key]?.task = Task { [self] in
                        let result: Result<Value, any Error>
                        do { result = .success(try await compute()) } catch { result = .failure(error) }
                        finish(key, generation: generation, with: result)
                    }
                    return true
                }
                if !joined { asker.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            leave(key, asker: id)
        }
    }

    /// Askers waiting on `key` now (for the tests).
    func askers(_ key: String) -> Int { book.withLock { $0.entries[key]?.askers.count ?? 0 } }

    private func finish(_ key: String, generation: UInt64, with result: Result<Value, any Error>) {
        let askers = book.withLock { book -> [Asker] in
            guard let entry = book.entries[key], entry.generation == generation else { return [] }
            book.entries[key] = nil
            return Array(entry.askers.values)
        }
        for asker in askers { asker.resume(with: result) }
    }

    /// One asker leaves; the computation is cancelled when nobody is left waiting for it.
    private func leave(_ key: String, asker id: UInt64) {
        let (asker, orphan) = book.withLock { book -> (Asker?, Task<Void, Never>?) in
            guard var entry = book.entries[key], let asker = entry.askers.removeValue(forKey: id) else {
                return (nil, nil)
            }
            if entry.askers.isEmpty {
                book.entries[key] = nil
                return (asker, entry.task)
            }
            book.entries[key] = entry
            return (asker, nil)
        }
        asker?.resume(throwing: CancellationError())
        orphan?.cancel()
    }
}
