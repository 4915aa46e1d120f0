import FellowshipCore
import FellowshipServer
import FellowshipStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Bad uploads and bad requests: the CLI's located messages, every problem at once, the
/// right status, and nothing written.
@Suite("service bad requests")
struct BadRequestTests {
    /// The applications file with three broken cells in two rows.
    static func brokenApplications() -> [UInt8] {
        var lines = String(decoding: ServiceHarness.applicationsBytes, as: UTF8.self).components(separatedBy: "\n")
        lines[1] = lines[1].replacingOccurrences(of: ",female,", with: ",femme,").replacingOccurrences(
            of: ",MDV,", with: ",XXX,")
        lines[3] = lines[3].replacingOccurrences(of: ",member_state,", with: ",delegate,")
        return Array(lines.joined(separator: "\n").utf8)
    }

    @Test(
        "a bad applications upload gets 422 with the CLI's FILE:LINE: column: messages, all at once, and nothing is stored"
    )
    func badApplications() async throws {
        let harness = try await ServiceHarness(seeded: false)
        defer { harness.remove() }
        let meeting = ServiceHarness.meetingID
        let broken = Self.brokenApplications()
        // What the command line reports for the same bytes under the same name.
        let countries = try InputLoader.countries(
            InputSource(name: "countries.csv", bytes: ServiceHarness.countriesBytes))
        let expected: [String]
        do {
            _ = try InputLoader.applications(
                InputSource(name: "applications.csv", bytes: broken), countries: Set(countries.map(\.iso3)))
            expected = []
        } catch { expected = error.problems.map(\.description) }
        #expect(expected.count >= 3)
        #expect(expected.allSatisfy { $0.hasPrefix("applications.csv:") })

        try await harness.test { client in
            let token = harness.secretariat
            #expect(
                try await client.send(.post, "/api/v1/meetings", token: token, body: ServiceHarness.meetingBytes).status
                    == .created)
            // Applications before countries: 409, nothing stored.
            let early = try await client.send(
                .put, "/api/v1/meetings/\(meeting)/applications", token: token, body: ServiceHarness.applicationsBytes)
            #expect(early.status == .conflict)
            #expect(early.message.contains("countries.csv"))
            #expect(
                try await client.send(
                    .put, "/api/v1/meetings/\(meeting)/countries", token: token, body: ServiceHarness.countriesBytes
                ).status == .ok)

            let response = try await client.send(
                .put, "/api/v1/meetings/\(meeting)/applications", token: token, body: broken)
            #expect(response.status == .unprocessableContent)
            #expect(response.problems == expected)
            #expect(response.text.contains("applications.csv:2: gender:"))
            let after = try await client.send(.get, "/api/v1/meetings/\(meeting)", token: token)
            #expect((after.json["uploads"] as? [String: Any])?["applications"] is NSNull)

