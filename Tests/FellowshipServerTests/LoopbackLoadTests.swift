import FellowshipCore
import FellowshipServer
import FellowshipStore
import Foundation
import Hummingbird
import Logging
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Issue #11, point 15: a bounded load on a live server on loopback while a run is being
/// decided and stored: no answer is a 5xx, and the audit chain is intact afterwards.
@Suite("loopback load while a run is stored (issue #11)")
struct LoopbackLoadTests {
    final class Tally: Sendable {
        let statuses = Mutex<[Int: Int]>([:])
        /// How each request without a response ended (path, seconds, error), for the message.
        let failures = Mutex<[String]>([])
        let finished = Atomic<Bool>(false)
    }

    /// One session for the readers with a connection per client: the shared session allows
    /// only a few connections per host, so most of 16 clients' requests queued in the client,
    /// and a queued request's timeout runs while it waits (a failure of the client, not of the
    /// server, seen once in CI as 6 requests without a response and no 5xx).
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 32
        configuration.timeoutIntervalForRequest = 120
        return URLSession(configuration: configuration)
    }()

    /// The status of a GET, or -1 with a description of how it ended without one.
    static func get(_ url: String, token: String) async -> (status: Int, failure: String?) {
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 120
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let started = ContinuousClock.now
        do {
            let (_, response) = try await session.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? -1, nil)
        } catch {
            let waited = ContinuousClock.now - started
            return (-1, "\(URL(string: url)?.path ?? url) after \(waited): \(error)")
        }
    }

    @Test("16 clients reading while a run is stored: no 5xx, no dropped connection, chain intact")
    func loadWhileStoring() async throws {
        let harness = try await ServiceHarness(seeded: true)
        defer { harness.remove() }
        let run = try harness.latestRunID()
        let port = try HTTPLimitTests.freePort()
        let path = harness.directory.appendingPathComponent("store.sqlite").path
        let service = try await FellowshipService(
            store: harness.store,
            configuration: ServiceConfiguration(databasePath: path, port: port, rateLimits: ServiceHarness.roomyLimits))
        let base = "http://127.0.0.1:\(port)"
        let newRun = try await LiveServer.run(service, port: port) { () async throws -> String in
            var request = URLRequest(url: URL(string: "\(base)/api/v1/meetings/\(ServiceHarness.meetingID)/runs")!)
            request.httpMethod = "POST"
            request.setValue("Bearer \(harness.secretariat)", forHTTPHeaderField: "Authorization")
            let (body, started) = try await URLSession.shared.data(for: request)
            #expect((started as? HTTPURLResponse)?.statusCode == 202)
            let newRun = try #require(
                (try JSONSerialization.jsonObject(with: body) as? [String: Any])?["id"] as? String)

            let tally = Tally()
            let uris = [
                "/api/v1/runs/\(run)/applications/\(ServiceHarness.ownApplication)/explanation",
                "/api/v1/runs/\(run)/decisions",
                "/api/v1/runs/\(newRun)", "/api/v1/runs", "/runs/\(run)", "/api/v1/audit",
            ]
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // Watches the run until it is stored (or failed), then stops the readers.
                    for _ in 0..<6000 {
                        var poll = URLRequest(url: URL(string: "\(base)/api/v1/runs/\(newRun)")!)
                        poll.setValue("Bearer \(harness.reviewer)", forHTTPHeaderField: "Authorization")
                        if let (data, _) = try? await URLSession.shared.data(for: poll),
                            let state = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["state"]
                                as? String,
                            state != "running"
                        {
                            break
                        }
                        try await Task.sleep(for: .milliseconds(200))
                    }
                    tally.finished.store(true, ordering: .releasing)
                }
                for index in 0..<16 {
                    group.addTask {
                        var requests = 0
                        while !tally.finished.load(ordering: .acquiring) || requests == 0 {
                            let token = index % 2 == 0 ? harness.reviewer : harness.secretariat
                            let (status, failure) = await Self.get(
                                base + uris[(index + requests) % uris.count], token: token)
                            tally.statuses.withLock { $0[status, default: 0] += 1 }
                            if let failure { tally.failures.withLock { $0.append(failure) } }
                            requests += 1
                            try await Task.sleep(for: .milliseconds(50))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let statuses = tally.statuses.withLock { $0 }
            let failures = tally.failures.withLock { $0 }
            #expect(statuses.keys.allSatisfy { (200..<500).contains($0) }, "\(statuses); \(failures)")
            #expect(statuses[200, default: 0] > 0)
            return newRun
        }
        #expect(try harness.store.runs().contains { $0.id == newRun })
        #expect(try harness.store.verify().isIntact)
    }
}
