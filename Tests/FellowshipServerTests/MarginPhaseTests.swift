import FellowshipStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FellowshipCore

/// A run started from the service commits its decisions first and frees its meeting; its
/// margins follow until the meeting starts another run, which supersedes that margin phase
/// (docs/service.md, "Run progress").
@Suite("Service: the margin phase after the decisions")
struct MarginPhaseTests {
    @Test(
        "a new run may start once the decisions are stored; every margin ends up stored; the chain stays intact",
        arguments: StoreKind.allCases)
    func newRunDuringMargins(store: StoreKind) async throws {
        let harness = try await ServiceHarness(seeded: true, store: store)
        defer { harness.remove() }
        let uri = "/api/v1/meetings/\(ServiceHarness.meetingID)/runs"
        try await harness.test { client in
            let first = try await client.send(.post, uri, token: harness.secretariat, body: Array("{}".utf8))
            #expect(first.status == .accepted)
            let firstID = try #require(first.json["id"] as? String)
            // While the decisions are being made the meeting is claimed ...
            let refused = try await client.send(.post, uri, token: harness.secretariat, body: Array("{}".utf8))
            #expect(refused.status == .conflict || refused.status == .accepted)
            var secondID = refused.json["id"] as? String
            #expect((try await waitForRun(client, firstID, token: harness.secretariat))["state"] as? String == "stored")
            // ... and free again once they are stored, margins or not.
            if secondID == nil {
                let second = try await client.send(.post, uri, token: harness.secretariat, body: Array("{}".utf8))
                #expect(second.status == .accepted, "\(second.text)")
                secondID = second.json["id"] as? String
            }
            let newer = try #require(secondID)
            #expect((try await waitForRun(client, newer, token: harness.secretariat))["state"] as? String == "stored")
            try await waitForMargins(client, newer, token: harness.secretariat)
            for _ in 0..<600 where try harness.store.loadRun(id: newer).pendingMargins > 0 {
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(try harness.store.loadRun(id: newer).pendingMargins == 0)
            // The superseded run's pending margins (if its phase was stopped) are completed on demand.
            let older = try harness.store.loadRun(id: firstID)
            let completed = try harness.store.completeMargins(of: older)
            #expect(completed.pendingMargins == 0)
            #expect(try harness.store.loadRun(id: firstID).pendingMargins == 0)
        }
        #expect(try harness.store.verify().isIntact)
    }
}
