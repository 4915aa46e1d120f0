import Foundation
import HTTPTypes
import Hummingbird

/// Where a request's credential comes from.
///
/// The JSON API takes only `Authorization: Bearer TOKEN`. The pages take the same header, or
/// the browser session opened by the sign-in form: the cookie holds a random session id (the
/// store keeps only its SHA-256), never the token, so a stolen cookie dies at sign-out, on
/// expiry and when the token is revoked. Tokens in URLs (`?token=`) are never read: they end
/// up in browser history and proxy logs.
enum Credentials {
    /// The session cookie.
    static let sessionCookieName = "fellowship_session"
    /// The sign-in form's anti-forgery cookie (before there is a session).
    static let loginCookieName = "fellowship_login"

    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return "" }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// The session id the browser presented, if any.
    static func sessionID(_ request: Request) -> String? {
        request.cookies[sessionCookieName]?.value
    }

    /// The session cookie: `HttpOnly` (no script reads it), `SameSite=Strict` (no other site
    /// sends it), a browser-session cookie (the server ends it after 8 idle or 24 hours anyway).
    static func sessionCookie(_ sessionID: String, secure: Bool) -> Cookie {
        Cookie(name: sessionCookieName, value: sessionID, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func clearedSessionCookie(secure: Bool) -> Cookie {
        Cookie(
            name: sessionCookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The sign-in form's anti-forgery value, also written into the form's address.
    static func loginCookie(_ value: String, secure: Bool) -> Cookie {
        Cookie(name: loginCookieName, value: value, path: "/login", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func clearedLoginCookie(secure: Bool) -> Cookie {
        Cookie(
            name: loginCookieName, value: "", maxAge: 0, path: "/login", secure: secure, httpOnly: true,
            sameSite: .strict)
    }

    /// Whether cookies are marked `Secure`: always, unless the service listens on a loopback
    /// address (a browser on the same machine speaks plain HTTP to it) and `--secure-cookies`
    /// was not given.
    static func secureCookies(_ configuration: ServiceConfiguration) -> Bool {
        configuration.secureCookies || !isLoopback(configuration.host)
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
