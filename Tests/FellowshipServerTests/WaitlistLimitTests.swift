import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FellowshipCore

/// The service's waitlist with a limit (issue #12): the first N places of the full waitlist,
/// from the stored margins; a bad limit is a 422.
@Suite("Service: waitlist with a limit")
struct WaitlistLimitTests {
    @Test(
        "?limit=N gives the first N entries of the full waitlist; a bad limit is refused", arguments: StoreKind.allCases
    )
    func limited(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: true, store: store)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        try await harness.test { client in
            let full = try await client.send(.get, "/api/v1/runs/\(run)/waitlist", token: harness.reviewer)
            let entries = full.json["waitlist"] as? [[String: Any]] ?? []
            #expect(entries.count > 5)
            for limit in [1, 5] {
                let top = try await client.send(
                    .get, "/api/v1/runs/\(run)/waitlist?limit=\(limit)", token: harness.reviewer)
                #expect(top.status == .ok)
                let listed = top.json["waitlist"] as? [[String: Any]] ?? []
                #expect(
                    listed.map { $0["applicant"] as? String }
                        == entries.prefix(limit).map { $0["applicant"] as? String })
                #expect(
                    listed.map { "\($0["margin"] ?? "null")" }
                        == entries.prefix(limit).map { "\($0["margin"] ?? "null")" })
            }
            for bad in ["0", "-3", "x", "100001", "", "%20"] {
                let refused = try await client.send(
                    .get, "/api/v1/runs/\(run)/waitlist?limit=\(bad)", token: harness.reviewer)
                #expect(refused.status == .unprocessableContent, "limit=\(bad)")
            }
        }
    }
}