            // Starting a run without the applications: 409 naming what is missing; no run.
            let run = try await client.send(.post, "/api/v1/meetings/\(meeting)/runs", token: token)
            #expect(run.status == .conflict)
            #expect(run.message.contains("applications.csv"))
            #expect(try harness.store.runs().isEmpty)
        }
    }

    @Test("malformed meeting and policy JSON get 422 with located messages; a body over the limit gets 413")
    func badJSONAndLimits() async throws {
        let harness = try await ServiceHarness(seeded: false, maxBodyBytes: 16 * 1024)
        defer { harness.remove() }
        let token = harness.secretariat
        try await harness.test { client in
            let truncated = Array(ServiceHarness.meetingBytes.prefix(40))
            let meeting = try await client.send(.post, "/api/v1/meetings", token: token, body: truncated)
            #expect(meeting.status == .unprocessableContent)
            #expect(!meeting.problems.isEmpty)
            #expect(meeting.problems.allSatisfy { $0.hasPrefix("meeting.json:") })
            let expected: [String]
            do {
                _ = try InputLoader.meeting(InputSource(name: "meeting.json", bytes: truncated))
                expected = []
            } catch let error as InputErrors { expected = error.problems.map(\.description) }
            #expect(meeting.problems == expected)
            #expect(try await client.send(.get, "/api/v1/meetings", token: token).json["meetings"] as? [Any] != nil)
            #expect(
                (try await client.send(.get, "/api/v1/meetings", token: token).json["meetings"] as? [Any])?.isEmpty
                    == true)

            #expect(
                try await client.send(.post, "/api/v1/meetings", token: token, body: ServiceHarness.meetingBytes).status
                    == .created)
            // The same meeting again: 409.
            #expect(
                try await client.send(.post, "/api/v1/meetings", token: token, body: ServiceHarness.meetingBytes).status
                    == .conflict)

            let policy = try await client.send(
                .put, "/api/v1/meetings/\(ServiceHarness.meetingID)/policy", token: token,
                body: Array(#"{"budget": "lots", "country_cap": -1, "colour": 3}"#.utf8))
            #expect(policy.status == .unprocessableContent)
            #expect(policy.problems.count >= 3)
            #expect(policy.problems.allSatisfy { $0.hasPrefix("policy.json:1: ") })

            // The applications file (23 KB) is over this service's 16 KiB limit.
            #expect(
                try await client.send(
                    .put, "/api/v1/meetings/\(ServiceHarness.meetingID)/countries", token: token,
                    body: ServiceHarness.countriesBytes
                ).status == .ok)
            let large = try await client.send(
                .put, "/api/v1/meetings/\(ServiceHarness.meetingID)/applications", token: token,
                body: ServiceHarness.applicationsBytes)
            #expect(large.status == .contentTooLarge)
            let meetingNow = try await client.send(.get, "/api/v1/meetings/\(ServiceHarness.meetingID)", token: token)
            let uploads = meetingNow.json["uploads"] as? [String: Any]
            #expect(uploads?["applications"] is NSNull)
            #expect(uploads?["policy"] is NSNull)
            #expect(uploads?["countries"] is [String: Any])
        }
    }

    @Test("bad request bodies get 400 or 422, unknown ids 404")
    func badRequests() async throws {
        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        let token = harness.secretariat
        let run = try harness.latestRunID()
        let meeting = ServiceHarness.meetingID
        try await harness.test { client in
            let notJSON = try await client.send(
                .post, "/api/v1/meetings/\(meeting)/runs", token: token, body: Array("{budget: 1".utf8))
            #expect(notJSON.status == .badRequest)
            let unknownMember = try await client.send(
                .post, "/api/v1/meetings/\(meeting)/runs", token: token,
                body: Array(#"{"budjet": "1000"}"#.utf8))
            #expect(unknownMember.status == .unprocessableContent)
            #expect(unknownMember.message.contains("budjet"))
            let badBudget = try await client.send(
                .post, "/api/v1/meetings/\(meeting)/runs", token: token,
                body: Array(#"{"budget": "12.345"}"#.utf8))
            #expect(badBudget.status == .unprocessableContent)
            let badDecline = try await client.send(
                .post, "/api/v1/runs/\(run)/decline", token: token, body: Array("[]".utf8))
            #expect(badDecline.status == .badRequest)
            let notAwarded = try await client.send(
                .post, "/api/v1/runs/\(run)/decline", token: token,
                body: Array(#"{"applicant": "A-9999"}"#.utf8))
            #expect(notAwarded.status == .notFound || notAwarded.status == .conflict)

            for uri in [
                "/api/v1/meetings/NOPE", "/api/v1/runs/00000000-0000-0000-0000-000000000000",
                "/api/v1/runs/00000000-0000-0000-0000-000000000000/decisions",
                "/api/v1/runs/\(run)/applications/A-9999/explanation",
                "/runs/00000000-0000-0000-0000-000000000000", "/api/v1/meetings/NOPE/scenarios?budgets=1000",
            ] {
                #expect(try await client.send(.get, uri, token: token).status == .notFound, "\(uri)")
            }
            #expect(
                try await client.send(
                    .put, "/api/v1/meetings/NOPE/policy", token: token, body: ServiceHarness.policyBytes
                ).status == .notFound)
            let badLang = try await client.send(
                .get, "/api/v1/runs/\(run)/applications/A-0001/explanation?lang=xx", token: token)
            #expect(badLang.status == .unprocessableContent)
            let badScenario = try await client.send(
                .get, "/api/v1/meetings/\(meeting)/scenarios?budget_range=9:1:0", token: token)
            #expect(badScenario.status == .unprocessableContent)
            #expect(!badScenario.problems.isEmpty)

        }
    }
}
