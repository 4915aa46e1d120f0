import FellowshipCore
import Foundation
import HTTPTypes
import Hummingbird

/// The check every cookie-authenticated form submission passes before its body is read.
///
/// A browser sends the session cookie with any request to this site; a page of another site
/// could make it submit a form here. Two independent checks refuse that: the request must
/// come from this site (`Origin`, or `Sec-Fetch-Site` when there is no `Origin`), and its
/// address must carry the session's anti-forgery token (`?csrf=`), which only a page served
/// to this session contains. The token is in the form's `action` rather than in its fields so
/// that it is checked before a byte of the body (an upload of megabytes, say) is read.
enum CSRFGuard {
    static let field = "csrf"

    static func forbidden(_ why: String) -> ServiceError {
        ServiceError(
            .forbidden, "refused: \(why); nothing was read or changed. Reload the page and submit the form again.")
    }

    /// Refuses (403) a request from another origin.
    ///
    /// The pages are sent with `Referrer-Policy: no-referrer`, under which browsers send
    /// `Origin: null` with their own form posts; then (and when there is no `Origin`) the
    /// browser's `Sec-Fetch-Site`, which no page can set, must say `same-origin`. A client that
    /// sends neither is no browser, and still needs the session's token.
    static func requireSameOrigin(_ request: Request) throws {
        let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!]
        if let origin = request.headers[.origin], origin != "null" {
            guard let host = request.head.authority, origin == "http://\(host)" || origin == "https://\(host)" else {
                throw forbidden("the form was sent from another site (Origin)")
            }
        } else if let site {
            guard site == "same-origin" else { throw forbidden("the form was sent from another site (Sec-Fetch-Site)") }
        } else if request.headers[.origin] != nil {
            throw forbidden(
                "the form's origin is unknown (Origin: null) and the browser did not say it came from this site")
        }
        if let site, site != "same-origin" {
            throw forbidden("the form was sent from another site (Sec-Fetch-Site)")
        }
    }

    /// Refuses (403) a request whose address lacks `expected` as its `csrf` value.
    static func requireToken(_ request: Request, expected: String) throws {
        guard let given = FormFields(request.uri.query)[field], constantTimeEqual(given, expected) else {
            throw forbidden("the form lacks this session's anti-forgery token (CSRF)")
        }
    }

    /// A `csrf` parameter that is not 64 lowercase hex digits is refused whoever sends it
    /// (a bearer token needs none, but a malformed one is never silently ignored).
    static func refuseMalformed(_ request: Request) throws {
        if let given = FormFields(request.uri.query).given(field), !ChainAnchor.isHash(given) {
            throw forbidden("the anti-forgery token (CSRF) is malformed")
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
