import FellowshipCore
import FellowshipServer
import FellowshipStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Issue #13 on the service: the secretariat downloads a run's letters (one, all.html, ZIP);
/// an applicant reads its home and explanation in its own language, right to left in
/// Arabic, with no other application named, on the page and in the API.
@Suite("letters and applicant pages")
struct LetterAndApplicantPageTests {
    /// A store whose run was decided from the sample with a `language` column: A-0001 reads
    /// Arabic, A-0002 Spanish, the others English.
    static func languageHarness() async throws -> (ServiceHarness, String) {
        let harness = try await ServiceHarness(seeded: false)
        var lines = String(decoding: ServiceHarness.applicationsBytes, as: UTF8.self).split(separator: "\n").map(
            String.init)
        lines[0] += ",language"
        for index in 1..<lines.count {
            lines[index] += lines[index].hasPrefix("A-0001,") ? ",ar" : lines[index].hasPrefix("A-0002,") ? ",es" : ","
        }
        let applications = InputSource(
            name: "applications.csv", bytes: Array((lines.joined(separator: "\n") + "\n").utf8))
        let meeting = ServiceHarness.meetingID
        _ = try harness.store.createMeeting(
            InputSource(name: RunStore.meetingFileName, bytes: ServiceHarness.meetingBytes))
        _ = try harness.store.upload(
            .countries, InputSource(name: "countries.csv", bytes: ServiceHarness.countriesBytes), meetingID: meeting)
        _ = try harness.store.upload(.applications, applications, meetingID: meeting)
        _ = try harness.store.upload(
            .policy, InputSource(name: "policy.json", bytes: ServiceHarness.policyBytes), meetingID: meeting)
        let run = try harness.store.allocate(try harness.store.meetingSources(id: meeting))
        return (harness, run.id)
    }

