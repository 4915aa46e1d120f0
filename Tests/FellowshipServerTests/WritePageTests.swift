import FellowshipCore
import FellowshipServer
import FellowshipStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The secretariat's job in the pages (docs/service.md, "In the browser"), through the forms a
/// browser sends: meetings, uploads with their problems, the policy form, a run with its
/// progress, the decisions with their summary and sorting, a decline and the downloads.
@Suite("secretariat pages")
struct WritePageTests {
    @Test(
        "create a meeting from the form, upload the files (a bad one shows the command line's lines and stores nothing), start a run, see it stored",
        arguments: StoreKind.allCases)
    func meetingToRun(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: false, store: store)
        defer { harness.remove() }
        let meeting = ServiceHarness.meetingID
        try await harness.test { client in
            let browser = try await SignedInBrowser.signIn(client, harness.secretariat)
            // A form with a bad member: every problem named, nothing created.
            let badForm =
                "id=\(meeting)&title=SG20&venue=Geneva&start_date=2020-07-06&end_date=2020-07-16"
                + "&fellowship_deadline=yesterday&currency=CHF&dsa_per_day=lots&dsa_days=12&financial_year=2020"
            let refused = try await browser.send(client, .post, "/meetings", body: Array(badForm.utf8))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("No meeting was created"))
            #expect(refused.text.contains("meeting form:7: fellowship_deadline:"))
            #expect(refused.text.contains("meeting form:9: dsa_per_day:"))
            #expect(refused.text.contains("value=\"lots\""), "the form keeps what was typed")
            #expect(try harness.store.serviceMeetings().isEmpty)

            let created = try await browser.send(
                client, .post, "/meetings",
                body: MultipartBody.file(
                    "meeting_file", name: "sg20-2020-07.json", bytes: ServiceHarness.meetingBytes),
                contentType: MultipartBody.contentType)
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/meetings/\(meeting)")

            func upload(_ kind: String, _ name: String, _ bytes: [UInt8]) async throws -> TestResponse {
                try await browser.send(
                    client, .post, "/meetings/\(meeting)/uploads/\(kind)",
                    body: MultipartBody.file("file", name: name, bytes: bytes), contentType: MultipartBody.contentType)
            }
            let early = try await upload("applications", "applications.csv", ServiceHarness.applicationsBytes)
            #expect(early.status == .conflict)
            #expect(early.text.contains("upload countries.csv before the applications"))
            #expect(try await upload("countries", "countries.csv", ServiceHarness.countriesBytes).status == .ok)

