import ArgumentParser
import FellowshipCore
import FellowshipStore
import Foundation
import GRDB
import Testing

@testable import FellowshipCLI

/// The store under a killed process, and the store commands run in-process.
///
/// `allocate --db` is run as a user would and killed with SIGKILL at several moments:
/// before, while and after it solves, and inside its write transaction (the documented test
/// hook FELLOWSHIP_STORE_TEST_PAUSE_SECONDS makes it announce the moment and wait there).
/// Afterwards the store must verify and hold whole runs only.
@Suite("Store crash safety and store commands", .serialized)
struct StoreCrashTests {
    static let root = CommandLineTests.root

    /// A small meeting of generated applications in a fresh folder: 30 take a fraction of a
    /// second to decide and store, 60 about two seconds (most of it the margins).
    static func workspace(count: Int = 30) throws -> (directory: URL, applications: String, db: String) {
        let directory = try CommandLineTests.temporaryDirectory()
        let applications = directory.appendingPathComponent("applications.csv").path
        let generated = try CommandLineTests.run([
            "generate", "--count", String(count), "--seed", "7", "--out", applications,
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
        return (directory, applications, directory.appendingPathComponent("fellowship.sqlite").path)
    }

    static func allocateArguments(_ applications: String, db: String) -> [String] {
        CommandLineTests.allocateArguments(applications: applications, extra: ["--db", db])
    }

    /// Starts `fellowship` with `arguments` (and `environment` added), stderr captured.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        return (process, err)
    }

    /// Reads stderr until `marker` appears (or the process ends); returns what was read.
    static func wait(for marker: String, on pipe: Pipe) -> String {
        var text = ""
        while !text.contains(marker) {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        return text
    }

    static func kill(_ process: Process) {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The store verifies, every run row is whole, and there are `runs` of them.
    static func expectWhole(_ db: String, runs expected: ClosedRange<Int>) throws {
        let store = try RunStore(path: db)
        let report = try store.verify()
        #expect(report.isIntact, "\(report.problems.map(\.message))")
        let runs = try store.runs()
        #expect(expected.contains(runs.count), "\(runs.count) runs")
        for run in runs {
            let loaded = try store.loadRun(id: run.id)
            let events = try store.events(runID: run.id)
            // The run's own stretch, then (issue #12) its margins, stored after it.
            let stretch = events.filter { $0.kind != "margin" }
            #expect(stretch.first?.kind == "run_started" && stretch.last?.kind == "run_committed")
            #expect(events.drop { $0.kind != "run_committed" }.dropFirst().allSatisfy { $0.kind == "margin" })
            #expect(events.filter { $0.kind == "decision" }.count == loaded.inputs.applications.count)
        }
    }

    @Test("killed inside its write transaction, a run leaves nothing; the store still verifies")
    func killedInsideTheTransaction() throws {
        let (directory, applications, db) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pause = ["FELLOWSHIP_STORE_TEST_PAUSE_SECONDS": "60"]

        // Into an empty store (created by the killed process itself).
        var (process, err) = try Self.start(Self.allocateArguments(applications, db: db), environment: pause)
        var seen = Self.wait(for: "test pause inside the store transaction", on: err)
        #expect(seen.contains("test pause inside the store transaction"), "\(seen)")
        Self.kill(process)
        #expect(process.terminationReason == .uncaughtSignal)
        try Self.expectWhole(db, runs: 0...0)
        #expect(try RunStore(path: db).verify().events == 0)

        // A whole run, then a second one killed in its transaction: the first stays intact.
        let first = try CommandLineTests.run(Self.allocateArguments(applications, db: db))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Stored run "))
        let before = try RunStore(path: db).verify()
        (process, err) = try Self.start(Self.allocateArguments(applications, db: db), environment: pause)
        seen = Self.wait(for: "test pause inside the store transaction", on: err)
        #expect(seen.contains("test pause inside the store transaction"), "\(seen)")
        Self.kill(process)
        try Self.expectWhole(db, runs: 1...1)
        let after = try RunStore(path: db).verify()
        #expect(after.events == before.events && after.headHash == before.headHash)
    }

    @Test(
        "killed at many moments (start-up, solve, margins, write), a run is stored whole or not at all",
        arguments: [0.02, 0.1, 0.3, 0.6, 1.0, 1.5, 2.2, 3.0])
    func killedAtRandomMoments(delay: Double) throws {
        let (directory, applications, db) = try Self.workspace(count: 60)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try CommandLineTests.run(Self.allocateArguments(applications, db: db))
        #expect(first.status == 0, "\(first.stderr)")
        for jitter in [0.0, 0.37] {
            let (process, _) = try Self.start(Self.allocateArguments(applications, db: db))
            Thread.sleep(forTimeInterval: delay + jitter * delay)
            Self.kill(process)
            try Self.expectWhole(db, runs: 1...3)
        }
    }

    @Test("killed in its margin phase, a run keeps its decisions; `margins --run` and the next run complete it")
    func killedInTheMarginPhase() throws {
        let (directory, applications, db) = try Self.workspace(count: 60)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pause = ["FELLOWSHIP_MARGIN_TEST_PAUSE_SECONDS": "60"]
        for completion in ["margins --run", "margins --pending", "allocate"] {
            let (process, err) = try Self.start(Self.allocateArguments(applications, db: db), environment: pause)
            let seen = Self.wait(for: "test pause in the margin phase", on: err)
            #expect(seen.contains("test pause in the margin phase"), "\(seen)")
            Self.kill(process)
            let store = try RunStore(path: db)
            let pending = try store.runsWithPendingMargins()
            #expect(pending.count == 1, "\(completion)")
            let runID = try #require(pending.first)
            let interrupted = try store.loadRun(id: runID)
            let candidates = interrupted.result.problem.candidates.count
            #expect(interrupted.pendingMargins > 0 && interrupted.pendingMargins < candidates)
            #expect(try store.verify().isIntact)
            try Self.expectWhole(db, runs: 1...4)

            switch completion {
            case "margins --run":
                let done = try CommandLineTests.run(["margins", "--db", db, "--run", String(runID.prefix(8))])
                #expect(done.status == 0, "\(done.stderr)")
                #expect(done.stdout.contains("Run \(runID): \(candidates) margins stored"), "\(done.stdout)")
            case "margins --pending":
                let done = try CommandLineTests.run(["margins", "--db", db, "--pending"])
                #expect(done.status == 0, "\(done.stderr)")
                #expect(done.stdout.contains(runID))
            default:
                let next = try CommandLineTests.run(Self.allocateArguments(applications, db: db))
                #expect(next.status == 0, "\(next.stderr)")
            }
            #expect(try store.runsWithPendingMargins().isEmpty)
            let completed = try store.loadRun(id: runID)
            #expect(completed.pendingMargins == 0)
            for rank in 0..<candidates {
                #expect(
                    completed.margins[rank]
                        == (try MarginCalculator.margin(rank: rank, result: completed.result).margin.value))
            }
            #expect(try store.verify().isIntact)
            try Self.expectWhole(db, runs: 1...4)
        }
        let none = try CommandLineTests.run(["margins", "--db", db, "--pending"])
        #expect(none.status == 0 && none.stdout == "Every stored run has all its margins.\n", "\(none.stdout)")
    }

    @Test("audit verify, show and runs, and decline, as commands")
    func commands() throws {
        let (directory, applications, db) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stored = try CommandLineTests.run(Self.allocateArguments(applications, db: db) + ["--format", "json"])
        #expect(stored.status == 0, "\(stored.stderr)")
        #expect(stored.stderr.hasPrefix("Stored run "))
        let document = try JSONSerialization.jsonObject(with: Data(stored.stdout.utf8)) as! [String: Any]
        let runID = try #require(document["run_id"] as? String)
        #expect(stored.stderr == "Stored run \(runID) in \(db)\n")

        let store = try RunStore(path: db)
        #expect(try store.runs().map(\.id) == [runID])
        try AuditCommand.Verify.parse(["--db", db]).run()
        try AuditCommand.Show.parse(["--db", db, "--run", String(runID.prefix(8))]).run()
        try AuditCommand.Runs.parse(["--db", db]).run()

        let run = try store.loadRun(id: runID)
        let holder = try #require(run.result.decisions.first { $0.outcome == .awarded }).applicant
        let out = directory.appendingPathComponent("follow-up.json").path
        try DeclineCommand.parse(["--db", db, "--run", runID, "--applicant", holder, "--out", out]).run()
        let followUp =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        let runs = try store.runs()
        #expect(runs.count == 2 && runs[1].parentRunID == runID)
        #expect(followUp["run_id"] as? String == runs[1].id)
        let declined = (followUp["decisions"] as! [[String: Any]]).first { $0["applicant"] as? String == holder }
        #expect(declined?["outcome"] as? String == "declined")
        #expect(declined?["reasons"] as? [String] == ["declined"])
        try AuditCommand.Verify.parse(["--db", db]).run()

        // Declining from the superseded run, or a missing store, fails with the documented codes.
        #expect(throws: ExitCode(65)) {
            try DeclineCommand.parse(["--db", db, "--run", runID, "--applicant", holder]).run()
        }
        #expect(throws: ExitCode(66)) {
            try AuditCommand.Verify.parse(["--db", directory.appendingPathComponent("none.sqlite").path]).run()
        }

        // A tampered store: verify exits 1.
        try DatabaseQueue(path: db).writeWithoutTransaction { sqlite in
            try sqlite.execute(sql: "DROP TRIGGER runs_no_update; UPDATE runs SET value = value + 1 WHERE number = 1")
        }
        #expect(throws: ExitCode(1)) { try AuditCommand.Verify.parse(["--db", db]).run() }
    }
}
