import FellowshipCore
import FellowshipServer
import FellowshipStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A browser's view of the service in the in-process tests: signing in through the form (with
/// its anti-forgery cookie), the session cookie it then holds, and the CSRF token of its pages.
struct SignedInBrowser: Sendable {
    /// `fellowship_session=…`, as the browser sends it back.
    var cookie: String
    var sessionID: String
    var csrf: String

    static func signIn(_ client: any TestClientProtocol, _ secret: String) async throws -> SignedInBrowser {
        let form = try await client.send(.get, "/login")
        let loginCookie = try #require(form.cookies.first { $0.hasPrefix("fellowship_login=") })
        let loginCSRF = try #require(form.text.firstMatch(of: /action="\/login\?csrf=([0-9a-f]{64})"/)?.1)
        let response = try await client.send(
            .post, "/login?csrf=\(loginCSRF)", body: Array("token=\(secret)".utf8),
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: loginCookie])
        #expect(response.status == .seeOther, "\(response.text.prefix(300))")
        let setCookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("fellowship_session=") })
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Strict"))
        let cookie = String(setCookie.split(separator: ";")[0])
        let sessionID = String(cookie.dropFirst("fellowship_session=".count))
        return SignedInBrowser(cookie: cookie, sessionID: sessionID, csrf: RunStore.csrfToken(sessionID: sessionID))
    }

    /// A request as this browser sends it: the cookie, and for a form its anti-forgery token.
    func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, body: [UInt8]? = nil,
        contentType: String = "application/x-www-form-urlencoded", withCSRF: Bool = true,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.cookie: cookie]
        if body != nil { headers[.contentType] = contentType }
        headers.append(contentsOf: extra)
        var target = uri
        if method != .get && withCSRF { target += (uri.contains("?") ? "&" : "?") + "csrf=\(csrf)" }
        return try await client.send(method, target, body: body, headers: headers)
    }
}

/// A multipart/form-data body with one file field, as a browser sends an upload form.
struct MultipartBody {
    static let boundary = "----fellowshipTestBoundary7MA4YWxkTrZu0gW"
    static let contentType = "multipart/form-data; boundary=\(boundary)"

    static func file(_ field: String, name: String, bytes: [UInt8]) -> [UInt8] {
        var body = Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                .utf8)
        body += bytes
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return body
    }
}

extension TestResponse {
    /// Every `Set-Cookie` as `name=value`.
    var cookies: [String] { headers[values: .setCookie].map { String($0.split(separator: ";")[0]) } }
}
