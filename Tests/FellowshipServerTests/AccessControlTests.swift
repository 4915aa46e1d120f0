import FellowshipCore
import FellowshipServer
import FellowshipStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Every route for every role: allowed, 401 without or with a bad token, 403 for a role that
/// may not.
@Suite("service access control")
struct AccessControlTests {
    /// One concrete request per route, with the status an allowed caller gets.
    struct Case: Sendable {
        var method: HTTPRequest.Method
        var template: String
        var uri: String
        var body: [UInt8]?
        var expected: HTTPResponse.Status
        /// For pages that answer the roles differently (`/` redirects readers, shows applicants a page).
        var expectedByRole: [AccessRole: HTTPResponse.Status] = [:]
        var headers: HTTPFields = [:]
    }

    static func cases(run: String, awarded: String, notAwarded: String, secretariat: String) -> [Case] {
        let meeting = ServiceHarness.meetingID
        let own = ServiceHarness.ownApplication
        var otherMeeting = String(decoding: ServiceHarness.meetingBytes, as: UTF8.self)
        otherMeeting = otherMeeting.replacingOccurrences(of: "\"SG20-2020-07\"", with: "\"SG20-2021-01\"")
        return [
            Case(method: .get, template: "/health", uri: "/health", expected: .ok),
            Case(method: .get, template: "/login", uri: "/login", expected: .ok),
            // Without the sign-in form's anti-forgery cookie (PageTests signs in through the form).
            Case(
                method: .post, template: "/login", uri: "/login", body: Array("token=\(secretariat)".utf8),
                expected: .forbidden),
            Case(method: .post, template: "/logout", uri: "/logout", expected: .seeOther),
            Case(method: .get, template: "/", uri: "/", expected: .seeOther, expectedByRole: [.applicant: .ok]),
            Case(method: .get, template: "/runs", uri: "/runs", expected: .ok),
            Case(method: .get, template: "/runs/{run}", uri: "/runs/\(run)", expected: .ok),
            Case(
                method: .get, template: "/runs/{run}/applications/{application}",
                uri: "/runs/\(run)/applications/\(own)", expected: .ok),
            Case(method: .get, template: "/runs/{run}/waitlist", uri: "/runs/\(run)/waitlist", expected: .ok),
            Case(
                method: .get, template: "/meetings/{meeting}/scenarios", uri: "/meetings/\(meeting)/scenarios",
                expected: .ok),
            Case(method: .get, template: "/audit", uri: "/audit", expected: .ok),
            Case(method: .get, template: "/meetings", uri: "/meetings", expected: .ok),
            Case(method: .get, template: "/meetings/{meeting}", uri: "/meetings/\(meeting)", expected: .ok),
            Case(method: .get, template: "/runs/{run}/status", uri: "/runs/\(run)/status", expected: .ok),
            // An allocation run follows no decline (the decline tests read a follow-up run).
            Case(method: .get, template: "/runs/{run}/follow-up", uri: "/runs/\(run)/follow-up", expected: .notFound),
            Case(
                method: .get, template: "/runs/{run}/applications/{application}/decline",
                uri: "/runs/\(run)/applications/\(awarded)/decline", expected: .ok),
            Case(method: .get, template: "/runs/{run}/decisions.csv", uri: "/runs/\(run)/decisions.csv", expected: .ok),
            Case(
                method: .get, template: "/runs/{run}/decisions.json", uri: "/runs/\(run)/decisions.json", expected: .ok),
            Case(method: .get, template: "/runs/{run}/waitlist.csv", uri: "/runs/\(run)/waitlist.csv", expected: .ok),
            Case(
                method: .get, template: "/meetings/{meeting}/scenarios.csv",
                uri: "/meetings/\(meeting)/scenarios.csv?budgets=60000", expected: .ok),
            Case(
                method: .get, template: "/meetings/{meeting}/scenarios.svg",
                uri: "/meetings/\(meeting)/scenarios.svg?budgets=60000", expected: .ok),
            Case(method: .get, template: "/api/v1/meetings", uri: "/api/v1/meetings", expected: .ok),
            Case(
                method: .post, template: "/api/v1/meetings", uri: "/api/v1/meetings", body: Array(otherMeeting.utf8),
                expected: .created),
            Case(
                method: .get, template: "/api/v1/meetings/{meeting}", uri: "/api/v1/meetings/\(meeting)", expected: .ok),
            Case(
                method: .put, template: "/api/v1/meetings/{meeting}/countries",
                uri: "/api/v1/meetings/\(meeting)/countries",
                body: ServiceHarness.countriesBytes, expected: .ok),
            Case(
                method: .put, template: "/api/v1/meetings/{meeting}/applications",
                uri: "/api/v1/meetings/\(meeting)/applications",
                body: ServiceHarness.applicationsBytes, expected: .ok),
            Case(
                method: .put, template: "/api/v1/meetings/{meeting}/policy", uri: "/api/v1/meetings/\(meeting)/policy",
                body: ServiceHarness.policyBytes, expected: .ok),
            Case(
                method: .get, template: "/api/v1/meetings/{meeting}/scenarios",
                uri: "/api/v1/meetings/\(meeting)/scenarios?budgets=60000",
                expected: .ok),
            Case(method: .get, template: "/api/v1/runs", uri: "/api/v1/runs", expected: .ok),
            Case(method: .get, template: "/api/v1/runs/{run}", uri: "/api/v1/runs/\(run)", expected: .ok),
            Case(
                method: .get, template: "/api/v1/runs/{run}/decisions", uri: "/api/v1/runs/\(run)/decisions",
                expected: .ok),
            Case(
                method: .get, template: "/api/v1/runs/{run}/applications/{application}/explanation",
                uri: "/api/v1/runs/\(run)/applications/\(own)/explanation?lang=fr", expected: .ok),
            Case(
                method: .get, template: "/api/v1/runs/{run}/waitlist", uri: "/api/v1/runs/\(run)/waitlist",
                expected: .ok),
            Case(method: .get, template: "/api/v1/audit", uri: "/api/v1/audit", expected: .ok),
            Case(
                method: .get, template: "/api/v1/runs/{run}/applications/{application}/letter",
                uri: "/api/v1/runs/\(run)/applications/\(own)/letter", expected: .ok),
            Case(
                method: .get, template: "/api/v1/runs/{run}/letters/all.html",
                uri: "/api/v1/runs/\(run)/letters/all.html", expected: .ok),
            Case(
                method: .get, template: "/api/v1/runs/{run}/letters", uri: "/api/v1/runs/\(run)/letters?lang=ru",
                expected: .ok),
            // Writes last: the decline makes a follow-up run current, the new runs others.
            Case(
                method: .post, template: "/meetings", uri: "/meetings", body: Array(Self.meetingForm.utf8),
                expected: .seeOther),
            Case(
                method: .post, template: "/meetings/{meeting}/uploads/{kind}",
                uri: "/meetings/\(meeting)/uploads/policy",
                body: MultipartBody.file("file", name: "policy.json", bytes: ServiceHarness.policyBytes), expected: .ok,
                headers: [.contentType: MultipartBody.contentType]),
            Case(
                method: .post, template: "/meetings/{meeting}/policy", uri: "/meetings/\(meeting)/policy",
                body: Array("budget=60000.00&region_targets=countries".utf8), expected: .ok),
            // Only an award can be declined (the decline itself is DeclinePageTests').
            Case(
                method: .post, template: "/runs/{run}/applications/{application}/decline",
                uri: "/runs/\(run)/applications/\(notAwarded)/decline", expected: .conflict),
            Case(
                method: .post, template: "/api/v1/runs/{run}/decline", uri: "/api/v1/runs/\(run)/decline",
                body: Array("{\"applicant\": \"\(awarded)\"}".utf8), expected: .created),
            Case(
                method: .post, template: "/api/v1/meetings/{meeting}/runs", uri: "/api/v1/meetings/\(meeting)/runs",
                body: Array("{}".utf8), expected: .accepted),
            Case(
                method: .post, template: "/meetings/{meeting}/runs", uri: "/meetings/\(meeting)/runs",
                expected: .seeOther),
        ]
    }

