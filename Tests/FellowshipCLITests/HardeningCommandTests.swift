import FellowshipCore
import FellowshipStore
import FellowshipTestSupport
import Foundation
import GRDB
import Testing

/// The command-line side of the service hardening (issue #11): safe ids, token handling, and
/// anchors that catch a store cut back by an insider.
@Suite("hardening on the command line (issue #11)", .serialized)
struct HardeningCommandTests {
    /// Runs the binary with `input` on its standard input. Its output goes to files, not
    /// pipes: a child that fills one pipe while the parent waits on the other would hang.
    static func run(_ arguments: [String], input: String = "") throws -> CommandLineTests.Outcome {
        let directory = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = CommandLineTests.root
        let inPipe = Pipe()
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardInput = inPipe
        process.standardOutput = out
        process.standardError = err
        try process.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return .init(
            status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    @Test("2. unsafe application and meeting ids are input errors with their line (exit 65), nothing decided")
    func unsafeIDs() throws {
        let directory = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let applications = directory.appendingPathComponent("applications.csv")
        var text = try String(contentsOfFile: CommandLineTests.applications, encoding: .utf8)
        text = text.replacingOccurrences(of: "\nA-0002,", with: "\nA-0002/../x,")
            .replacingOccurrences(of: "\nA-0003,", with: "\nA\u{2011}0003,")
        try text.write(to: applications, atomically: true, encoding: .utf8)
        let meeting = directory.appendingPathComponent("meeting.json")
        let meetingText = try String(contentsOfFile: CommandLineTests.meeting, encoding: .utf8)
            .replacingOccurrences(of: "\"SG20-2020-07\"", with: "\"SG20 2020 07\"")
        try meetingText.write(to: meeting, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("decisions.json").path
        let result = try CommandLineTests.run([
            "allocate", "--meeting", meeting.path, "--applications", applications.path,
            "--policy", CommandLineTests.policy, "--countries", CommandLineTests.countries, "--out", out,
        ])
        #expect(result.status == 65)
        #expect(result.stderr.contains("applications.csv:3: id: not a valid id: the character '/'"), "\(result.stderr)")
        #expect(result.stderr.contains("applications.csv:4: id: not a valid id: the character U+2011"))
        #expect(
            result.stderr.contains("meeting.json:")
                && result.stderr.contains(": id: not a valid id: the character U+0020"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test(
        "11. token revoke takes an id, or a secret on standard input, never a secret as an argument; both are audit events"
    )
    func tokenRevoke() throws {
        let directory = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("store.sqlite").path
        let created = try CommandLineTests.run([
            "token", "create", "--role", "applicant", "--meeting", "SG20-2020-07",
            "--applicant", "A-0001", "--db", db,
        ])
        #expect(created.status == 0)
        let secret = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            try CommandLineTests.run(["token", "create", "--role", "applicant", "--applicant", "A-0001", "--db", db])
                .status == 64)
        let onCommandLine = try CommandLineTests.run(["token", "revoke", secret, "--db", db])
        #expect(onCommandLine.status == 64)
        #expect(onCommandLine.stderr.contains("--secret-stdin"))
        #expect(!onCommandLine.stderr.contains(secret))
        let piped = try Self.run(["token", "revoke", "--secret-stdin", "--db", db], input: secret + "\n")
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(try Self.run(["token", "revoke", "--secret-stdin", "--db", db], input: secret).status == 65)
        let events = try RunStore(path: db).allEvents()
        #expect(events.map(\.kind) == ["token_created", "token_revoked"])
        #expect(!events.contains { $0.payload.contains(secret) || $0.payload.contains(Hexadecimal.sha256(secret)) })
        #expect(try CommandLineTests.run(["audit", "verify", "--db", db]).status == 0)
    }

    @Test(
        "17. a store cut back to before the last run passes audit verify, but not --expect-head with that run's decisions.json"
    )
    func anchorCatchesTruncation() throws {
        let directory = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("store.sqlite").path
        let applications = directory.appendingPathComponent("applications.csv").path
        #expect(
            try CommandLineTests.run(["generate", "--count", "24", "--seed", "11", "--out", applications]).status == 0)
        var documents: [String] = []
        for index in 1...2 {
            let out = directory.appendingPathComponent("decisions-\(index).json").path
            let stored = try CommandLineTests.run(
                CommandLineTests.allocateArguments(applications: applications, extra: ["--db", db, "--out", out]))
            #expect(stored.status == 0, "\(stored.stderr)")
            documents.append(out)
        }
        let first = try #require(
            ChainAnchor.read(fromDocument: [UInt8](try Data(contentsOf: URL(fileURLWithPath: documents[0])))))
        let second = try #require(
            ChainAnchor.read(fromDocument: [UInt8](try Data(contentsOf: URL(fileURLWithPath: documents[1])))))
        #expect(second.seq > first.seq)
        #expect(try CommandLineTests.run(["audit", "verify", "--db", db, "--expect-head", documents[1]]).status == 0)
        // The letters of that run carry the same anchor.
        let secondJSON = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: documents[1])))
                as? [String: Any])
        let secondRun = try #require(secondJSON["run_id"] as? String)
        let letters = directory.appendingPathComponent("letters").path
        #expect(try CommandLineTests.run(["letters", "--run", secondRun, "--db", db, "--out", letters]).status == 0)
        let allLetters = letters + "/all.html"
        #expect(ChainAnchor.read(fromFile: [UInt8](try Data(contentsOf: URL(fileURLWithPath: allLetters)))) == second)

        // The insider: drop the triggers, delete the last run and its events, move the head
        // back, and put the triggers back as they were.
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)") }
            let last: String = try #require(
                try String.fetchOne(db, sql: "SELECT id FROM runs ORDER BY number DESC LIMIT 1"))
            let start: Int64 = try #require(
                try Int64.fetchOne(db, sql: "SELECT MIN(seq) FROM events WHERE run_id = ?", arguments: [last]))
            try db.execute(sql: "DELETE FROM events WHERE seq >= ?", arguments: [start])
            // Every table that holds rows of the run (decisions, snapshots, margins …).
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('runs', 'events')")
            for table in tables {
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String }
                if columns.contains("run_id") {
                    try db.execute(sql: "DELETE FROM \(table) WHERE run_id = ?", arguments: [last])
                }
            }
            try db.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [last])
            try db.execute(
                sql: "UPDATE chain_head SET seq = ?, hash = (SELECT hash FROM events WHERE seq = ?)",
                arguments: [start - 1, start - 1])
            for trigger in triggers { try db.execute(sql: trigger["sql"] as String) }
        }
        try queue.close()

        let plain = try CommandLineTests.run(["audit", "verify", "--db", db])
        #expect(plain.status == 0, "the truncation is invisible without an anchor: \(plain.stdout)")
        #expect(plain.stdout.contains("1 run"))
        let anchored = try CommandLineTests.run(["audit", "verify", "--db", db, "--expect-head", documents[1]])
        #expect(anchored.status == 1)
        #expect(anchored.stdout.contains("event \(second.seq)") && anchored.stdout.contains(second.hash))
        #expect(try CommandLineTests.run(["audit", "verify", "--db", db, "--expect-head", allLetters]).status == 1)
        #expect(try CommandLineTests.run(["audit", "verify", "--db", db, "--expect-head", documents[0]]).status == 0)
        #expect(
            try CommandLineTests.run(["audit", "verify", "--db", db, "--expect-head", CommandLineTests.policy]).status
                == 65)
    }

    @Test("15. the command line on hostile files: exit 0, or exit 65 with FILE:LINE problems only; never a crash")
    func hostileFiles() throws {
        let directory = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let originals = [
            ("meeting.json", CommandLineTests.meeting), ("applications.csv", CommandLineTests.applications),
            ("policy.json", CommandLineTests.policy), ("countries.csv", CommandLineTests.countries),
        ]
        var failures: [String] = []
        for (index, (name, path)) in originals.enumerated() {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            for number in stride(from: index, to: 42, by: 3) {
                let (kind, mutated) = InputMutator.mutate(bytes, case: number)
                let file = directory.appendingPathComponent(name)
                try Data(mutated).write(to: file)
                var paths = originals.map(\.1)
                paths[index] = file.path
                let result = try Self.run([
                    "allocate", "--meeting", paths[0], "--applications", paths[1],
                    "--policy", paths[2], "--countries", paths[3], "--format", "json",
                ])
                let label = "\(name) case \(number) (\(kind))"
                switch result.status {
                case 0: break
                case 65:
                    let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
                    if lines.isEmpty { failures.append("\(label): exit 65 without a problem") }
                    if result.stderr.utf8.count > 200_000 {
                        failures.append("\(label): \(result.stderr.utf8.count) bytes of problems")
                    }
                    for line in lines
                    where line.range(of: #"^[^:]+:[0-9]+: [^:]+: "#, options: .regularExpression) == nil
                        && !line.hasPrefix("  ") && !line.hasPrefix("Error") && !line.contains("problem")
                    {
                        failures.append("\(label): unlocated line \(line.prefix(120))")
                    }
                default:
                    failures.append("\(label): exit \(result.status): \(result.stderr.prefix(300))")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
