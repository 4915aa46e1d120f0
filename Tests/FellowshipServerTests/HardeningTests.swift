import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Logging
import Mustache
import Synchronization
import Testing

@testable import FellowshipCore
@testable import FellowshipServer
@testable import FellowshipStore

/// The findings of the security review (issue #11), each tried as an attacker would.
@Suite("service hardening (issue #11)")
struct HardeningTests {
    /// Shared state for concurrent test tasks.
    final class Shared<Value: Sendable>: Sendable {
        let value: Mutex<Value>
        init(_ value: Value) { self.value = Mutex(value) }
    }

    static func explanationURI(_ run: String, _ application: String) -> String {
        "/api/v1/runs/\(run)/applications/\(application)/explanation"
    }

    @Test(
        "1. an applicant token reads its own application in its own meeting only; a token without a meeting must be reissued"
    )
    func applicantScope() async throws {
        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        // The same application id in another meeting is another person.
        let elsewhere = try harness.store.createToken(
            role: .applicant, applicant: ServiceHarness.ownApplication, meeting: "OTHER-2021-01"
        ).secret
        // A token made before tokens named their meeting.
        let legacy = "fs_" + String(repeating: "7", count: 64)
        try harness.sqlite.write { db in
            try db.execute(
                sql:
                    "INSERT INTO access_tokens (id, sha256, role, applicant, created_at) VALUES ('tok_legacy0000', ?, 'applicant', ?, '2020-01-01T00:00:00.000Z')",
                arguments: [Hexadecimal.sha256(legacy), ServiceHarness.ownApplication])
        }
        try await harness.test { client in
            let own = try await client.send(
                .get, Self.explanationURI(run, ServiceHarness.ownApplication), token: harness.applicant)
            #expect(own.status == .ok)
            let leak = try await client.send(
                .get, Self.explanationURI(run, ServiceHarness.ownApplication), token: elsewhere)
            #expect(leak.status == .forbidden)
            #expect(leak.json["applicant"] == nil)
            let page = try await client.send(
                .get, "/runs/\(run)/applications/\(ServiceHarness.ownApplication)", token: elsewhere)
            #expect(page.status == .forbidden)
            let home = try await client.send(.get, "/", token: elsewhere)
            #expect(home.status == .ok)
            #expect(!home.text.contains(run))
            let ownHome = try await client.send(.get, "/", token: harness.applicant)
            #expect(ownHome.text.contains(run))
            let old = try await client.send(
                .get, Self.explanationURI(run, ServiceHarness.ownApplication), token: legacy)
            #expect(old.status == .unauthorized)
            #expect(old.message.contains("reissue"))
        }
        #expect(throws: StoreError.self) {
            try harness.store.createToken(role: .applicant, applicant: "A-0001", meeting: nil)
        }
        #expect(throws: StoreError.self) {
            try harness.store.createToken(role: .applicant, applicant: "A 0001", meeting: "M")
        }
    }

    @Test("2. unsafe application ids in an upload are 422 with their line")
    func unsafeIDsOnUpload() async throws {
        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        var text = String(decoding: ServiceHarness.applicationsBytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "\nA-0002,", with: "\nA-0002<b>,")
            .replacingOccurrences(of: "\nA-0003,", with: "\n\(String(repeating: "A", count: 65)),")
        let body = Array(text.utf8)
        try await harness.test { client in
            let response = try await client.send(
                .put, "/api/v1/meetings/\(ServiceHarness.meetingID)/applications",
                token: harness.secretariat, body: body)
            #expect(response.status == .unprocessableContent)
            #expect(response.problems.contains { $0.hasPrefix("applications.csv:3: id:") && $0.contains("'<'") })
            #expect(response.problems.contains { $0.hasPrefix("applications.csv:4: id:") && $0.contains("at most 64") })
        }
    }

    @Test(
        "3. explanation reads and failed sign-ins are rate limited with 429 and Retry-After; refused reads add no audit event"
    )
    func rateLimits() async throws {
        var limits = ServiceHarness.roomyLimits
        limits.explanationsPerToken = RateRule(burst: 3, perMinute: 0)  // no refill: the test may be slow
        limits.failedSignIns = RateRule(burst: 2, perMinute: 0)
        let harness = try await ServiceHarness(seeded: true, rateLimits: limits)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        let before = try harness.store.allEvents().count
        try await harness.test { client in
            for _ in 0..<3 {
                #expect(
                    try await client.send(
                        .get, Self.explanationURI(run, ServiceHarness.ownApplication), token: harness.applicant
                    ).status == .ok)
            }
            let refused = try await client.send(
                .get, Self.explanationURI(run, ServiceHarness.ownApplication), token: harness.applicant)
            #expect(refused.status == .tooManyRequests)
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 >= 1)
            // Another token is not held back by this one.
            #expect(
                try await client.send(
                    .get, Self.explanationURI(run, ServiceHarness.ownApplication), token: harness.reviewer
                ).status == .ok)
            // The page counts as a read too.
            let page = try await client.send(
                .get, "/runs/\(run)/applications/\(ServiceHarness.ownApplication)", token: harness.applicant)
            #expect(page.status == .tooManyRequests)

            // Sign-in attempts through the form as a browser sends them (its anti-forgery cookie
            // and token, issue #10), so that they reach the token check.
            let form = try await client.send(.get, "/login")
            let loginCookie = try #require(form.cookies.first { $0.hasPrefix("fellowship_login=") })
            let loginCSRF = try #require(form.text.firstMatch(of: /action="\/login\?csrf=([0-9a-f]{64})"/)?.1)
            for _ in 0..<2 {
                #expect(
                    try await client.send(
                        .post, "/login?csrf=\(loginCSRF)", body: Array("token=fs_guess".utf8),
                        headers: [.cookie: loginCookie]
                    ).status == .unauthorized)
            }
            // Once the failures are used up, even the right token waits: guessing gains nothing.
            let locked = try await client.send(
                .post, "/login?csrf=\(loginCSRF)", body: Array("token=\(harness.reviewer)".utf8),
                headers: [.cookie: loginCookie])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] != nil)
        }
        #expect(try harness.store.allEvents().count - before == 4)
    }

    @Test(
        "5. one solver pool: at most its workers at once, at most its queue waiting, 503 beyond; identical requests computed once; solver settings refused"
    )
    func solverPool() async throws {
        let pool = SolverPool(workers: 1, queueLimit: 1)
        let gate = DispatchSemaphore(value: 0)
        let first = Task {
            try await pool.run { () -> Int in
                gate.wait()
                return 1
            }
        }
        while pool.load.busy == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let second = Task { try await pool.run { 2 } }
        while pool.load.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
        do {
            _ = try await pool.run { 3 }
            Issue.record("a third request was accepted beyond the queue limit")
        } catch let error as ServiceError {
            #expect(error.status == .serviceUnavailable)
        }
        gate.signal()
        #expect(try await first.value == 1)
        #expect(try await second.value == 2)
        #expect(pool.load.busy == 0 && pool.load.waiting == 0)

        // Work cancelled while it waits leaves the queue without taking a worker.
        let hold = DispatchSemaphore(value: 0)
        let holder = Task {
            try await pool.run { () -> Int in
                hold.wait()
                return 0
            }
        }
        while pool.load.busy == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let waiting = Task { try await pool.run { 5 } }
        while pool.load.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(pool.load.waiting == 0)
        hold.signal()
        _ = try await holder.value
        #expect(pool.load.busy == 0)

        let computed = Shared(0)
        let shared = InFlight<Int>()
        async let a = shared.value("same") {
            computed.value.withLock { $0 += 1 }
            try await Task.sleep(for: .milliseconds(200))
            return 7
        }
        async let b = shared.value("same") {
            computed.value.withLock { $0 += 1 }
            try await Task.sleep(for: .milliseconds(200))
            return 8
        }
        let (x, y) = try await (a, b)
        #expect(x == y)
        #expect(computed.value.withLock { $0 } == 1)

        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        try await harness.test { client in
            let response = try await client.send(
                .get, "/api/v1/meetings/\(ServiceHarness.meetingID)/scenarios?budgets=60000&set=solver.time_limit=1",
                token: harness.reviewer)
            #expect(response.status == .unprocessableContent)
            #expect(response.problems == ["solver.time_limit: not allowed here"])
        }
    }

    @Test("6. 64 clients polling a run while it is stored: every answer is 200 and whole")
    func pollingWhileStored() async throws {
        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        let failures = Shared<[String]>([])
        try await harness.test { client in
            let started = try await client.send(
                .post, "/api/v1/meetings/\(ServiceHarness.meetingID)/runs", token: harness.secretariat)
            let id = try #require(started.json["id"] as? String)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<64 {
                    group.addTask {
                        var state = "running"
                        while state == "running" {
                            let response = try await client.send(.get, "/api/v1/runs/\(id)", token: harness.reviewer)
                            state = response.json["state"] as? String ?? "missing"
                            if response.status != .ok {
                                failures.value.withLock { $0.append("status \(response.status.code)") }
                            }
                            if state == "running" { try await Task.sleep(for: .milliseconds(20)) }
                        }
                        if state != "stored" { failures.value.withLock { $0.append("state \(state)") } }
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(failures.value.withLock { $0 }.isEmpty)
    }

    @Test("8. an unexpected failure is a 500 with a generic message and the request id; the details stay in the log")
    func internalErrors() async throws {
        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        // Break the store under the service.
        try harness.sqlite.write { db in try db.execute(sql: "DROP TABLE uploads") }
        try await harness.test { client in
            let response = try await client.send(.get, "/api/v1/meetings", token: harness.reviewer)
            #expect(response.status == .internalServerError)
            let id = try #require(response.headers[HeaderNames.requestID])
            #expect(response.message.contains(id))
            #expect(!response.message.lowercased().contains("sql"))
            #expect(!response.message.contains("uploads"))
        }
    }

    /// Collects log lines (for checking what the service logs).
    struct CollectingLog: LogHandler {
        let lines: Shared<[String]>
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
            function: String, line: UInt
        ) {
            let fields = (metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: " ")
            lines.value.withLock { $0.append("\(message) \(fields)") }
        }
    }

    @Test(
        "8. a run that fails in the background is logged with its reason and shown as failed on the runs page and in the API"
    )
    func failedRun() async throws {
        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        let lines = Shared<[String]>([])
        let logger = Logger(label: "test") { _ in CollectingLog(lines: lines) }
        let jobs = harness.service.state.jobs
        try jobs.begin(meeting: "M-FAIL", runID: "run-that-fails")
        jobs.launch(runID: "run-that-fails", meeting: "M-FAIL", logger: logger) {
            throw StoreError(.conflict, "the meeting's inputs changed under the run")
        }
        await jobs.drain()
        #expect(
            lines.value.withLock { $0 }.contains {
                $0.hasPrefix("run failed") && $0.contains("run=run-that-fails") && $0.contains("inputs changed")
            })
        try await harness.test { client in
            let api = try await client.send(.get, "/api/v1/runs/run-that-fails", token: harness.reviewer)
            #expect(api.json["state"] as? String == "failed")
            let page = try await client.send(.get, "/runs", token: harness.reviewer)
            #expect(
                page.text.contains("run-that-fails") && page.text.contains("failed")
                    && page.text.contains("inputs changed"))
        }
    }

    @Test("9. security headers on every response; 405 with Allow for undeclared methods")
    func headersAndMethods() async throws {
        let harness = try await ServiceHarness(seeded: true, secureCookies: true)
        defer { harness.remove() }
        try await harness.test { client in
            for (method, uri, token) in [
                (HTTPRequest.Method.get, "/health", nil), (.get, "/api/v1/runs", harness.reviewer),
                (.get, "/api/v1/runs", nil), (.get, "/runs", harness.reviewer), (.get, "/login", nil),
                (.get, "/nowhere", nil), (.delete, "/api/v1/runs", harness.reviewer),
            ] as [(HTTPRequest.Method, String, String?)] {
                let response = try await client.send(method, uri, token: token)
                #expect(response.headers[HeaderNames.contentTypeOptions] == "nosniff", "\(uri)")
                #expect(response.headers[.cacheControl] == "no-store", "\(uri)")
                #expect(response.headers[.strictTransportSecurity]?.hasPrefix("max-age=") == true, "\(uri)")
                #expect(response.headers[HeaderNames.requestID] != nil, "\(uri)")
                if response.headers[.contentType]?.hasPrefix("text/html") == true {
                    let policy = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(
                        policy.contains("frame-ancestors 'none'") && policy.contains("base-uri 'none'")
                            && policy.contains("default-src 'none'"), "\(uri)")
                }
            }
            let delete = try await client.send(.delete, "/api/v1/runs", token: harness.reviewer)
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.headers[.allow] == "GET")
            let putLogin = try await client.send(.put, "/login")
            #expect(putLogin.status == .methodNotAllowed)
            #expect(putLogin.headers[.allow] == "GET, POST")
            let patchRun = try await client.send(.patch, "/api/v1/runs/abc/decline", token: harness.secretariat)
            #expect(patchRun.status == .methodNotAllowed)
            #expect(patchRun.headers[.allow] == "POST")
            #expect(try await client.send(.get, "/api/v1/nothing-here").status == .notFound)
        }
        let plain = try await ServiceHarness(seeded: false)
        defer { plain.remove() }
        try await plain.test { client in
            let health = try await client.send(.get, "/health")
            #expect(health.headers[.strictTransportSecurity] == nil)
        }
    }

    @Test("16. a body the document declares invalid is refused: {\"budget\": null} is 422, not 202")
    func nullBudget() async throws {
        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        try await harness.test { client in
            let response = try await client.send(
                .post, "/api/v1/meetings/\(ServiceHarness.meetingID)/runs", token: harness.secretariat,
                body: Array("{\"budget\": null}".utf8))
            #expect(response.status == .unprocessableContent)
            #expect(response.message.contains("budget"))
        }
    }

    @Test(
        "10. token creation and revocation are audit events with id and role, never the secret; a read records the token id"
    )
    func accountability() async throws {
        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        let created = try harness.store.createToken(role: .reviewer, applicant: nil)
        _ = try harness.store.revokeToken(id: created.token.id)
        let events = try harness.store.allEvents()
        let made = try #require(events.last { $0.kind == "token_created" })
        #expect(made.payloadObject?["token"] as? String == created.token.id)
        #expect(made.payloadObject?["role"] as? String == "reviewer")
        #expect(!made.payload.contains(created.secret) && !made.payload.contains(Hexadecimal.sha256(created.secret)))
        #expect(events.last?.kind == "token_revoked")
        #expect(events.last?.payloadObject?["token"] as? String == created.token.id)
        let applicantID = try #require(try harness.store.tokens().first { $0.role == .applicant }?.id)
        try await harness.test { client in
            let read = try await client.send(
                .get, Self.explanationURI(run, ServiceHarness.ownApplication), token: harness.applicant)
            #expect(read.status == .ok)
        }
        let viewed = try #require(try harness.store.allEvents().last)
        #expect(viewed.kind == "explanation_viewed")
        #expect(viewed.payloadObject?["token"] as? String == applicantID)
        #expect(try harness.store.verify().isIntact)
    }

    @Test(
        "12. every value placed in HTML is escaped per Unicode scalar: quotes with combining marks, <, &, bidi controls"
    )
    func escaping() async throws {
        let hostile = "O\"\u{301} onmouseover=alert(1) x=\"\u{301}<script>&amp;\u{202E}evil\u{2066}"
        let escaped = HTMLEscaping.escape(hostile)
        #expect(
            !escaped.unicodeScalars.contains("\"") && !escaped.unicodeScalars.contains("<")
                && !escaped.unicodeScalars.contains(">"))
        #expect(
            !escaped.unicodeScalars.contains("\u{202E}") && escaped.contains("[U+202E]") && escaped.contains("[U+2066]")
        )
        #expect(escaped.contains("&quot;\u{301}") && escaped.contains("&amp;amp;"))

        // Any template the renderer loads, present or future, escapes this way, in text and attributes.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fellowship-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("<p title=\"{{name}}\">{{name}}</p>{{> part}}".utf8).write(
            to: directory.appendingPathComponent("page.mustache"))
        try Data("<input value=\"{{name}}\">".utf8).write(to: directory.appendingPathComponent("part.mustache"))
        let library = try PageTemplates.library(directory: directory.path)
        let html = try #require(library.render(["name": hostile], withTemplate: "page"))
        #expect(!html.unicodeScalars.contains("\u{202E}"))
        #expect(!html.contains("<script"))
        #expect(html.components(separatedBy: "\"").count == 5, "only the template's own quotes: \(html)")

        // A template may not switch the escaping off.
        try Data("{{{name}}}".utf8).write(to: directory.appendingPathComponent("raw.mustache"))
        #expect(throws: ServiceError.self) { try PageTemplates.library(directory: directory.path) }
        try FileManager.default.removeItem(at: directory.appendingPathComponent("raw.mustache"))
        try Data("{{% CONTENT_TYPE: TEXT}}{{name}}".utf8).write(to: directory.appendingPathComponent("text.mustache"))
        #expect(throws: ServiceError.self) { try PageTemplates.library(directory: directory.path) }

        // The service's own pages, with a hostile message on the error page.
        let renderer = try await PageRenderer.load()
        let text = try #require(
            renderer.library.render(
                [
                    "title": hostile, "lang": "en", "status": "422", "reason": hostile, "message": hostile,
                    "problems": [hostile], "hasProblems": true,
                ], withTemplate: "error"))
        #expect(!text.contains("<script") && !text.unicodeScalars.contains("\u{202E}"))
        let quoteWithMark = "\"" + "\u{301}"
        #expect(!text.contains(quoteWithMark))
    }

    @Test("13. a bad upload lists the first 1,000 problems and says how many there are")
    func problemCap() async throws {
        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        let header = String(decoding: ServiceHarness.applicationsBytes, as: UTF8.self).split(separator: "\n")[0]
        let rows = (0..<1500).map {
            "bad id \($0)," + String(repeating: ",", count: header.split(separator: ",").count - 2)
        }
        let body = ([String(header)] + rows).joined(separator: "\n") + "\n"
        try await harness.test { client in
            let response = try await client.send(
                .put, "/api/v1/meetings/\(ServiceHarness.meetingID)/applications",
                token: harness.secretariat, body: Array(body.utf8))
            #expect(response.status == .unprocessableContent)
            #expect(response.problems.count == 1000)
            #expect(response.message.contains("the first 1000 are listed"))
        }
    }

    @Test("17. decisions.json and the run's page carry the chain head as of the run's commit")
    func anchors() async throws {
        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        let anchor = try harness.store.chainAnchor(runID: run)
        try await harness.test { client in
            let decisions = try await client.send(.get, "/api/v1/runs/\(run)/decisions", token: harness.reviewer)
            #expect(ChainAnchor.read(fromDocument: Array(decisions.text.utf8)) == anchor)
            let page = try await client.send(.get, "/runs/\(run)", token: harness.reviewer)
            #expect(page.text.contains(anchor.hash) && page.text.contains("event \(anchor.seq)"))
        }
        #expect(try harness.sqlite.verify(anchor: anchor).isIntact)
        #expect(
            !(try harness.sqlite.verify(anchor: ChainAnchor(seq: anchor.seq, hash: String(repeating: "a", count: 64)))
                .isIntact))
    }
}