    @Test("the secretariat downloads one letter, all.html and a ZIP; in the applicant's language or ?lang=")
    func downloads() async throws {
        let (harness, run) = try await Self.languageHarness()
        defer { harness.remove() }
        try await harness.test { client in
            let one = try await client.send(
                .get, "/api/v1/runs/\(run)/applications/A-0001/letter", token: harness.secretariat)
            #expect(one.status == .ok)
            #expect(one.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(one.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(one.text.contains("<article class=\"letter"))
            let french = try await client.send(
                .get, "/api/v1/runs/\(run)/applications/A-0001/letter?lang=fr", token: harness.secretariat)
            #expect(french.text.contains("<html lang=\"fr\" dir=\"ltr\">"))
            let all = try await client.send(.get, "/api/v1/runs/\(run)/letters/all.html", token: harness.secretariat)
            #expect(all.status == .ok)
            #expect(all.text.components(separatedBy: "<article class=\"letter").count == 201)
            #expect(all.text.contains("lang=\"ar\" dir=\"rtl\" id=\"letter-A-0001\""))
            #expect(all.text.contains("lang=\"es\" dir=\"ltr\" id=\"letter-A-0002\""))
            #expect(all.text.contains("lang=\"en\" dir=\"ltr\" id=\"letter-A-0003\""))
            let zip = try await client.send(.get, "/api/v1/runs/\(run)/letters", token: harness.secretariat)
            #expect(zip.status == .ok)
            #expect(zip.headers[.contentType] == "application/zip")
            #expect(
                zip.headers[HTTPField.Name("Content-Disposition")!] == "attachment; filename=\"letters-\(run).zip\"")
            let bytes = Array(zip.body.readableBytesView)
            #expect(Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
            let end = Array(bytes.suffix(22))
            #expect(Int(end[10]) | Int(end[11]) << 8 == 201)
            for role in [AccessRole.reviewer, .applicant] {
                #expect(
                    try await client.send(.get, "/api/v1/runs/\(run)/letters", token: harness.token(role)).status
                        == .forbidden)
            }
            let unknown = try await client.send(
                .get, "/api/v1/runs/\(run)/applications/A-9999/letter", token: harness.secretariat)
            #expect(unknown.status == .notFound)
            let badLanguage = try await client.send(
                .get, "/api/v1/runs/\(run)/letters?lang=tlh", token: harness.secretariat)
            #expect(badLanguage.status == .unprocessableContent)
        }
    }

    @Test("the applicant's pages are in its language, right to left in Arabic, ?lang= overriding")
    func applicantPagesTranslated() async throws {
        let (harness, run) = try await Self.languageHarness()
        defer { harness.remove() }
        let arabic = Language(rawValue: "ar")!.pack
        try await harness.test { client in
            let cookie = try await PageTests.signIn(client, harness.applicant)
            let home = try await client.send(.get, "/", headers: [.cookie: cookie])
            #expect(home.status == .ok)
            #expect(home.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(home.text.contains(arabic.page("home.title", ["applicant": "A-0001"])))
            #expect(home.text.contains(arabic.page("sign_out")))
            #expect(home.text.contains("href=\"/runs/\(run)/applications/A-0001\""))
            let page = try await client.send(.get, "/runs/\(run)/applications/A-0001", headers: [.cookie: cookie])
            #expect(page.status == .ok)
            #expect(page.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
            for key in ["figures", "language", "show", "site", "footer"] {
                #expect(page.text.contains(arabic.page(key)), "pages.\(key)")
            }
            #expect(page.text.contains(arabic.label("field.outcome")))
            let ids = Set(page.text.matches(of: /A-\d{4}/).map { String($0.output) })
            #expect(ids == ["A-0001"], "the page names \(ids)")
            for (code, name) in [("fr", "fr"), ("ru", "ru"), ("zh", "zh"), ("es", "es"), ("en", "en")] {
                let other = try await client.send(
                    .get, "/runs/\(run)/applications/A-0001?lang=\(code)", headers: [.cookie: cookie])
                #expect(other.text.contains("<html lang=\"\(name)\" dir=\"ltr\">"))
                #expect(other.text.contains(Language(rawValue: code)!.pack.page("figures")))
                #expect(Set(other.text.matches(of: /A-\d{4}/).map { String($0.output) }) == ["A-0001"])
                // Values in a page are escaped per scalar, `=` included (HTMLEscaping).
                #expect(other.text.contains("href=\"/?lang&#61;\(code)\""))
            }
        }
    }

    @Test("the applicant's pages for every outcome kind in every language: translated, lang and dir, no one else named")
    func everyOutcomeEveryLanguage() async throws {
        let (harness, run) = try await Self.languageHarness()
        defer { harness.remove() }
        let stored = try harness.store.loadRun(id: run)
        let decisions = stored.result.decisions
        let meetingID = stored.meetingID
        var first: [Decision.Outcome: String] = [:]
        for decision in decisions where first[decision.outcome] == nil { first[decision.outcome] = decision.applicant }
        #expect(first.count == 3)
        let chosen = first
        try await harness.test { client in
            for (outcome, applicant) in chosen.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let secret = try harness.store.createToken(role: .applicant, applicant: applicant, meeting: meetingID)
                    .secret
                let cookie = try await PageTests.signIn(client, secret)
                for language in Language.allCases {
                    let pack = language.pack
                    let dir = pack.direction
                    let home = try await client.send(.get, "/?lang=\(language.rawValue)", headers: [.cookie: cookie])
                    #expect(home.text.contains("<html lang=\"\(language.rawValue)\" dir=\"\(dir)\">"))
                    #expect(home.text.contains(pack.page("home.caption")))
                    let page = try await client.send(
                        .get, "/runs/\(run)/applications/\(applicant)?lang=\(language.rawValue)",
                        headers: [.cookie: cookie])
                    #expect(page.status == .ok)
                    let label = "\(applicant) (\(outcome.rawValue)) in \(language)"
                    #expect(page.text.contains("<html lang=\"\(language.rawValue)\" dir=\"\(dir)\">"), "\(label)")
                    #expect(page.text.contains(pack.label("outcome.\(outcome.rawValue)")), "\(label): the outcome")
                    #expect(page.text.contains(pack.page("figures")), "\(label)")
                    #expect(page.text.contains(pack.page("show")), "\(label)")
                    #expect(Set(page.text.matches(of: /A-\d{4}/).map { String($0.output) }) == [applicant], "\(label)")
                    let body = page.text.replacingOccurrences(
                        of: "<style>[^<]*</style>", with: "", options: .regularExpression)
                    #expect(!body.contains("{") && !body.contains("}"), "\(label): a placeholder is left")
                }
            }
        }
    }

    @Test(
        "an applicant's explanation API names no other application; a reviewer's still does",
        arguments: StoreKind.allCases)
    func privateExplanationAPI(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: true, store: store)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        let stored = try harness.store.loadRun(id: run)
        let full = try Explainer.explain(
            applicant: ServiceHarness.ownApplication, in: stored.result, language: .en, base: stored.conditions)
        try await harness.test { client in
            for language in Language.allCases {
                let own = try await client.send(
                    .get, "/api/v1/runs/\(run)/applications/A-0001/explanation?lang=\(language.rawValue)",
                    token: harness.applicant)
                #expect(own.status == .ok)
                #expect(Set(own.text.matches(of: /A-\d{4}/).map { String($0.output) }) == ["A-0001"], "\(language)")
                #expect((own.json["would_displace"] as? [Any])?.isEmpty == true)
                #expect((own.json["alternative_adds"] as? [Any])?.isEmpty == true)
                let withheld = own.json["withheld"] as? [String: Any]
                #expect(withheld?["would_displace"] as? Int == full.wouldDisplace.count)
                #expect(withheld?["alternative_adds"] as? Int == full.alternativeAdds.count)
            }
            let reviewer = try await client.send(
                .get, "/api/v1/runs/\(run)/applications/A-0001/explanation", token: harness.reviewer)
            #expect((reviewer.json["would_displace"] as? [String]) == full.wouldDisplace)
            #expect(reviewer.json["withheld"] == nil)
        }
    }
}
