import Foundation
import Testing

/// `FELLOWSHIP_SOLVER_TRACE` (docs/performance.md, "The many-awards regime against HiGHS"):
/// the solver's profile on stderr when asked for, nothing otherwise, and never an applicant's
/// id, name or gender in it.
@Suite("Solver trace")
struct SolverTraceTests {
    /// Runs `allocate` on the sample with `environment` added to this process's.
    static func allocate(environment: [String: String]) throws -> CommandLineTests.Outcome {
        try CommandLineTests.run(
            CommandLineTests.allocateArguments(extra: ["--format", "json"]), environment: environment)
    }

    @Test("the trace shows each phase on stderr, holds no personal data, and leaves the decisions unchanged")
    func traceOnStderr() throws {
        let plain = try Self.allocate(environment: ["FELLOWSHIP_SOLVER_TRACE": "0"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(!plain.stderr.contains("[solver"), "no trace unless asked for")

        let traced = try Self.allocate(environment: ["FELLOWSHIP_SOLVER_TRACE": "1"])
        #expect(traced.status == 0, "\(traced.stderr)")
        let lines = traced.stderr.split(separator: "\n").filter { $0.contains("[solver") }
        #expect(lines.contains { $0.contains("kept by dominance") })
        #expect(lines.contains { $0.contains("plain relaxation") })
        #expect(lines.contains { $0.contains("heuristic at N=") })
        #expect(lines.contains { $0.contains("total") && $0.contains("count scan") })

        // No applicant id, name or gender of the sample appears in the trace.
        let rows = try String(contentsOfFile: CommandLineTests.applications, encoding: .utf8).split(separator: "\n")
            .dropFirst()
        for row in rows {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count > 3 else { continue }
            for personal in [fields[0], fields[1], fields[2]] where personal.count >= 3 {
                #expect(!traced.stderr.contains(personal), "\(personal) in the trace")
            }
        }
        #expect(!traced.stderr.contains("female") && !traced.stderr.contains("male"))

        // Tracing only observes: the same decisions, byte for byte apart from the run's id and time.
        func decisions(_ json: String) throws -> String {
            let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
            let data = try JSONSerialization.data(withJSONObject: document["decisions"] as Any, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try decisions(plain.stdout) == decisions(traced.stdout))
    }
}
