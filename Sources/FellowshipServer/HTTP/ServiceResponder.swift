import HTTPTypes
import Hummingbird
import Logging

/// The service's outermost responder, around the router: every response leaves through it,
/// including those no route produced (Hummingbird's router middleware wraps matched routes
/// only). It
///
/// - answers a path that exists with other methods with **405** and `Allow` listing them,
///   and an unknown path with a 404 in the service's error form (JSON under `/api/`, a page
///   elsewhere);
/// - turns any error that escaped a route or a middleware into a 500 with a generic message
///   and the request id (the details go to the log, never to the caller);
/// - refuses a request target longer than the limit with 414;
/// - sets the security headers (`SecurityHeaders`) and `X-Request-Id`.
struct ServiceResponder: HTTPResponder {
    typealias Context = ServiceContext

    let router: RouterResponder<ServiceContext>
    let table: RouteTable
    let strictTransportSecurity: Bool
    let maxURIBytes: Int

    func respond(to request: Request, context: Context) async throws -> Response {
        var response: Response
        do {
            if request.uri.description.utf8.count > maxURIBytes {
                response = answer(
                    ServiceError(.uriTooLong, "the request target is longer than \(maxURIBytes) bytes"),
                    request: request)
            } else {
                response = try await router.respond(to: request, context: context)
            }
            if response.status == .notFound && context.endpointPath == Self.notFoundPath {
                response = notFound(request)
            }
        } catch {
            context.logger.error(
                "request failed",
                metadata: [
                    "request": "\(context.facts.requestID)",
                    "error": "\(String(reflecting: type(of: error)))",
                    "detail": "\(ServiceError.logDetail(error))",
                ])
            response = answer(ServiceError.internalError(requestID: context.facts.requestID), request: request)
        }
        SecurityHeaders.apply(to: &response.headers, strictTransportSecurity: strictTransportSecurity)
        response.headers[HeaderNames.requestID] = context.facts.requestID
        return response
    }

    /// What Hummingbird's router records as the endpoint of a request no route matched.
    static let notFoundPath = "NotFound"

    private func notFound(_ request: Request) -> Response {
        let allowed = Self.methods(allowedAt: request.uri.path, routes: table.routes)
        guard !allowed.isEmpty else {
            return answer(
                ServiceError(.notFound, "no such page or API route (the routes are in docs/openapi.yaml)"),
                request: request)
        }
        let list = allowed.joined(separator: ", ")
        var response = answer(
            ServiceError(.methodNotAllowed, "\(request.method.rawValue) is not allowed here; allowed: \(list)"),
            request: request)
        response.headers[.allow] = list
        return response
    }

    private func answer(_ error: ServiceError, request: Request) -> Response {
        if request.uri.path.hasPrefix("/api/") || request.uri.path == "/health" {
            return JSONResponse.make(error.json, status: error.status)
        }
        return table.state.pages.errorPage(error, role: nil)
    }

    /// The methods registered for a route matching `path` (a `{name}` segment matches any
    /// one non-empty segment), sorted.
    static func methods(allowedAt path: String, routes: [RouteDescription]) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var methods: Set<String> = []
        for route in routes {
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: false)
            guard pattern.count == segments.count else { continue }
            let matches = zip(pattern, segments).allSatisfy { expected, actual in
                (expected.hasPrefix("{") && expected.hasSuffix("}") && !actual.isEmpty) || expected == actual
            }
            if matches { methods.insert(route.method) }
        }
        return methods.sorted()
    }
}
