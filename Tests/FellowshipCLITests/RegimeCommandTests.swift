import FellowshipCore
import FellowshipSamples
import Foundation
import Testing

/// `generate --budget-share` (issue #12): applications and a matching policy in the
/// many-awards regime; and the progress of long commands stays out of pipes.
@Suite("Many-awards regime and progress")
struct RegimeCommandTests {
    @Test("generate --budget-share writes a policy whose budget is that share of full funding, the rest unchanged")
    func budgetShare() throws {
        let directory = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let applications = directory.appendingPathComponent("applications.csv").path
        let policy = directory.appendingPathComponent("policy.json").path
        let generated = try CommandLineTests.run([
            "generate", "--count", "400", "--seed", "5", "--out", applications, "--budget-share", "0.55",
            "--policy-out", policy,
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stderr.isEmpty)
        let inputs = try InputLoader.loadFiles(
            meeting: CommandLineTests.meeting, applications: applications, policy: policy,
            countries: CommandLineTests.countries)
        let problem = Screening(inputs: inputs).problem
        #expect(inputs.policy.budget == BudgetRegime.budget(share: 0.55, of: problem))
        let full = BudgetRegime.fullFunding(problem)
        #expect(abs(Double(inputs.policy.budget.cents) - 0.55 * Double(full.cents)) <= 0.5)
        // Everything else is the default policy's.
        let base = try String(contentsOfFile: CommandLineTests.policy, encoding: .utf8)
        let written = try String(contentsOfFile: policy, encoding: .utf8)
        #expect(written.split(separator: "\n").dropFirst(2) == base.split(separator: "\n").dropFirst(2))
        // The regime funds many awards: far more than the default 60,000.
        let decided = try CommandLineTests.run(
            CommandLineTests.allocateArguments(applications: applications)
                .map { $0 == CommandLineTests.policy ? policy : $0 } + ["--format", "json"])
        #expect(decided.status == 0, "\(decided.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(decided.stdout.utf8)) as! [String: Any]
        let awards = (document["summary"] as? [String: Any])?["awards"] as? Int ?? 0
        #expect(awards >= 60, "\(awards) awards")
        // Progress is for terminals only: nothing on stderr in a pipe.
        #expect(decided.stderr.isEmpty)

        #expect(try CommandLineTests.run(["generate", "--count", "10", "--budget-share", "0.5"]).status == 64)
        #expect(try CommandLineTests.run(["generate", "--count", "10", "--policy-out", policy]).status == 64)
        #expect(
            try CommandLineTests.run(["generate", "--count", "10", "--budget-share", "3", "--policy-out", policy])
                .status == 64)
    }

    @Test("margins and waitlist --top have help with examples")
    func help() throws {
        let margins = try CommandLineTests.run(["margins", "--help"])
        #expect(margins.status == 0 && margins.stdout.contains("Examples") && margins.stdout.contains("--pending"))
        let waitlist = try CommandLineTests.run(["waitlist", "--help"])
        #expect(waitlist.stdout.contains("--top"))
        #expect(try CommandLineTests.run(["margins"]).status == 64)
    }
}
