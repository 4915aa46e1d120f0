import FellowshipCore
import FellowshipServer
import FellowshipStore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing

@Suite("service under concurrent readers")
struct ConcurrencyTests {
    /// What the readers saw, shared between them.
    final class Tally: Sendable {
        struct Counts {
            var explanations = 0
            var failures: [String] = []
            var sawNewRun = false
        }
        let counts = Mutex(Counts())
        let finished = Atomic<Bool>(false)
    }

    @Test(
        "many readers while a run is being decided and stored: every read succeeds and is whole; each explanation read is one audit event"
    )
    func readersDuringRun() async throws {
        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        let before = try harness.store.allEvents().filter { $0.kind == "explanation_viewed" }.count
        let readers = 32
        let tally = Tally()
        try await harness.test { client in
            let started = try await client.send(
                .post, "/api/v1/meetings/\(ServiceHarness.meetingID)/runs", token: harness.secretariat)
            #expect(started.status == .accepted)
            let newRun = try #require(started.json["id"] as? String)
            // One run of a meeting being decided at a time: a second start is refused until the
            // first run's decisions are stored (its margins follow; docs/service.md, "Run progress").
            let second = try await client.send(
                .post, "/api/v1/meetings/\(ServiceHarness.meetingID)/runs", token: harness.secretariat)
            if second.status == .conflict {
                #expect(second.message.contains("in progress"))
            } else {
                #expect(second.status == .accepted)
                #expect(
                    try harness.store.runs().contains { $0.id == newRun },
                    "a second run started before the first was stored")
            }

            try await withThrowingTaskGroup(of: Void.self) { group in
                // The readers keep reading until the run is stored (and once more after), so
                // that their reads overlap its write transaction.
                for index in 0..<readers {
                    group.addTask {
                        let token = [harness.applicant, harness.reviewer, harness.secretariat][index % 3]
                        var last = false
                        while !last {
                            last = tally.finished.load(ordering: .acquiring)
                            // Paced, so that the run being decided still gets the cores.
                            try await Task.sleep(for: .milliseconds(300))
                            let explanation = try await client.send(
                                .get,
                                "/api/v1/runs/\(run)/applications/\(ServiceHarness.ownApplication)/explanation?lang=\(["en", "fr", "zh"][index % 3])",
                                token: token)
                            tally.counts.withLock { counts in
                                counts.explanations += 1
                                if explanation.status != .ok
                                    || explanation.json["applicant"] as? String != ServiceHarness.ownApplication
                                {
                                    counts.failures.append("reader \(index): explanation \(explanation.status.code)")
                                }
                            }
                            guard index % 3 != 0 else { continue }
                            // Every run listed can be read whole.
                            let runs =
                                try await client.send(.get, "/api/v1/runs", token: token).json["runs"]
                                as? [[String: Any]] ?? []
                            for entry in runs {
                                let id = entry["id"] as? String ?? ""
                                let decisions = try await client.send(
                                    .get, "/api/v1/runs/\(id)/decisions", token: token)
                                let count = (decisions.json["decisions"] as? [Any])?.count ?? -1
                                tally.counts.withLock { counts in
                                    if id == newRun { counts.sawNewRun = true }
                                    if decisions.status != .ok || count != 200 {
                                        counts.failures.append(
                                            "reader \(index): run \(id) listed but read \(decisions.status.code) with \(count) decisions"
                                        )
                                    }
                                }
                            }
                        }
                    }
                }
                group.addTask {
                    let finished = try await waitForRun(client, newRun, token: harness.secretariat)
                    #expect(finished["state"] as? String == "stored")
                    tally.finished.store(true, ordering: .releasing)
                }
                try await group.waitForAll()
            }
        }
        let counts = tally.counts.withLock { $0 }
        #expect(counts.failures.isEmpty, "\(counts.failures.prefix(5))")
        #expect(counts.sawNewRun)
        #expect(counts.explanations >= readers)
        let events = try harness.store.allEvents().filter { $0.kind == "explanation_viewed" }
        #expect(events.count - before == counts.explanations)
        // The role is recorded, never a name.
        let roles = Set(events.compactMap { $0.payloadObject?["role"] as? String })
        #expect(roles == ["applicant", "reviewer", "secretariat"])
        let name = try harness.store.loadRun(id: run).inputs.applications.first {
            $0.id == ServiceHarness.ownApplication
        }!.name
        #expect(events.allSatisfy { !$0.payload.contains(name) })
        #expect(try harness.store.verify().isIntact)
    }
}