    /// The create-a-meeting form, filled in for another meeting than the sample.
    static let meetingForm =
        "id=SG20-2022-01&title=Study+Group+20&venue=Geneva&start_date=2022-07-06&end_date=2022-07-16"
        + "&fellowship_deadline=2022-05-25T23%3A59%3A59%2B02%3A00&currency=CHF&dsa_per_day=320.00&dsa_days=12&financial_year=2022"

    @Test("every route answers each role as docs/service.md says: allowed, 401, 403", arguments: StoreKind.allCases)
    func matrix(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: true, store: store)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        let stored = try harness.store.loadRun(id: run)
        let awarded = stored.result.decisions.first {
            $0.outcome == .awarded && $0.applicant != ServiceHarness.ownApplication
        }!.applicant
        let notAwarded = stored.result.decisions.first { $0.outcome == .not_awarded }!.applicant
        let cases = Self.cases(run: run, awarded: awarded, notAwarded: notAwarded, secretariat: harness.secretariat)
        let routes = harness.service.routes

        // The cases cover every registered route, once.
        #expect(
            Set(cases.map { "\($0.method.rawValue) \($0.template)" }) == Set(routes.map { "\($0.method) \($0.path)" }))
        #expect(cases.count == routes.count)

        try await harness.test { client in
            for testCase in cases {
                let route = routes.first { $0.method == testCase.method.rawValue && $0.path == testCase.template }!
                let label = "\(testCase.method.rawValue) \(testCase.uri)"
                if route.access == .open {
                    let response = try await client.send(
                        testCase.method, testCase.uri, body: testCase.body, headers: testCase.headers)
                    #expect(response.status == testCase.expected, "\(label) without a token")
                    continue
                }
                let anonymous = try await client.send(testCase.method, testCase.uri, body: testCase.body)
                #expect(anonymous.status == .unauthorized, "\(label) without a token")
                let forged = try await client.send(
                    testCase.method, testCase.uri, token: "fs_" + String(repeating: "0", count: 64), body: testCase.body
                )
                #expect(forged.status == .unauthorized, "\(label) with a bad token")
                let malformed = try await client.send(
                    testCase.method, testCase.uri, body: testCase.body,
                    headers: [.authorization: "Basic c2VjcmV0"])
                #expect(malformed.status == .unauthorized, "\(label) with a non-bearer header")
                // Refused roles first, so that a write is only done once, by the allowed role.
                let roles = AccessRole.allCases.sorted {
                    route.access.roles.contains($1) && !route.access.roles.contains($0)
                }
                for role in roles {
                    let response = try await client.send(
                        testCase.method, testCase.uri, token: harness.token(role), body: testCase.body,
                        headers: testCase.headers)
                    if route.access.roles.contains(role) {
                        let expected = testCase.expectedByRole[role] ?? testCase.expected
                        #expect(
                            response.status == expected, "\(label) as \(role.rawValue): \(response.text.prefix(300))")
                        // A run started from the page: its status page is the redirect's target.
                        if response.status == .seeOther, let location = response.headers[.location],
                            let id = location.firstMatch(of: /^\/runs\/([0-9a-f-]+)\/status$/)?.1
                        {
                            let finished = try await waitForRun(client, String(id), token: harness.secretariat)
                            #expect(finished["state"] as? String == "stored")
                        }
                        if response.status == .accepted, let id = response.json["id"] as? String {
                            let finished = try await waitForRun(client, id, token: harness.secretariat)
                            #expect(finished["state"] as? String == "stored")
                            // The meeting is claimed until the run's margins are stored too.
                            try await waitForMargins(client, id, token: harness.secretariat)
                        }
                    } else {
                        #expect(response.status == .forbidden, "\(label) as \(role.rawValue)")
                    }
                }
            }
            // An applicant reads only its own explanation, on the API and on the page.
            for uri in [
                "/api/v1/runs/\(run)/applications/\(ServiceHarness.otherApplication)/explanation",
                "/runs/\(run)/applications/\(ServiceHarness.otherApplication)",
            ] {
                let response = try await client.send(.get, uri, token: harness.applicant)
                #expect(response.status == .forbidden, "\(uri) as another applicant")
                let allowed = try await client.send(.get, uri, token: harness.reviewer)
                #expect(allowed.status == .ok, "\(uri) as reviewer")
            }
        }
    }

    @Test("a revoked token is refused at once; the store keeps only the token's hash", arguments: StoreKind.allCases)
    func revocation(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: false, store: store)
        defer { harness.remove() }
        let created = try harness.store.createToken(role: .reviewer, applicant: nil)
        try await harness.test { client in
            #expect(try await client.send(.get, "/api/v1/runs", token: created.secret).status == .ok)
            _ = try harness.store.revokeToken(id: created.token.id)
            #expect(try await client.send(.get, "/api/v1/runs", token: created.secret).status == .unauthorized)
        }
        #expect(throws: StoreError.self) { try harness.store.revokeToken(id: created.token.id) }
        // Neither the secret nor any of the harness's secrets is anywhere in the store's files.
        for name in try FileManager.default.contentsOfDirectory(atPath: harness.directory.path) {
            let bytes =
                FileManager.default.contents(atPath: harness.directory.appendingPathComponent(name).path) ?? Data()
            for secret in [created.secret, harness.secretariat, harness.reviewer, harness.applicant] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(name) holds a token secret")
            }
        }
        #expect(try harness.store.tokens().count == 4)
    }
}
