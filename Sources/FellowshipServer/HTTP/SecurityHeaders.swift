import HTTPTypes
import Hummingbird

/// The security headers of every response the service sends, whichever route, error or
/// middleware produced it (set by `ServiceResponder`; docs/service.md, "Threat model"):
///
/// - `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer` everywhere;
/// - `Cache-Control: no-store` on everything (the API's answers and the pages carry decisions
///   about people; no shared or browser cache should keep them);
/// - on HTML, the pages' Content-Security-Policy: no script, nothing from elsewhere, no framing
///   (`frame-ancestors 'none'`), no `<base>` (`base-uri 'none'`), forms only to the service;
/// - `Strict-Transport-Security` when the cookies are `Secure` (the service is behind TLS).
enum SecurityHeaders {
    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    static func apply(to headers: inout HTTPFields, strictTransportSecurity: Bool) {
        headers[HeaderNames.contentTypeOptions] = "nosniff"
        headers[HeaderNames.referrerPolicy] = "no-referrer"
        headers[.cacheControl] = "no-store"
        if headers[.contentType]?.hasPrefix("text/html") == true {
            headers[.contentSecurityPolicy] = contentSecurityPolicy
        }
        if strictTransportSecurity {
            headers[.strictTransportSecurity] = "max-age=31536000"
        }
    }
}

/// Header names HTTPTypes does not predefine.
enum HeaderNames {
    // The force-unwraps are justified: `HTTPField.Name(_:)` fails only for a name with
    // characters outside the RFC 9110 token set, and these literals are plain tokens.
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let requestID = HTTPField.Name("X-Request-Id")!
}
