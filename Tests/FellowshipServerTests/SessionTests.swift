import FellowshipCore
import FellowshipServer
import FellowshipStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Browser sessions and anti-forgery checks (docs/service.md, "Sessions and forms").
@Suite("browser sessions and CSRF")
struct SessionTests {
    @Test(
        "a session ends after 8 idle hours, 24 hours after sign-in, at sign-out and when its token is revoked",
        arguments: StoreKind.allCases)
    func expiry(kind: StoreKind) throws {
        let store: any ServiceStore = kind == .sqlite ? try RunStore.inMemory() : MemoryStore()
        let created = try store.createToken(role: .reviewer, applicant: nil)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let opened = try #require(try store.openSession(secret: created.secret, now: start))
        #expect(opened.sessionID.count == 64 && opened.sessionID != created.secret)
        #expect(
            try store.session(id: opened.sessionID, now: start.addingTimeInterval(7 * 3600))?.token.id
                == created.token.id)
        // Used at 7 h, so still alive at 14 h; not 8 idle hours after that.
        #expect(try store.session(id: opened.sessionID, now: start.addingTimeInterval(14 * 3600)) != nil)
        #expect(try store.session(id: opened.sessionID, now: start.addingTimeInterval(22 * 3600 - 1)) != nil)
        #expect(
            try store.session(id: opened.sessionID, now: start.addingTimeInterval(24 * 3600)) == nil, "absolute expiry")
        #expect(try store.sessionCount(tokenID: created.token.id) == 0, "an expired session is deleted")

        let idle = try #require(try store.openSession(secret: created.secret, now: start))
        #expect(try store.session(id: idle.sessionID, now: start.addingTimeInterval(8 * 3600)) == nil, "idle expiry")

        let closed = try #require(try store.openSession(secret: created.secret, now: start))
        #expect(try store.closeSession(id: closed.sessionID, now: start))
        #expect(try store.session(id: closed.sessionID, now: start) == nil)
        #expect(try store.closeSession(id: closed.sessionID, now: start) == false)

        let first = try #require(try store.openSession(secret: created.secret))
        let second = try #require(try store.openSession(secret: created.secret))
        #expect(try store.sessionCount(tokenID: created.token.id) == 2)
        _ = try store.revokeToken(id: created.token.id)
        #expect(try store.sessionCount(tokenID: created.token.id) == 0)
        #expect(try store.session(id: first.sessionID) == nil && store.session(id: second.sessionID) == nil)
        #expect(try store.openSession(secret: created.secret) == nil, "a revoked token opens no session")
        #expect(try store.session(id: "not-a-session") == nil)
    }

    @Test(
        "signing in and out are audit events with the token's id and role, never the secret or the session id",
        arguments: StoreKind.allCases)
    func auditEvents(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: false, store: store)
        defer { harness.remove() }
        let token = try #require(try harness.store.tokens().first { $0.role == .secretariat })
        try await harness.test { client in
            let browser = try await SignedInBrowser.signIn(client, harness.secretariat)
            #expect(try await browser.send(client, .post, "/logout").status == .seeOther)
            let events = try harness.store.allEvents().filter { $0.kind == "signed_in" || $0.kind == "signed_out" }
            #expect(events.map(\.kind) == ["signed_in", "signed_out"])
            for event in events {
                #expect(event.payload == "{\"token\":\"\(token.id)\",\"role\":\"secretariat\"}")
                #expect(event.runID == nil)
                #expect(!event.payload.contains(browser.sessionID) && !event.payload.contains(harness.secretariat))
            }
            #expect(try harness.store.verify().isIntact)
        }
        // Neither the session id nor its CSRF token is in the store's files (only the id's hash).
        let session = try #require(try harness.store.openSession(secret: harness.reviewer))
        for name in try FileManager.default.contentsOfDirectory(atPath: harness.directory.path) {
            let bytes =
                FileManager.default.contents(atPath: harness.directory.appendingPathComponent(name).path) ?? Data()
            #expect(bytes.range(of: Data(session.sessionID.utf8)) == nil, "\(name) holds a session id")
        }
    }

    @Test("signing in again from the same browser ends its previous session", arguments: StoreKind.allCases)
    func signInAgain(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: false, store: store)
        defer { harness.remove() }
        try await harness.test { client in
            let first = try await SignedInBrowser.signIn(client, harness.reviewer)
            #expect(try await client.send(.get, "/runs", headers: [.cookie: first.cookie]).status == .ok)
            let form = try await client.send(.get, "/login", headers: [.cookie: first.cookie])
            let loginCookie = try #require(form.cookies.first { $0.hasPrefix("fellowship_login=") })
            let loginCSRF = try #require(form.text.firstMatch(of: /action="\/login\?csrf=([0-9a-f]{64})"/)?.1)
            let again = try await client.send(
                .post, "/login?csrf=\(loginCSRF)", body: Array("token=\(harness.secretariat)".utf8),
                headers: [.cookie: "\(loginCookie); \(first.cookie)"])
            #expect(again.status == .seeOther)
            #expect(try await client.send(.get, "/runs", headers: [.cookie: first.cookie]).status == .unauthorized)
        }
    }

    @Test(
        "the session cookie is Secure unless the service listens on loopback or --secure-cookies is given",
        arguments: StoreKind.allCases)
    func secureFlag(store: StoreKind) async throws {
        for (host, flag, secure) in [
            ("127.0.0.1", false, false), ("::1", false, false), ("localhost", false, false),
            ("0.0.0.0", false, true), ("10.1.2.3", false, true), ("127.0.0.1", true, true),
        ] {
            let harness = try await ServiceHarness(seeded: false, host: host, secureCookies: flag, store: store)
            defer { harness.remove() }
            try await harness.test { client in
                let form = try await client.send(.get, "/login")
                let setCookie = try #require(form.headers[values: .setCookie].first)
                #expect(setCookie.contains("Secure") == secure, "\(host) \(flag): \(setCookie)")
            }
        }
    }

    @Test(
        "a cookie-authenticated form without this session's CSRF token, or from another origin, gets 403 before its body is read",
        arguments: StoreKind.allCases)
    func csrf(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: true, maxBodyBytes: 64 * 1024, store: store)
        defer { harness.remove() }
        let meeting = ServiceHarness.meetingID
        try await harness.test { client in
            let browser = try await SignedInBrowser.signIn(client, harness.secretariat)
            let other = try await SignedInBrowser.signIn(client, harness.secretariat)
            let runsBefore = try harness.store.runs().count
            // A body over the size limit: a route that read it would answer 413.
            let huge = [UInt8](repeating: 0x61, count: 200 * 1024)
            let missing = try await browser.send(
                client, .post, "/meetings/\(meeting)/runs", body: huge, withCSRF: false)
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("anti-forgery token"))
            let wrong = try await browser.send(
                client, .post, "/meetings/\(meeting)/runs?csrf=\(other.csrf)", body: huge, withCSRF: false)
            #expect(wrong.status == .forbidden)
            let foreign = try await browser.send(
                client, .post, "/meetings/\(meeting)/runs", body: huge,
                headers: [.origin: "https://evil.example"])
            #expect(foreign.status == .forbidden)
            #expect(foreign.text.contains("another site"))
            let crossSite = try await browser.send(
                client, .post, "/meetings/\(meeting)/runs", body: huge,
                headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossSite.status == .forbidden)
            // Under Referrer-Policy: no-referrer a browser sends "Origin: null" with its own
            // forms: then only its Sec-Fetch-Site can vouch for the request.
            let nullOrigin = try await browser.send(
                client, .post, "/meetings/\(meeting)/runs", body: huge,
                headers: [.origin: "null"])
            #expect(nullOrigin.status == .forbidden)
            let vouched = try await browser.send(
                client, .post, "/meetings/\(meeting)/runs", body: huge,
                headers: [.origin: "null", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"])
            #expect(vouched.status == .contentTooLarge)
            // The same request from this site with the token is read (and is too large).
            let sameSite = try await browser.send(
                client, .post, "/meetings/\(meeting)/runs", body: huge,
                headers: [.origin: "http://localhost"])
            #expect(sameSite.status == .contentTooLarge)
            #expect(try harness.store.runs().count == runsBefore)
            // A bearer token is no ambient credential: a page form sent with one needs no CSRF token.
            let bearer = try await client.send(
                .post, "/meetings/\(meeting)/policy", token: harness.secretariat,
                body: Array("budget=60000.00".utf8))
            #expect(bearer.status == .ok)
        }
    }
}
