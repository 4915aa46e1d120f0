import ArgumentParser
import FellowshipCore
import Foundation

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Show what each budget would buy, and what each policy change would change.",
        discussion: """
            Solves the allocation model at every budget given, for the policy and for each \
            --variant, each point to proven optimality exactly as `allocate` would at that \
            budget. For each point it reports V, awards, money spent, women awarded, countries \
            covered, awards per region and the value of the next 1,000 of budget; for each \
            variant, the saturation budget: the least budget at which V is as high as with \
            unlimited money. Points are solved in parallel on the available cores.

            --set KEY=VALUE changes any policy field (dotted path; VALUE is read as JSON when it \
            is JSON, else as a string) and is checked like policy.json. --variant \
            NAME:KEY=VALUE,KEY=VALUE adds a line to the comparison: the policy with the --sets \
            and these changes. With no --variant there is one line, named base; to compare \
            against the unchanged policy, list it too (--variant base).

            Exit status: 64 for a badly written option (no '=', an empty key, malformed JSON, \
            bad budgets), 65 for bad input files or values the policy rules refuse, 70 for an \
            internal error, 73 when an output file cannot be written.

            Example:
              fellowship simulate --meeting Data/meetings/sg20-2020-07.json \\
                --applications Data/samples/sg20-2020-07/applications.csv \\
                --policy Data/policies/default.json --budget-range 20000:80000:5000 \\
                --variant base --variant cap1:country_cap=1 \\
                --variant women:weights.gender_shortfall=12,gender_target=0.6 \\
                --chart scenarios.svg
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    /// sysexits EX_USAGE: the command was used incorrectly.
    static let usageStatus: Int32 = 64

    @OptionGroup var inputs: InputOptions

    @Option(
        name: .customLong("budgets"),
        help: ArgumentHelp("Budgets to try, separated by commas (repeatable).", valueName: "amount,amount,..."))
    var budgetLists: [String] = []

    @Option(
        name: .customLong("budget-range"),
        help: ArgumentHelp(
            "Budgets FROM, FROM+STEP, ... up to TO (included when it falls on a step); repeatable.",
            valueName: "from:to:step"))
    var budgetRanges: [String] = []

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Change a policy field for every line, e.g. country_cap=1 or weights.gender_shortfall=12 (repeatable).",
            valueName: "key=value"))
    var sets: [String] = []

    @Option(
        name: .customLong("variant"),
        help: ArgumentHelp(
            "A named policy variant to put side by side, e.g. cap1:country_cap=1,weights.ldc=5 (repeatable).",
            valueName: "name:key=value,..."))
    var variants: [String] = []

    @Option(help: "What to print on standard output: a readable table, the scenarios JSON, or CSV.")
    var format: OutputFormat = .table

    @Option(
        help: ArgumentHelp(
            "Draw V, awards, women's share and countries covered against the budget into an .svg file (or an .html page holding the SVG).",
            valueName: "file"))
    var chart: String?

    @Option(help: ArgumentHelp("Write the scenarios JSON to this file (atomically).", valueName: "file"))
    var out: String?

    func validate() throws {
        if inputs.budget != nil {
            throw ValidationError(
                "--budget sets the one budget of an allocate run; simulate tries several: give them with --budgets (such as --budgets 60000) or --budget-range"
            )
        }
        if let chart, Self.chartKind(chart) == nil {
            throw ValidationError("--chart: expected a file name ending in .svg or .html, got \"\(chart)\"")
        }
        if case .failure(let errors) = BudgetList.parse(lists: budgetLists, ranges: budgetRanges) {
            throw ValidationError(errors.problems.map(\.message).joined(separator: "\n"))
        }
    }

    enum ChartKind { case svg, html }

    static func chartKind(_ path: String) -> ChartKind? {
        let lower = path.lowercased()
        if lower.hasSuffix(".svg") { return .svg }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
        return nil
    }

    func run() throws {
        let loaded = try inputs.load()
        let budgets: [Money]
        switch BudgetList.parse(lists: budgetLists, ranges: budgetRanges) {
        case .success(let list): budgets = list
        case .failure(let errors): throw ValidationError(errors.problems.map(\.message).joined(separator: "\n"))
        }
        let policySource: InputSource
        switch InputSource.file(inputs.policy) {
        case .success(let source): policySource = source
        case .failure(let problem):
            Terminal.printProblems(InputErrors([problem]))
            throw ExitCode(Terminal.dataErrorStatus)
        }
        let lines: [ScenarioVariant]
        do {
            lines = try PolicyOverrides.variants(policy: policySource, sets: sets, variants: variants)
        } catch let errors {
            var text = errors.problems.map { "error: " + $0.message }.joined(separator: "\n")
            let count = errors.problems.count
            text += "\nerror: \(count) problem\(count == 1 ? "" : "s") in --set/--variant; nothing was simulated.\n"
            FileHandle.standardError.write(Data(text.utf8))
            throw ExitCode(errors.isUsage ? Self.usageStatus : Terminal.dataErrorStatus)
        }

        let showProgress = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
        var report: (@Sendable (ScenarioProgress) -> Void)? = nil
        if showProgress {
            report = { progress in
                let line = "\r\u{1B}[Ksolved \(progress.done)/\(progress.total) (\(progress.stage))"
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
        let sweep: ScenarioSweep
        do {
            sweep = try ScenarioSimulator.run(inputs: loaded, variants: lines, budgets: budgets, progress: report)
        } catch {
            if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            Terminal.printError("\(error)")
            throw ExitCode(Terminal.internalErrorStatus)
        }
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }

        let document = sweep.document.document
        if let chart {
            let text = Self.chartKind(chart) == .html ? ScenarioChart.html(sweep) : ScenarioChart.svg(sweep)
            try Terminal.writeAtomically(text, to: chart)
        }
        if let out { try Terminal.writeAtomically(document, to: out) }
        switch format {
        case .table: print(sweep.table, terminator: "")
        case .json: print(document, terminator: "")
        case .csv: print(sweep.csv, terminator: "")
        }
    }
}
