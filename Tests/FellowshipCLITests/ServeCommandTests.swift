import FellowshipCore
import FellowshipStore
import Foundation
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `fellowship token` and `fellowship serve` as an operator uses them: a token printed once,
/// a server that answers on loopback, logs without secrets, and stops cleanly on SIGTERM.
@Suite("fellowship serve and token", .serialized)
struct ServeCommandTests {
    static func temporaryStore() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fellowship-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("store.sqlite").path
    }

    @Test("token create prints a token once; list shows ids and roles, never secrets; revoke marks it revoked")
    func tokens() throws {
        let db = try Self.temporaryStore()
        let created = try CommandLineTests.run([
            "token", "create", "--role", "applicant", "--meeting", "SG20-2020-07", "--applicant", "A-0001", "--db", db,
        ])
        #expect(created.status == 0)
        let secret = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("fs_") && secret.count == 67)
        #expect(created.stderr.contains("shown once"))
        let id = try #require(
            created.stderr.split(separator: " ").first { $0.hasPrefix("tok_") }.map { String($0.dropLast()) })
        let listed = try CommandLineTests.run(["token", "list", "--db", db])
        #expect(listed.stdout.contains(id) && listed.stdout.contains("applicant") && listed.stdout.contains("live"))
        #expect(!listed.stdout.contains(secret))
        let revoked = try CommandLineTests.run(["token", "revoke", id, "--db", db])
        #expect(revoked.status == 0)
        #expect(try CommandLineTests.run(["token", "list", "--db", db]).stdout.contains("live") == false)
        #expect(try CommandLineTests.run(["token", "revoke", id, "--db", db]).status == 65)
        let bad = try CommandLineTests.run([
            "token", "create", "--role", "reviewer", "--applicant", "A-0001", "--db", db,
        ])
        #expect(bad.status == 64)
        let badRole = try CommandLineTests.run(["token", "create", "--role", "admin", "--db", db])
        #expect(badRole.status == 64)
    }

    static func get(_ url: String, token: String? = nil) async -> Int? {
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 5
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        guard let (_, response) = try? await URLSession.shared.data(for: request) else { return nil }
        return (response as? HTTPURLResponse)?.statusCode
    }

    @Test("serve answers on loopback, logs each request without secrets, and exits 0 on SIGTERM")
    func serveAndStop() async throws {
        let db = try Self.temporaryStore()
        let token = try CommandLineTests.run(["token", "create", "--role", "reviewer", "--db", db]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // A random port; another one if that one is taken (the server then exits at once).
        var process = Process()
        var err = Pipe()
        var base = ""
        var up = false
        for _ in 0..<3 where !up {
            let port = Int.random(in: 20000...40000)
            process = Process()
            process.executableURL = CommandLineTests.binary
            process.arguments = ["serve", "--db", db, "--port", String(port)]
            err = Pipe()
            process.standardError = err
            process.standardOutput = Pipe()
            try process.run()
            base = "http://127.0.0.1:\(port)"
            for _ in 0..<100 where process.isRunning {
                if await Self.get("\(base)/health") == 200 {
                    up = true
                    break
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            if !up && process.isRunning { process.terminate() }
            if !up { process.waitUntilExit() }
        }
        #expect(up)
        #expect(await Self.get("\(base)/api/v1/runs") == 401)
        #expect(await Self.get("\(base)/api/v1/runs", token: token) == 200)
        #expect(await Self.get("\(base)/api/v1/meetings/NOPE", token: token) == 404)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("route=/api/v1/runs"))
        #expect(log.contains("status=401"))
        #expect(log.contains("role=reviewer"))
        #expect(log.contains("route=/api/v1/meetings/{meeting}"))
        #expect(!log.contains("NOPE"))
        #expect(!log.contains(token))
    }

    @Test("serve completes, when it starts, the margin phase of a run killed in it")
    func serveCompletesInterruptedMargins() async throws {
        let (directory, applications, db) = try StoreCrashTests.workspace(count: 60)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (killed, killedErr) = try StoreCrashTests.start(
            StoreCrashTests.allocateArguments(applications, db: db),
            environment: ["FELLOWSHIP_MARGIN_TEST_PAUSE_SECONDS": "60"])
        let seen = StoreCrashTests.wait(for: "test pause in the margin phase", on: killedErr)
        #expect(seen.contains("test pause in the margin phase"))
        StoreCrashTests.kill(killed)
        let store = try RunStore(path: db)
        let pending = try store.runsWithPendingMargins()
        #expect(pending.count == 1)

        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["serve", "--db", db, "--port", String(Int.random(in: 20000...40000))]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        // The log is read as it comes: the service writes "complete" just after the last
        // margin is committed, so the store alone says "done" a moment before the log does.
        let collected = Mutex("")
        let reader = Thread {
            while case let data = err.fileHandleForReading.availableData, !data.isEmpty {
                collected.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }
        reader.start()
        let marker = pending.first.map { "margins of run \($0) complete" } ?? ""
        var completed = false
        for _ in 0..<600 where process.isRunning {
            if try store.runsWithPendingMargins().isEmpty && collected.withLock({ $0.contains(marker) }) {
                completed = true
                break
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(completed)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let log = collected.withLock { $0 }
        if let id = pending.first { #expect(log.contains("margins of run \(id) complete"), "\(log)") }
        #expect(try store.verify().isIntact)
        if let id = pending.first {
            let run = try store.loadRun(id: id)
            #expect(run.pendingMargins == 0)
            for rank in run.result.problem.candidates.indices {
                #expect(run.margins[rank] == (try MarginCalculator.margin(rank: rank, result: run.result).margin.value))
            }
        }
    }
}
