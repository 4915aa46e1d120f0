import NIOCore
import Synchronization

/// One client's connection, as the work done for it sees it: whether the client is still
/// there to read the answer (issue #11, point 5).
///
/// Why: a scenario sweep or a waitlist occupies a solver worker for seconds or minutes; a
/// client that has hung up must not keep it, nor keep its place in the queue in front of
/// clients still waiting. `ClientGoneHandler` marks the connection gone when the client closes
/// its side (or the connection drops); the request's solver work is then cancelled
/// (`whileConnected`).
final class ClientConnection: Sendable {
    private struct State {
        var gone = false
        var nextID: UInt64 = 0
        var observers: [UInt64: @Sendable () -> Void] = [:]
    }

    private let state = Mutex(State())

    /// True once the client has closed its side of the connection or the connection is down.
    var isGone: Bool { state.withLock { $0.gone } }

    /// Marks the client gone and tells every observer, once.
    func markGone() {
        let observers = state.withLock { state -> [@Sendable () -> Void] in
            guard !state.gone else { return [] }
            state.gone = true
            defer { state.observers = [:] }
            return Array(state.observers.values)
        }
        for observer in observers { observer() }
    }

    /// Calls `observer` when the client goes (at once when it has gone already).
    /// - Returns: the id to `forget` it by; nil when it was called at once.
    private func observe(_ observer: @escaping @Sendable () -> Void) -> UInt64? {
        let id = state.withLock { state -> UInt64? in
            guard !state.gone else { return nil }
            state.nextID += 1
            state.observers[state.nextID] = observer
            return state.nextID
        }
        if id == nil { observer() }
        return id
    }

    private func forget(_ id: UInt64?) {
        guard let id else { return }
        state.withLock { _ = $0.observers.removeValue(forKey: id) }
    }

    /// Runs `operation` in a task of its own that is cancelled when `client` goes away (or
    /// when the caller's own task is cancelled); without a connection (in-process tests),
    /// just runs it. The operation decides what cancellation means: the solver pool drops a
    /// queued job and stops a running one between its solves (`SolverPool`).
    static func whileConnected<T: Sendable>(
        _ client: ClientConnection?, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        guard let client else { return try await operation() }
        let task = Task { try await operation() }
        let id = client.observe { task.cancel() }
        defer { client.forget(id) }
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }
}

/// The connections open now, by channel, so that a request's context can find its own
/// (`ServiceContext.client`). Entries are added when `ClientGoneHandler` joins a channel's
/// pipeline and removed when it leaves it (the channel has closed), so an identifier is never
/// looked up after its channel is gone.
enum ClientConnections {
    private static let open = Mutex<[ObjectIdentifier: ClientConnection]>([:])

    static func register(_ channel: any Channel) -> ClientConnection {
        let connection = ClientConnection()
        open.withLock { $0[ObjectIdentifier(channel)] = connection }
        return connection
    }

    static func remove(_ channel: any Channel) {
        open.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    static func connection(of channel: any Channel) -> ClientConnection? {
        open.withLock { $0[ObjectIdentifier(channel)] }
    }

    /// Connections registered now (for the tests: none is left behind).
    static var count: Int { open.withLock { $0.count } }
}
