import FellowshipCore
import FellowshipStore
import Foundation
import Hummingbird

/// Signing in and out in the browser (docs/service.md, "Sessions").
///
/// Signing in with a token opens a server-side session; the cookie holds only the session's
/// random id. The sign-in form is protected against forgery too (a forged sign-in would put a
/// victim's browser in the attacker's session): GET /login sets a random value in a cookie
/// and in the form's address, and POST /login must bring both, from this site, before its
/// body is read. Both events go to the audit chain with the token's id and role only.
enum SignInRoutes {
    static func register(_ table: RouteTable) {
        let state = table.state
        let store = state.store
        let pages = state.pages
        let secure = Credentials.secureCookies(state.configuration)

        @Sendable func loginForm(status: HTTPResponse.Status = .ok, failed: Bool = false) -> Response {
            let value = Hexadecimal.encode((0..<32).map { _ in UInt8.random(in: 0...255) })
            var response = pages.page(
                "login", title: "Sign in", role: nil, status: status,
                ["loginCSRF": value, "failed": failed])
            response.setCookie(Credentials.loginCookie(value, secure: secure))
            return response
        }

        table.add(.get, "/login", .open, page: true) { _ in loginForm() }

        table.add(.post, "/login", .open, page: true) { call in
            let request = call.request
            try CSRFGuard.requireSameOrigin(request)
            guard let expected = request.cookies[Credentials.loginCookieName]?.value, expected.count == 64 else {
                throw CSRFGuard.forbidden("the sign-in form was not loaded from this site (no anti-forgery cookie)")
            }
            try CSRFGuard.requireToken(request, expected: expected)
            let form = FormFields(String(decoding: try await state.body(request), as: UTF8.self))
            guard let secret = form["token"], secret.utf8.count <= 200,
                secret.unicodeScalars.allSatisfy({
                    $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_")
                }),
                let opened = try await Blocking.run({ try store.openSession(secret: secret) })
            else {
                return loginForm(status: .unauthorized, failed: true)
            }
            call.context.facts.roleName = opened.session.token.role.rawValue
            // A browser that signs in again leaves its previous session behind: end it.
            if let previous = Credentials.sessionID(request) {
                try await Blocking.run { _ = try store.closeSession(id: previous) }
            }
            var response = JSONResponse.redirect("/")
            response.setCookie(Credentials.sessionCookie(opened.sessionID, secure: secure))
            response.setCookie(Credentials.clearedLoginCookie(secure: secure))
            return response
        }

        // Signing out needs the session's anti-forgery token (a forged sign-out is a nuisance
        // attack); without a live session it only clears the cookie.
        table.add(.post, "/logout", .open, page: true) { call in
            let request = call.request
            if let sessionID = Credentials.sessionID(request),
                let session = try await Blocking.run({ try store.session(id: sessionID) })
            {
                try CSRFGuard.requireSameOrigin(request)
                try CSRFGuard.requireToken(request, expected: session.csrf)
                call.context.facts.roleName = session.token.role.rawValue
                try await Blocking.run { _ = try store.closeSession(id: sessionID) }
            }
            var response = JSONResponse.redirect("/login")
            response.setCookie(Credentials.clearedSessionCookie(secure: secure))
            return response
        }
    }
}
