import FellowshipCore
import FellowshipServer
import FellowshipStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The two stores the service is tested against: the SQLite store of every deployment and the
/// in-memory one (both keep `ServiceStore`).
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, memory

    var testDescription: String { rawValue }
}

/// A service on a fresh store (a SQLite file in a temporary folder, or a `MemoryStore`), with
/// one token per role, tested in process through Hummingbird's router test client.
struct ServiceHarness: Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func data(_ relative: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: root.appendingPathComponent(relative).path)!)
    }
    static let meetingBytes = data("Data/meetings/sg20-2020-07.json")
    static let countriesBytes = data("Data/countries.csv")
    static let applicationsBytes = data("Data/samples/sg20-2020-07/applications.csv")
    static let policyBytes = data("Data/policies/default.json")
    static let meetingID = "SG20-2020-07"
    /// The application the applicant token may read, and one it may not.
    static let ownApplication = "A-0001"
    static let otherApplication = "A-0002"

    let directory: URL
    let store: any ServiceStore
    let service: FellowshipService
    let secretariat: String
    let reviewer: String
    let applicant: String

    /// - Parameter seeded: start from a copy of the seeded store: the sample meeting created
    ///   with its uploads and one run of it stored (decided once for the whole test process).
    /// - Parameter rateLimits: the service's limits; by default far above what any test sends,
    ///   so that only the rate-limit tests meet them.
    /// - Parameter kind: the store behind the service.
    init(
        seeded: Bool, maxBodyBytes: Int = ServiceConfiguration.defaultMaxBodyBytes, host: String = "127.0.0.1",
        rateLimits: RateLimits = ServiceHarness.roomyLimits, secureCookies: Bool = false,
        store kind: StoreKind = .sqlite
    ) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fellowship-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("store.sqlite").path
        switch kind {
        case .sqlite:
            if seeded {
                try FileManager.default.copyItem(atPath: try await SeededStore.path.value, toPath: path)
            }
            store = try RunStore(servingPath: path)
        case .memory:
            store = seeded ? try await SeededStore.memory.value.copy() : MemoryStore()
        }
        secretariat = try store.createToken(role: .secretariat, applicant: nil).secret
        reviewer = try store.createToken(role: .reviewer, applicant: nil).secret
        applicant = try store.createToken(role: .applicant, applicant: Self.ownApplication, meeting: Self.meetingID)
            .secret
        service = try await FellowshipService(
            store: store,
            configuration: ServiceConfiguration(
                databasePath: path, host: host, maxBodyBytes: maxBodyBytes,
                secureCookies: secureCookies, rateLimits: rateLimits))
    }

    static var roomyLimits: RateLimits {
        var limits = RateLimits()
        let roomy = RateRule(burst: 1_000_000, perMinute: 1_000_000)
        limits.signInAttempts = roomy
        limits.failedSignIns = roomy
        limits.explanationsPerToken = roomy
        limits.explanationsPerAddress = roomy
        return limits
    }

    /// The SQLite store, for the tests that reach under the contract (tampering with a table).
    var sqlite: RunStore { store as! RunStore }

    /// The id of the newest stored run.
    func latestRunID() throws -> String { try store.runs().last!.id }

    func token(_ role: AccessRole) -> String {
        switch role {
        case .secretariat: return secretariat
        case .reviewer: return reviewer
        case .applicant: return applicant
        }
    }

    /// Runs `body` with a router test client for the service.
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        // The request log is checked by the command-line test of `serve`; here it is noise.
        var logger = Logger(label: "fellowship.service.test")
        logger.logLevel = .error
        return try await service.application(logger: logger).test(.router, body)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

extension TestClientProtocol {
    /// A request with an optional bearer token and body.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, body: [UInt8]? = nil,
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        return try await execute(
            uri: uri, method: method, headers: fields,
            body: body.map { ByteBuffer(bytes: $0) })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    /// The `problems` of a JSON error body.
    var problems: [String] { (json["error"] as? [String: Any])?["problems"] as? [String] ?? [] }
    var message: String { (json["error"] as? [String: Any])?["message"] as? String ?? "" }
}

/// A store holding the sample meeting, its uploads and one stored run of it, made once per
/// test process (a run with its margins takes a while in a debug build) and copied by each
/// seeded harness. It is written through a plain (rollback-journal) connection, so that the
/// closed file is whole on its own.
enum SeededStore {
    static let path = Task<String, any Error> {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fellowship-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("seed.sqlite").path
        try seed(try RunStore(path: path))
        return path
    }

    /// The same seed in memory, copied by each seeded harness of the memory store.
    static let memory = Task<MemoryStore, any Error> {
        let store = MemoryStore()
        try seed(store)
        return store
    }

    static func seed(_ store: some ServiceStore) throws {
        let meeting = ServiceHarness.meetingID
        _ = try store.createMeeting(InputSource(name: RunStore.meetingFileName, bytes: ServiceHarness.meetingBytes))
        _ = try store.upload(
            .countries, InputSource(name: "countries.csv", bytes: ServiceHarness.countriesBytes), meetingID: meeting)
        _ = try store.upload(
            .applications, InputSource(name: "applications.csv", bytes: ServiceHarness.applicationsBytes),
            meetingID: meeting)
        _ = try store.upload(
            .policy, InputSource(name: "policy.json", bytes: ServiceHarness.policyBytes), meetingID: meeting)
        _ = try store.allocate(try store.meetingSources(id: meeting))
    }
}

/// Waits until the run `id` is stored (or failed), polling the API.
func waitForRun(_ client: any TestClientProtocol, _ id: String, token: String) async throws -> [String: Any] {
    for _ in 0..<3000 {
        let response = try await client.send(.get, "/api/v1/runs/\(id)", token: token)
        let state = response.json["state"] as? String
        if state != "running" { return response.json }
        try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("run \(id) was not stored within five minutes")
    return [:]
}

/// Waits until the runs in progress no longer include `id`: its margins, computed after its
/// decisions are stored, are stored too, and its meeting may take another run.
func waitForMargins(_ client: any TestClientProtocol, _ id: String, token: String) async throws {
    for _ in 0..<3000 {
        let response = try await client.send(.get, "/api/v1/runs", token: token)
        let running = response.json["running"] as? [[String: Any]] ?? []
        if !running.contains(where: { $0["id"] as? String == id }) { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("the margins of run \(id) were not stored within five minutes")
}
