import FellowshipCore
import FellowshipServer
import FellowshipStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("service pages")
struct PageTests {
    /// The session cookie a browser would keep after signing in with `secret`.
    static func signIn(_ client: any TestClientProtocol, _ secret: String) async throws -> String {
        try await SignedInBrowser.signIn(client, secret).cookie
    }

    @Test(
        "signing in opens a session whose cookie opens the pages, not the API; forms need the CSRF token",
        arguments: StoreKind.allCases)
    func loginCookie(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: true, store: store)
        defer { harness.remove() }
        try await harness.test { client in
            // Without the sign-in form's anti-forgery cookie and token: refused before the body is read.
            let forged = try await client.send(.post, "/login", body: Array("token=\(harness.reviewer)".utf8))
            #expect(forged.status == .forbidden)
            let form = try await client.send(.get, "/login")
            let loginCookie = try #require(form.cookies.first { $0.hasPrefix("fellowship_login=") })
            let loginCSRF = try #require(form.text.firstMatch(of: /action="\/login\?csrf=([0-9a-f]{64})"/)?.1)
            let failed = try await client.send(
                .post, "/login?csrf=\(loginCSRF)", body: Array("token=fs_nope".utf8),
                headers: [.cookie: loginCookie])
            #expect(failed.status == .unauthorized)
            #expect(failed.text.contains("not valid"))
            let reviewer = try await SignedInBrowser.signIn(client, harness.reviewer)
            #expect(!reviewer.cookie.contains(harness.reviewer))
            let runs = try await client.send(.get, "/runs", headers: [.cookie: reviewer.cookie])
            #expect(runs.status == .ok)
            #expect(runs.text.contains("/logout?csrf=\(reviewer.csrf)"))
            #expect(
                try await client.send(.get, "/api/v1/runs", headers: [.cookie: reviewer.cookie]).status == .unauthorized
            )
            let secretariat = try await SignedInBrowser.signIn(client, harness.secretariat)
            #expect(
                try await client.send(
                    .post, "/api/v1/meetings/\(ServiceHarness.meetingID)/runs", headers: [.cookie: secretariat.cookie]
                ).status == .unauthorized)
            // Signing out needs the token too; then the old cookie is dead.
            #expect(try await reviewer.send(client, .post, "/logout", withCSRF: false).status == .forbidden)
            let signedOut = try await reviewer.send(client, .post, "/logout")
            #expect(signedOut.status == .seeOther)
            #expect(signedOut.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await client.send(.get, "/runs", headers: [.cookie: reviewer.cookie]).status == .unauthorized)
            let cookie = secretariat.cookie
            // Whatever a URL carries is escaped on the page that names it.
            let hostile = try await client.send(
                .get, "/runs/%3Cscript%3Ealert(1)%3C%2Fscript%3E", headers: [.cookie: cookie])
            #expect(hostile.status == .notFound)
            #expect(!hostile.text.contains("<script"))
            let anonymous = try await client.send(.get, "/runs")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.text.contains("href=\"/login\""))
        }
    }

    @Test(
        "the pages show runs, filtered decisions, explanations in a language, the waitlist, a scenario chart and the audit status",
        arguments: StoreKind.allCases)
    func pagesContent(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: true, store: store)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        let stored = try harness.store.loadRun(id: run)
        try await harness.test { client in
            let cookie = try await Self.signIn(client, harness.reviewer)
            func page(_ uri: String) async throws -> String {
                let response = try await client.send(.get, uri, headers: [.cookie: cookie])
                #expect(response.status == .ok, "\(uri)")
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(!response.text.contains("<script"))
                return response.text
            }

            let runs = try await page("/runs")
            #expect(runs.contains("<html lang=\"en\">"))
            #expect(runs.contains("href=\"/runs/\(run)\""))
            #expect(runs.contains("<th scope=\"col\">Awards</th>"))

            let all = try await page("/runs/\(run)")
            #expect(all.contains("<label for=\"country\">Country</label>"))
            #expect(all.contains("<label for=\"region\">Region</label>"))
            #expect(all.contains("<label for=\"outcome\">Outcome</label>"))
            #expect(all.contains("200 of 200 applications"))
            let awardedCount = stored.result.decisions.filter { $0.outcome == .awarded }.count
            let awarded = try await page("/runs/\(run)?country=&region=&outcome=awarded")
            #expect(awarded.contains("\(awardedCount) of 200 applications (filtered)"))
            #expect(awarded.contains("<option value=\"awarded\" selected>"))
            #expect(!awarded.contains("<td>Not awarded</td>"))
            let application = stored.inputs.applications[0]
            let region = stored.inputs.countries.first { $0.iso3 == application.country }!.region
            let byCountry = try await page("/runs/\(run)?country=\(application.country)")
            let countryCount = stored.inputs.applications.filter { $0.country == application.country }.count
            #expect(byCountry.contains("\(countryCount) of 200 applications (filtered)"))
            let byRegion = try await page("/runs/\(run)?region=\(region.rawValue)")
            let regionCodes = Set(stored.inputs.countries.filter { $0.region == region }.map(\.iso3))
            #expect(
                byRegion.contains(
                    "\(stored.inputs.applications.filter { regionCodes.contains($0.country) }.count) of 200 applications (filtered)"
                ))

            let french = try await page("/runs/\(run)/applications/\(ServiceHarness.ownApplication)?lang=fr")
            #expect(french.contains("<html lang=\"en\">"))
            #expect(french.contains("<p class=\"paragraph\" lang=\"fr\">"))
            let explanation = try Explainer.explain(
                applicant: ServiceHarness.ownApplication, in: stored.result, language: .fr, base: stored.conditions)
            let escaped = explanation.text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
                of: "'", with: "&#39;"
            )
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            #expect(french.contains(escaped) || french.contains(explanation.text))
            #expect(french.contains("<label for=\"lang\">Language</label>"))
            #expect(!french.contains(application.name))

            let waitlist = try await page("/runs/\(run)/waitlist")
            // The same entries as the API's waitlist (the CLI's JSON).
            let entries =
                try await client.send(.get, "/api/v1/runs/\(run)/waitlist", token: harness.reviewer).json["waitlist"]
                as? [[String: Any]] ?? []
            #expect(!entries.isEmpty)
            #expect(waitlist.contains("\(entries.count) eligible applications not awarded"))
            #expect(
                waitlist.contains("href=\"/runs/\(run)/applications/\(entries[0]["applicant"] as? String ?? "?")\""))

            let form = try await page("/meetings/\(ServiceHarness.meetingID)/scenarios")
            #expect(form.contains("<label for=\"budget_range\">Budget range</label>"))
            #expect(!form.contains("<svg"))
            let chart = try await page(
                "/meetings/\(ServiceHarness.meetingID)/scenarios?budget_range=40000%3A60000%3A10000&budgets=&set=&variant=base%0D%0Acap1%3Acountry_cap%3D1"
            )
            #expect(chart.contains("<svg"))
            #expect(chart.contains("<th scope=\"row\">cap1</th>"))
            #expect(chart.contains("60000.00"))

            let audit = try await page("/audit")
            #expect(audit.contains("Intact:"))
            #expect(audit.contains(try harness.store.verify().headHash))
        }
    }

    @Test(
        "an applicant signs in to a list of its own decisions and reads its explanation, nothing else",
        arguments: StoreKind.allCases)
    func applicantPages(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: true, store: store)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        try await harness.test { client in
            let cookie = try await Self.signIn(client, harness.applicant)
            let home = try await client.send(.get, "/", headers: [.cookie: cookie])
            #expect(home.status == .ok)
            #expect(home.text.contains("href=\"/runs/\(run)/applications/\(ServiceHarness.ownApplication)\""))
            #expect(!home.text.contains("href=\"/runs\""))
            #expect(
                try await client.send(
                    .get, "/runs/\(run)/applications/\(ServiceHarness.ownApplication)", headers: [.cookie: cookie]
                ).status == .ok)
            let refused = try await client.send(.get, "/runs/\(run)", headers: [.cookie: cookie])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("applicant role may not"))
        }
    }
}
