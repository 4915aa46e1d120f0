import Dispatch

/// Runs blocking work (SQLite, GLPK) off Swift's cooperative thread pool, which has only one
/// thread per core: a solve or a write waiting for its lock must not stall every other request.
enum Blocking {
    private static let queue = DispatchQueue(label: "fellowship.service.blocking", attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
