import FellowshipCore
import FellowshipServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("service under concurrent readers")
struct ConcurrencyTests {
    @Test("many readers while a run is being decided and stored: every read succeeds and is whole; each explanation read is one audit event")
    func readersDuringRun() async throws {
        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        let before = try harness.store.allEvents().filter { $0.kind == "explanation_viewed" }.count
        let readers = 48
        try await harness.test { client in
            let started = try await client.send(.post, "/api/v1/meetings/\(ServiceHarness.meetingID)/runs", token: harness.secretariat)
            #expect(started.status == .accepted)
            let newRun = try #require(started.json["id"] as? String)
            // One run of a meeting at a time; its results are not readable until stored.
            let second = try await client.send(.post, "/api/v1/meetings/\(ServiceHarness.meetingID)/runs", token: harness.secretariat)
            #expect(second.status == .conflict)
            #expect(second.message.contains("in progress"))
            let early = try await client.send(.get, "/api/v1/runs/\(newRun)", token: harness.reviewer)
            #expect(early.json["state"] as? String == "running" || early.json["state"] as? String == "stored")

            let results = try await withThrowingTaskGroup(of: (Int, String, Int, Int).self) { group in
                for index in 0..<readers {
                    group.addTask {
                        let token = index % 3 == 0 ? harness.applicant : (index % 3 == 1 ? harness.reviewer : harness.secretariat)
                        let explanation = try await client.send(
                            .get, "/api/v1/runs/\(run)/applications/\(ServiceHarness.ownApplication)/explanation?lang=\(["en", "fr", "zh"][index % 3])",
                            token: token)
                        // Runs listed are whole: each one's decisions can be read.
                        var listed = 0
                        if index % 3 != 0 {
                            let runs = try await client.send(.get, "/api/v1/runs", token: token).json["runs"] as? [[String: Any]] ?? []
                            listed = runs.count
                            for entry in runs {
                                let id = entry["id"] as! String
                                let decisions = try await client.send(.get, "/api/v1/runs/\(id)/decisions", token: token)
                                let count = (decisions.json["decisions"] as? [Any])?.count ?? -1
                                if decisions.status != .ok || count != 200 { listed = -1 }
                            }
                        }
                        return (explanation.status.code, explanation.json["applicant"] as? String ?? "", listed, index)
                    }
                }
                var all: [(Int, String, Int, Int)] = []
                for try await result in group { all.append(result) }
                return all
            }
            #expect(results.count == readers)
            for (status, applicant, listed, index) in results {
                #expect(status == 200, "reader \(index)")
                #expect(applicant == ServiceHarness.ownApplication)
                #expect(listed != -1, "reader \(index) saw a run it could not read whole")
            }
            let finished = try await waitForRun(client, newRun, token: harness.secretariat)
            #expect(finished["state"] as? String == "stored")
        }
        let events = try harness.store.allEvents().filter { $0.kind == "explanation_viewed" }
        #expect(events.count - before == readers)
        // The role is recorded, never a name.
        let roles = Set(events.compactMap { $0.payloadObject?["role"] as? String })
        #expect(roles == ["applicant", "reviewer", "secretariat"])
        let name = try harness.store.loadRun(id: run).inputs.applications.first { $0.id == ServiceHarness.ownApplication }!.name
        #expect(events.allSatisfy { !$0.payload.contains(name) })
        #expect(try harness.store.verify().isIntact)
    }
}
