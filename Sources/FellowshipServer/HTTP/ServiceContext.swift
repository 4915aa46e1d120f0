public import Hummingbird
import NIOCore
import Synchronization

/// The request context of the service: Hummingbird's core storage and the facts the request
/// log needs once the route has run.
public struct ServiceContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Filled in by the route (who asked), read by the request log after the response.
    public let facts: RequestFacts

    /// The client's IP address (nil in in-process tests), for the per-address rate limits.
    /// Behind a proxy every client shares the proxy's address (docs/service.md, "Threat model").
    public let clientAddress: String?

    /// The client's connection, to cancel solver work when the client goes away (nil in
    /// in-process tests, which have no connection; `ClientGoneHandler`).
    let client: ClientConnection?

    public init(source: Source) {
        coreContext = .init(source: source)
        facts = RequestFacts()
        clientAddress = source.channel.remoteAddress?.ipAddress
        client = ClientConnections.connection(of: source.channel)
    }
}

/// What a route learnt about its request, shared with the request log: the role and the
/// token's public id (`tok_…`, never its secret), and the request's id. No name, no
/// application id.
public final class RequestFacts: Sendable {
    private let role = Mutex<String?>(nil)
    private let token = Mutex<String?>(nil)
    /// A random id for this request: on every response (`X-Request-Id`), in its log line, and
    /// in the message of a 500, so that a user's report can be matched with the log.
    public let requestID: String

    public init() {
        var generator = SystemRandomNumberGenerator()
        requestID = (0..<8).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    public var roleName: String? {
        get { role.withLock { $0 } }
        set { role.withLock { $0 = newValue } }
    }

    /// The public id of the token that authenticated the request.
    public var tokenID: String? {
        get { token.withLock { $0 } }
        set { token.withLock { $0 = newValue } }
    }
}