            // A bad applications file: exactly the problems the command line reports for it.
            var text = String(decoding: ServiceHarness.applicationsBytes, as: UTF8.self)
            text = text.replacingOccurrences(of: ",MDV,", with: ",XYZ,")
            let bad = Array(text.utf8)
            let page = try await upload("applications", "bad apps.csv", bad)
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("bad apps.csv was not stored"))
            let countries = try InputLoader.countries(
                InputSource(name: "countries.csv", bytes: ServiceHarness.countriesBytes))
            let expected: [String]
            do {
                _ = try InputLoader.applications(
                    InputSource(name: "bad apps.csv", bytes: bad), countries: Set(countries.map(\.iso3)))
                expected = []
            } catch let error as InputErrors {
                expected = error.problems.map(\.description)
            } catch { expected = ["\(error)"] }
            #expect(!expected.isEmpty)
            let shown = page.text.matches(of: /<li>(bad apps\.csv:[^<]*)<\/li>/).map { String($0.1) }
            #expect(shown.map(Self.unescape) == expected)
            #expect(try harness.store.serviceMeeting(id: meeting).uploads[.applications] == nil)

            let stored = try await upload("applications", "applications.csv", ServiceHarness.applicationsBytes)
            #expect(stored.status == .ok)
            #expect(stored.text.contains("applications.csv was stored"))
            #expect(stored.text.contains(InputSource(name: "", bytes: ServiceHarness.applicationsBytes).sha256))

            // The policy form: a bad value is named, a good form stores policy.json.
            let badPolicy = try await browser.send(
                client, .post, "/meetings/\(meeting)/policy",
                body: Array("budget=12.345&gender_target=2&region_targets=explicit&region_AFR=0.9&region_EUR=0.5".utf8))
            #expect(badPolicy.status == .unprocessableContent)
            #expect(badPolicy.text.contains("policy form:2: budget:"))
            #expect(badPolicy.text.contains("gender_target:"))
            #expect(badPolicy.text.contains("region_targets: the shares sum to"))
            #expect(try harness.store.serviceMeeting(id: meeting).uploads[.policy] == nil)
            let policyForm =
                "budget=60000.00&country_cap=2&max_dsa_per_country=1&gender_target=0.5&region_targets=countries"
            let goodPolicy = try await browser.send(
                client, .post, "/meetings/\(meeting)/policy", body: Array(policyForm.utf8))
            #expect(goodPolicy.status == .ok)
            #expect(goodPolicy.text.contains("The policy from the form was stored"))
            let policy = try InputLoader.policy(try harness.store.meetingFiles(id: meeting).policy!)
            #expect(
                policy == (try InputLoader.policy(InputSource(name: "policy.json", bytes: ServiceHarness.policyBytes))))

            // The run: a status page while it is decided, then stored; a second start is refused meanwhile.
            let started = try await browser.send(
                client, .post, "/meetings/\(meeting)/runs", body: Array("budget=".utf8))
            #expect(started.status == .seeOther)
            let location = try #require(started.headers[.location])
            let runID = String(try #require(location.firstMatch(of: /^\/runs\/([0-9a-f-]+)\/status$/)?.1))
            let status = try await browser.send(client, .get, location)
            #expect(status.status == .ok)
            // The status page whose margins are followed below: this run's, or that of a second
            // run started once this one's decisions were stored (which stops this one's margins).
            var followed = location
            if status.text.contains("Being decided") {
                #expect(status.headers[HTTPField.Name("Refresh")!] == "2")
                #expect(status.text.contains("Stop refreshing this page automatically"))
                let off = try await browser.send(client, .get, location + "?refresh=off")
                #expect(off.headers[HTTPField.Name("Refresh")!] == nil || !off.text.contains("Being decided"))
                let second = try await browser.send(client, .post, "/meetings/\(meeting)/runs", body: [])
                #expect(second.status == .conflict || second.status == .seeOther)
                if second.status == .conflict { #expect(second.text.contains("in progress")) }
                if second.status == .seeOther, let next = second.headers[.location] { followed = next }
            }
            _ = try await waitForRun(client, runID, token: harness.secretariat)
            let done = try await browser.send(client, .get, location)
            #expect(done.text.contains("Stored."))
            #expect(done.text.contains("s after start was pressed"))
            #expect(done.text.contains("href=\"/runs/\(runID)/decisions.csv\""))
            if followed != location {
                // Superseded by the second run: this run's margin phase stops at its next batch;
                // its page then stops refreshing and says how the rest are computed (or all were).
                var first = done
                for _ in 0..<600 where first.headers[HTTPField.Name("Refresh")!] != nil {
                    try await Task.sleep(for: .milliseconds(500))
                    first = try await browser.send(client, .get, location)
                }
                #expect(first.headers[HTTPField.Name("Refresh")!] == nil)
                #expect(
                    first.text.contains("The others are computed when an explanation asks for one")
                        || first.text.firstMatch(of: /All \d+ margins are stored\./) != nil)
                let secondID = String(try #require(followed.firstMatch(of: /^\/runs\/([0-9a-f-]+)\/status$/)?.1))
                _ = try await waitForRun(client, secondID, token: harness.secretariat)
            }
            // The margins are stored after the decisions: the page counts them and keeps
            // refreshing until they all are, then stops.
            var statusPage = try await browser.send(client, .get, followed)
            for _ in 0..<600 where statusPage.text.firstMatch(of: /All \d+ margins are stored\./) == nil {
                #expect(
                    statusPage.text.contains("margins stored") && statusPage.headers[HTTPField.Name("Refresh")!] != nil)
                try await Task.sleep(for: .milliseconds(500))
                statusPage = try await browser.send(client, .get, followed)
            }
            #expect(statusPage.text.firstMatch(of: /All \d+ margins are stored\./) != nil)
            #expect(statusPage.headers[HTTPField.Name("Refresh")!] == nil)
        }
    }

    @Test(
        "the decisions page: summary charts with their numbers in text, names for the secretariat only, sorting, reasons in words",
        arguments: StoreKind.allCases)
    func decisionsPage(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: true, store: store)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        let stored = try harness.store.loadRun(id: run)
        let tally = stored.result.tally
        try await harness.test { client in
            let secretariat = try await SignedInBrowser.signIn(client, harness.secretariat)
            let reviewer = try await SignedInBrowser.signIn(client, harness.reviewer)
            let page = try await secretariat.send(client, .get, "/runs/\(run)")
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "<svg ").count - 1 == 4)
            #expect(page.text.contains("of the budget of 60,000.00 CHF"))
            #expect(page.text.contains("\(tally.women) of \(tally.awards) awards went to women"))
            #expect(page.text.contains("\(tally.coveredCountries) of the"))
            let name = stored.inputs.applications[5].name
            #expect(page.text.contains(name))
            #expect(
                page.text.contains(
                    "/applications/\(stored.result.decisions.first { $0.outcome == .awarded }!.applicant)/decline\""))
            #expect(page.text.contains("Conditions not met: "))
            let reading = try await reviewer.send(client, .get, "/runs/\(run)")
            #expect(!reading.text.contains(name))
            #expect(!reading.text.contains("/decline\""))
            #expect(!reading.text.contains("method=\"post\" action=\"/meetings"))

            // Sorting by score, down: the scores in the table descend; a bad column is refused.
            let sorted = try await secretariat.send(client, .get, "/runs/\(run)?outcome=awarded&sort=score&dir=desc")
            let scores = sorted.text.matches(of: /<td class="number">[0-9.]*<\/td><td class="number">([0-9.]+)<\/td>/)
                .map { Double($0.1)! }
            #expect(scores.count == tally.awards)
            #expect(scores == scores.sorted(by: >))
            #expect(sorted.text.contains("aria-sort=\"descending\""))
            #expect(try await reviewer.send(client, .get, "/runs/\(run)?sort=name").status == .unprocessableContent)
            #expect(
                try await secretariat.send(client, .get, "/runs/\(run)?sort=colour").status == .unprocessableContent)
        }
    }

    @Test(
        "downloads: the decisions CSV (BOM, one row per application, names for the secretariat), JSON, waitlist, scenarios",
        arguments: StoreKind.allCases)
    func downloads(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: true, store: store)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        let stored = try harness.store.loadRun(id: run)
        try await harness.test { client in
            let secretariat = try await SignedInBrowser.signIn(client, harness.secretariat)
            let reviewer = try await SignedInBrowser.signIn(client, harness.reviewer)
            let csv = try await secretariat.send(client, .get, "/runs/\(run)/decisions.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            let bytes = Array(csv.body.readableBytesView)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let table = Self.csvRows(String(decoding: bytes.dropFirst(3), as: UTF8.self))
            #expect(
                table.first == [
                    "application", "name", "country", "country_name", "region", "outcome", "component",
                    "cost", "score", "margin", "reasons", "chain_head_seq", "chain_head_sha256",
                ])
            // Every row carries the run's anchor (docs/audit.md, "Anchors"), and so does the file.
            let anchor = try harness.store.chainAnchor(runID: run)
            #expect(table.dropFirst().allSatisfy { $0.suffix(2) == [String(anchor.seq), anchor.hash] })
            #expect(ChainAnchor.read(fromFile: bytes) == anchor)
            let rows = Array(table.dropFirst())
            #expect(rows.count == stored.inputs.applications.count)
            #expect(rows.map { $0[0] } == stored.inputs.applications.map(\.id))
            #expect(rows.map { $0[1] } == stored.inputs.applications.map(\.name))
            for (row, decision) in zip(rows, stored.result.decisions) {
                #expect(row[5] == decision.outcome.rawValue)
                #expect(row[7] == (decision.cost?.decimalText ?? ""))
            }
            let readerCSV = try await reviewer.send(client, .get, "/runs/\(run)/decisions.csv")
            #expect(!readerCSV.text.contains(stored.inputs.applications[0].name))
            #expect(readerCSV.text.dropFirst().hasPrefix("application,country,"))

            let json = try await reviewer.send(client, .get, "/runs/\(run)/decisions.json")
            #expect(json.text == anchor.attached(to: stored.decisionsDocument).document)
            let waitlist = try await reviewer.send(client, .get, "/runs/\(run)/waitlist.csv")
            #expect(waitlist.status == .ok)
            #expect(waitlist.text.dropFirst().hasPrefix("position,application,score,margin,reasons\n1,"))
            let scenarios = try await reviewer.send(
                client, .get, "/meetings/\(ServiceHarness.meetingID)/scenarios.csv?budgets=40000,60000")
            #expect(scenarios.status == .ok)
            #expect(scenarios.text.split(separator: "\n").count == 3)
            let chart = try await reviewer.send(
                client, .get, "/meetings/\(ServiceHarness.meetingID)/scenarios.svg?budgets=40000,60000")
            #expect(chart.headers[.contentType]?.hasPrefix("image/svg+xml") == true)
            #expect(chart.text.contains("<svg"))
        }
    }

    @Test(
        "decline from the page: a confirmation that says what happens, then the follow-up run with the new awards and the audit events",
        arguments: StoreKind.allCases)
    func declinePage(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: true, store: store)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        let stored = try harness.store.loadRun(id: run)
        let awarded = stored.result.decisions.first { $0.outcome == .awarded }!
        try await harness.test { client in
            let secretariat = try await SignedInBrowser.signIn(client, harness.secretariat)
            let confirm = try await secretariat.send(
                client, .get, "/runs/\(run)/applications/\(awarded.applicant)/decline")
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("What will happen"))
            #expect(confirm.text.contains("\(awarded.cost!.decimalText) CHF"))
            #expect(
                confirm.text.contains(
                    "action=\"/runs/\(run)/applications/\(awarded.applicant)/decline?csrf=\(secretariat.csrf)\""))
            let eventsBefore = try harness.store.allEvents().count
            let declined = try await secretariat.send(
                client, .post, "/runs/\(run)/applications/\(awarded.applicant)/decline")
            #expect(declined.status == .seeOther)
            let location = try #require(declined.headers[.location])
            let followUpID = String(try #require(location.firstMatch(of: /^\/runs\/([0-9a-f-]+)\/follow-up$/)?.1))
            let followUp = try harness.store.loadRun(id: followUpID)
            #expect(followUp.parentRunID == run)
            let page = try await secretariat.send(client, .get, location)
            #expect(page.status == .ok)
            #expect(page.text.contains("Freed: \(awarded.cost!.decimalText) CHF"))
            let newAwards = followUp.result.decisions.filter { decision in
                decision.outcome == .awarded
                    && stored.result.decisions.first { $0.applicant == decision.applicant }?.outcome != .awarded
            }
            for decision in newAwards { #expect(page.text.contains(">\(decision.applicant)</a>")) }
            let written = try harness.store.allEvents().count - eventsBefore
            #expect(page.text.contains("\(written) events in the audit chain"))
            #expect(page.text.contains("<td>decline</td>"))
            // The declined run is superseded: no more decline links on it; a second decline is refused.
            let old = try await secretariat.send(client, .get, "/runs/\(run)")
            #expect(!old.text.contains("/decline\""))
            let again = try await secretariat.send(
                client, .post, "/runs/\(run)/applications/\(awarded.applicant)/decline")
            #expect(again.status == .conflict)
        }
    }

    /// RFC 4180 rows (quoted fields, doubled quotes), enough to read the service's CSV back.
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        return rows
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
