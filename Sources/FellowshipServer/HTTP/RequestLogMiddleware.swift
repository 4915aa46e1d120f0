import Hummingbird
import Logging

/// One structured log line per request: method, the route's template (`/api/v1/runs/{run}`,
/// never the concrete path or query, which carry application ids), status, milliseconds, the
/// caller's role and token id (`tok_…`, the public name `token list` shows, never the
/// secret), and the request id. No secret, no name, no body is ever logged.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = ServiceContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let clock = ContinuousClock()
        let start = clock.now
        var status = 500
        defer {
            let elapsed = clock.now - start
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            context.logger.info(
                "request",
                metadata: [
                    "method": "\(request.method.rawValue)",
                    "route": "\(context.endpointPath ?? "(no route)")",
                    "status": "\(status)",
                    "ms": "\((milliseconds * 10).rounded() / 10)",
                    "role": "\(context.facts.roleName ?? "none")",
                    "token": "\(context.facts.tokenID ?? "none")",
                    "request": "\(context.facts.requestID)",
                ])
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as any HTTPResponseError {
            status = error.status.code
            throw error
        }
    }
}
