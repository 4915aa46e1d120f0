import Foundation
import Testing

/// Runs the built `fellowship` binary as a user would, on the bundled data and on broken
/// copies of it: exit statuses, messages on stderr, and what is (not) written.
@Suite("fellowship command line", .serialized)
struct CommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let meeting = root.appendingPathComponent("Data/meetings/sg20-2020-07.json").path
    static let applications = root.appendingPathComponent("Data/samples/sg20-2020-07/applications.csv").path
    static let policy = root.appendingPathComponent("Data/policies/default.json").path
    static let countries = root.appendingPathComponent("Data/countries.csv").path

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary next to the test bundle (SwiftPM builds both into the same folder).
    static var binary: URL {
        Bundle.main.bundleURL.appendingPathComponent("fellowship")
    }

    /// Runs the binary with `arguments` in the repository root, with `environment` added to
    /// this process's.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fellowship-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func allocateArguments(applications: String = applications, extra: [String] = []) -> [String] {
        [
            "allocate", "--meeting", meeting, "--applications", applications, "--policy", policy, "--countries",
            countries,
        ] + extra
    }

    @Test("the demo: the sample is decided to proven optimality and decisions.json is written")
    func demo() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("decisions.json").path
        let result = try Self.run(Self.allocateArguments(extra: ["--out", out]))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Status       optimal"))
        #expect(result.stdout.contains("Awards ("))
        let document =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        #expect(document["status"] as? String == "optimal")
        #expect(document["model_version"] as? Int == 1)
        let decisions = document["decisions"] as! [[String: Any]]
        let rows = try String(contentsOfFile: Self.applications, encoding: .utf8)
        #expect(decisions.count > 100)
        #expect(!rows.isEmpty)
        for decision in decisions where decision["outcome"] as? String != "awarded" {
            #expect(!(decision["reasons"] as! [String]).isEmpty)
        }
        // Personal data never reaches the output: no gender, and no applicant's name.
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!text.contains("female") && !text.contains("\"gender\""))
        let names = rows.split(separator: "\n").dropFirst().filter { !$0.contains("\"") }
            .map { $0.split(separator: ",", omittingEmptySubsequences: false)[2] }
        #expect(names.count > 100)
        for name in names { #expect(!text.contains(name)) }
    }

    @Test("two runs give the same decisions byte for byte, apart from run id and timing")
    func determinism() throws {
        func normalised() throws -> String {
            let result = try Self.run(Self.allocateArguments(extra: ["--format", "json"]))
            #expect(result.status == 0)
            return result.stdout
                .replacingOccurrences(of: #""run_id": "[^"]*""#, with: "RUN", options: .regularExpression)
                .replacingOccurrences(of: #""seconds": [0-9.]+"#, with: "SECONDS", options: .regularExpression)
        }
        let first = try normalised()
        #expect(first.contains("\"decisions\""))
        #expect(try normalised() == first)
    }

    @Test("bad input: every problem listed, exit 65, nothing written")
    func badInput() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = try String(contentsOfFile: Self.applications, encoding: .utf8).components(separatedBy: "\n")
        let header = lines[0].components(separatedBy: ",")
        func breakField(_ line: Int, _ column: String, _ value: String) {
            var fields = lines[line].components(separatedBy: ",")
            // Only rows without quoted fields are edited, so splitting on commas is exact.
            fields[header.firstIndex(of: column)!] = value
            lines[line] = fields.joined(separator: ",")
        }
        let simpleRows = lines.indices.dropFirst().filter { !lines[$0].contains("\"") && !lines[$0].isEmpty }
        breakField(simpleRows[0], "country", "XXX")
        breakField(simpleRows[1], "submitted_at", "yesterday")
        breakField(simpleRows[2], "contributions", "-2")
        let broken = directory.appendingPathComponent("applications.csv")
        try lines.joined(separator: "\n").write(to: broken, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("decisions.json").path
        let result = try Self.run(Self.allocateArguments(applications: broken.path, extra: ["--out", out]))
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        let messages = result.stderr.split(separator: "\n").map(String.init)
        #expect(messages.count == 4)
        #expect(
            messages[0]
                == "\(broken.path):\(simpleRows[0] + 1): country: unknown country \"XXX\"; it must be an iso3 code listed in the countries file"
        )
        #expect(
            messages[1]
                == "\(broken.path):\(simpleRows[1] + 1): submitted_at: expected an ISO 8601 instant with offset such as 2020-05-20T10:15:00+02:00, got \"yesterday\""
        )
        #expect(messages[2] == "\(broken.path):\(simpleRows[2] + 1): contributions: must not be negative, got \"-2\"")
        #expect(messages[3] == "error: 3 problems in the input; nothing was decided or written.")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a missing file is named; a bad --budget is a usage error")
    func missingFileAndBadBudget() throws {
        let missing = try Self.run(Self.allocateArguments(applications: "/nonexistent/applications.csv"))
        #expect(missing.status == 65)
        #expect(missing.stderr.hasPrefix("/nonexistent/applications.csv:0: (file): the file does not exist\n"))
        let badBudget = try Self.run(Self.allocateArguments(extra: ["--budget=-5"]))
        #expect(badBudget.status == 64)
        #expect(badBudget.stderr.contains("--budget: expected an amount such as 60000 or 60000.00"))
    }

    @Test("--budget overrides the policy")
    func budgetOverride() throws {
        let result = try Self.run(Self.allocateArguments(extra: ["--budget", "10000", "--format", "json"]))
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"budget\": 10000.00,"))
    }

    @Test("export-model writes the MILP in both formats")
    func exportModel() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for format in ["mps", "lp"] {
            let out = directory.appendingPathComponent("model.\(format)").path
            let result = try Self.run([
                "export-model", "--meeting", Self.meeting, "--applications", Self.applications,
                "--policy", Self.policy, "--format", format, "--out", out,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            #expect(text.contains("budget"))
            #expect(
                text.contains(format == "mps" ? "ROWS" : "Maximize") || text.contains("maximize")
                    || text.contains("MAX"))
        }
    }

    @Test("every command has help with an example")
    func help() throws {
        for command in ["allocate", "export-model", "generate"] {
            let result = try Self.run([command, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Example"), "\(command)")
            #expect(result.stdout.contains("USAGE: fellowship \(command)"))
        }
    }
}
