import Hummingbird
import Synchronization

/// The request context of the service: Hummingbird's core storage and the facts the request
/// log needs once the route has run.
public struct ServiceContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Filled in by the route (who asked), read by the request log after the response.
    public let facts: RequestFacts

    public init(source: Source) {
        coreContext = .init(source: source)
        facts = RequestFacts()
    }
}

/// What a route learnt about its request, shared with the request log. Only the role is kept:
/// no token, no name, no application id.
public final class RequestFacts: Sendable {
    private let role = Mutex<String?>(nil)

    public init() {}

    public var roleName: String? {
        get { role.withLock { $0 } }
        set { role.withLock { $0 = newValue } }
    }
}
