import HTTPTypes
import Hummingbird

/// Where a request's token comes from.
///
/// The JSON API takes only `Authorization: Bearer TOKEN`. The pages take the same header, or
/// the HttpOnly cookie set by the login form. The cookie is honoured on GET pages only, which
/// change nothing, and it is `SameSite=Strict`: a cross-site form cannot act with it. Tokens in
/// URLs (`?token=`) are never read: they end up in browser history and proxy logs.
enum Credentials {
    static let cookieName = "fellowship_token"

    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return "" }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// The secret presented, or nil when none was; a malformed header yields "" (never valid).
    static func secret(_ request: Request, allowCookie: Bool) -> String? {
        if let bearer = bearer(request) { return bearer }
        guard allowCookie, request.method == .get, let cookie = request.cookies[cookieName] else { return nil }
        return cookie.value
    }

    /// The cookie that holds a token for the pages (a session cookie: gone when the browser closes).
    /// `secure`: only sent over HTTPS (set it when the service sits behind a TLS proxy).
    static func loginCookie(_ secret: String, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: secret, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func logoutCookie() -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict)
    }
}
