public import FellowshipCore
public import FellowshipStore
public import Hummingbird
import HummingbirdCore
public import Logging
import ServiceLifecycle
import UnixSignals

/// The HTTP service: the same engine, store and audit log as the command line, behind a JSON
/// API with bearer tokens and server-rendered review pages (docs/service.md).
public struct FellowshipService: Sendable {
    let state: ServiceState
    let table: RouteTable

    /// Builds the service on `store`, registering every route.
    public init(store: any ServiceStore, configuration: ServiceConfiguration) async throws {
        let pages = try await PageRenderer.load()
        state = ServiceState(store: store, configuration: configuration, pages: pages)
        let router = Router(context: ServiceContext.self)
        let table = RouteTable(router: router, state: state)
        self.table = table
        // Around every route: one log line per request, then the rate limits. The headers,
        // 404/405 and the last-resort 500 are `ServiceResponder`'s, around the whole router.
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: RateLimitMiddleware(configuration.rateLimits))
        table.add(.get, "/health", .open) { _ in JSONResponse.make(.object([("status", .string("ok"))])) }
        MeetingRoutes.register(table)
        RunRoutes.register(table)
        PageRoutes.register(table)
        LetterRoutes.register(table)
    }

    /// Every route registered, with who may call it (what docs/openapi.yaml must describe).
    public var routes: [RouteDescription] { table.routes }

    /// The Hummingbird application (for in-process tests and for `run`).
    public func application(logger: Logger = Logger(label: "fellowship.service")) -> some ApplicationProtocol {
        let limits = state.configuration.http
        return Application(
            responder: ServiceResponder(
                router: table.router.buildResponder(), table: table,
                strictTransportSecurity: Credentials.secureCookies(state.configuration),
                maxURIBytes: limits.maxURIBytes),
            server: .http1(
                configuration: .init(
                    // Marks a connection's client gone when it hangs up, so that its solver work
                    // is cancelled (issue #11, point 5); bounds the time to send a whole request.
                    additionalChannelHandlers: [
                        ClientGoneHandler(),
                        RequestReadTimeoutHandler(timeout: .seconds(limits.requestReadTimeoutSeconds)),
                    ],
                    idleTimeout: .seconds(limits.idleTimeoutSeconds),
                    httpDecoderConfiguration: .init(
                        maxHeaderFieldSize: limits.maxHeaderBytes, maxHeaderListSize: limits.maxHeaderBytes,
                        maxHeaderFieldCount: limits.maxHeaderFields))),
            configuration: .init(
                address: .hostname(state.configuration.host, port: state.configuration.port),
                serverName: "fellowship",
                availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections)),
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then stops taking requests, lets those in flight and the
    /// runs being decided finish, and returns.
    public func run(logger: Logger) async throws {
        let app = application(logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                // Shut down in reverse order: first the server (no new requests; those in flight
                // finish), then the drain (runs being decided are stored).
                services: [
                    .init(service: RunDrain(jobs: state.jobs), successTerminationBehavior: .ignore),
                    .init(
                        service: MarginCompletion(store: state.store, logger: logger),
                        successTerminationBehavior: .ignore),
                    .init(service: app),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}

/// On graceful shutdown, waits for the runs being decided in the background, so that a
/// run the secretariat started is stored rather than dropped.
struct RunDrain: Service {
    let jobs: RunJobs

    func run() async throws {
        try? await gracefulShutdown()
        await jobs.drain()
    }
}
