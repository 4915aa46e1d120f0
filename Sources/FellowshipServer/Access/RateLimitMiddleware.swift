import FellowshipCore
import Foundation
import HTTPTypes
import Hummingbird

/// Applies the service's rate limits (docs/service.md, "Threat model") before a request
/// reaches its route, so a refused request costs neither a store lookup nor an audit event:
///
/// - sign-in (`POST /login`): attempts per client address, and failed sign-ins per client
///   address (a failure is charged after the answer; once they are used up every attempt
///   waits, right or wrong, so guessing gains nothing);
/// - explanation reads (API and page): per token and per client address. Each read appends an
///   audit event, so this also bounds how fast the chain can be made to grow.
///
/// Refused requests get 429 with `Retry-After` (seconds). It keys on the route's shape, not on
/// the handler, so a rewritten sign-in page keeps the limit as long as it is `POST /login`.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = ServiceContext

    let signInAttempts: RateLimiter
    let failedSignIns: RateLimiter
    let explanationsPerToken: RateLimiter
    let explanationsPerAddress: RateLimiter

    init(_ limits: RateLimits) {
        signInAttempts = RateLimiter(limits.signInAttempts)
        failedSignIns = RateLimiter(limits.failedSignIns)
        explanationsPerToken = RateLimiter(limits.explanationsPerToken)
        explanationsPerAddress = RateLimiter(limits.explanationsPerAddress)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let address = "address:" + (context.clientAddress ?? "unknown")
        let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if request.method == .post && request.uri.path == "/login" {
            if let wait = failedSignIns.check(address) ?? signInAttempts.take(address) {
                return Self.tooMany(wait, page: true, what: "sign-in attempts from your address")
            }
            let response = try await next(request, context)
            if response.status == .unauthorized { failedSignIns.charge(address) }
            return response
        }
        if request.method == .get && Self.isExplanation(Array(segments)) {
            if let wait = explanationsPerAddress.take(address) {
                return Self.tooMany(wait, page: segments.first != "api", what: "explanation reads from your address")
            }
            // The bearer token, or on pages the browser session (one per sign-in with a token).
            let credential =
                Credentials.bearer(request) ?? (segments.first != "api" ? Credentials.sessionID(request) : nil)
            if let secret = credential, !secret.isEmpty {
                // Keyed by a hash of the secret: valid or not, and nothing secret kept in memory.
                let key = "token:" + Hexadecimal.sha256(secret).prefix(24)
                if let wait = explanationsPerToken.take(key) {
                    return Self.tooMany(wait, page: segments.first != "api", what: "explanation reads with this token")
                }
            }
        }
        return try await next(request, context)
    }

    /// `/api/v1/runs/{run}/applications/{application}/explanation` or `/runs/{run}/applications/{application}`.
    static func isExplanation(_ segments: [Substring]) -> Bool {
        if segments.count == 7, segments[0] == "api", segments[1] == "v1", segments[2] == "runs",
            segments[4] == "applications", segments[6] == "explanation"
        {
            return true
        }
        return segments.count == 4 && segments[0] == "runs" && segments[2] == "applications"
    }

    static func tooMany(_ seconds: Int, page: Bool, what: String) -> Response {
        let error = ServiceError(
            .tooManyRequests, "too many \(what); try again in \(seconds) second\(seconds == 1 ? "" : "s")")
        let headers: HTTPFields = [.retryAfter: "\(seconds)"]
        if page {
            return JSONResponse.html(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>429 Too Many Requests · fellowship</title></head>"
                    + "<body><main><h1>429 Too Many Requests</h1><p>\(HTMLEscaping.escape(error.message))</p></main></body></html>",
                status: .tooManyRequests, extraHeaders: headers)
        }
        return JSONResponse.make(error.json, status: .tooManyRequests, extraHeaders: headers)
    }
}
