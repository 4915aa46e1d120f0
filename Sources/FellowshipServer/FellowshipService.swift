import FellowshipCore
import Hummingbird
import Logging
import ServiceLifecycle

/// The HTTP service: the same engine, store and audit log as the command line, behind a JSON
/// API with bearer tokens and server-rendered review pages (docs/service.md).
public struct FellowshipService: Sendable {
    let state: ServiceState
    let table: RouteTable

    /// Builds the service on `store`, registering every route.
    public init(store: RunStore, configuration: ServiceConfiguration) async throws {
        let pages = try await PageRenderer.load()
        state = ServiceState(store: store, configuration: configuration, pages: pages)
        let router = Router(context: ServiceContext.self)
        router.add(middleware: RequestLogMiddleware())
        table = RouteTable(router: router, state: state)
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
        Application(
            router: table.router,
            configuration: .init(address: .hostname(state.configuration.host, port: state.configuration.port),
                                 serverName: "fellowship"),
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then stops taking requests, lets those in flight and the
    /// runs being decided finish, and returns.
    public func run(logger: Logger) async throws {
        let app = application(logger: logger)
        let group = ServiceGroup(configuration: .init(
            // Shut down in reverse order: first the server (no new requests; those in flight
            // finish), then the drain (runs being decided are stored).
            services: [.init(service: RunDrain(jobs: state.jobs), successTerminationBehavior: .ignore),
                       .init(service: MarginCompletion(store: state.store, logger: logger), successTerminationBehavior: .ignore),
                       .init(service: app)],
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
