import FellowshipCore
import FellowshipStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// One registered route: what `docs/openapi.yaml` must describe.
public struct RouteDescription: Sendable, Hashable {
    public var method: String
    /// The path as registered, with `{name}` parameters (the OpenAPI form).
    public var path: String
    public var access: RouteAccess
    /// Whether errors are answered as JSON (API) or as an HTML page.
    public var isPage: Bool

    public static func == (lhs: RouteDescription, rhs: RouteDescription) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(path)
    }
}

/// What a route handler gets: the request, its context and the caller's token (nil only on
/// open routes).
struct RouteCall: Sendable {
    var request: Request
    var context: ServiceContext
    var token: AccessToken?
    /// The browser session the request came with (nil with a bearer token or on open routes).
    var session: BrowserSession?

    /// The client's connection: solver work asked for by this request is cancelled when the
    /// client goes away (`ClientConnection.whileConnected`).
    var client: ClientConnection? { context.client }

    func parameter(_ name: String) throws -> String {
        guard let value = context.parameters.get(name) else {
            throw ServiceError(.badRequest, "the path lacks {\(name)}")
        }
        return value
    }

    /// The caller's token, on a route that is not open (where `RouteTable` has checked it).
    func authenticated() throws -> AccessToken {
        guard let token else { throw ServiceError.unauthorized() }
        return token
    }
}

/// The one way routes are added to the router: each route is registered with who may call it,
/// its token is checked before the handler runs, and the list of routes is kept for the
/// OpenAPI consistency test.
///
/// `@unchecked Sendable`: the router is only changed while the service is built (every `add`
/// happens in `FellowshipService.init`), and only read afterwards; the route list is a `Mutex`.
final class RouteTable: @unchecked Sendable {
    let router: Router<ServiceContext>
    let state: ServiceState
    private let registered = Mutex<[RouteDescription]>([])

    init(router: Router<ServiceContext>, state: ServiceState) {
        self.router = router
        self.state = state
    }

    var routes: [RouteDescription] { registered.withLock { $0 } }

    func add(
        _ method: HTTPRequest.Method, _ path: String, _ access: RouteAccess, page: Bool = false,
        _ handler: @escaping @Sendable (RouteCall) async throws -> Response
    ) {
        registered.withLock {
            $0.append(RouteDescription(method: method.rawValue, path: path, access: access, isPage: page))
        }
        let state = self.state
        router.on(RouterPath(path), method: method) { request, context -> Response in
            var csrf: String?
            do {
                if page && method != .get && method != .head { try CSRFGuard.refuseMalformed(request) }
                var caller: Caller?
                if access != .open {
                    let who = try await state.authenticate(request, allowCookie: page)
                    caller = who
                    csrf = who.session?.csrf
                    context.facts.roleName = who.token.role.rawValue
                    context.facts.tokenID = who.token.id
                    // A form sent with the session cookie: same origin and this session's
                    // anti-forgery token, checked before the body is read.
                    if let session = who.session, method != .get, method != .head {
                        try CSRFGuard.requireSameOrigin(request)
                        try CSRFGuard.requireToken(request, expected: session.csrf)
                    }
                    guard access.permits(who.token, application: context.parameters.get("application")) else {
                        throw ServiceError.forbidden(who.token.role)
                    }
                }
                let call = RouteCall(request: request, context: context, token: caller?.token, session: caller?.session)
                return try await PageSession.$csrf.withValue(csrf) { try await handler(call) }
            } catch {
                var failure = ServiceError.from(error)
                if failure.status == .internalServerError {
                    // The details go to the log only; the caller gets the request id to quote.
                    context.logger.error(
                        "request failed",
                        metadata: [
                            "request": "\(context.facts.requestID)",
                            "error": "\(String(reflecting: type(of: error)))",
                            "detail": "\(ServiceError.logDetail(error))",
                        ])
                    failure = ServiceError.internalError(requestID: context.facts.requestID)
                }
                var response =
                    page
                    ? PageSession.$csrf.withValue(csrf) {
                        state.pages.errorPage(failure, role: context.facts.roleName.flatMap(AccessRole.init(rawValue:)))
                    }
                    : JSONResponse.make(
                        failure.json, status: failure.status,
                        extraHeaders: failure.status == .unauthorized ? [.wwwAuthenticate: "Bearer"] : [:])
                if failure.status == .serviceUnavailable {
                    response.headers[.retryAfter] = "\(SolverPool.retryAfterSeconds)"
                }
                return response
            }
        }
    }
}
