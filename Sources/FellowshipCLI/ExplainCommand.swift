import ArgumentParser
import FellowshipCore
import FellowshipStore
import Foundation

/// Where the decision to explain comes from: a stored run (`--run`, `--db`), or the four
/// input files, decided afresh (the stateless form).
struct DecisionSource: ParsableArguments {
    @Option(
        name: .customLong("run"),
        help: ArgumentHelp(
            "A stored run (its id, or a unique start of it), instead of the input files.", valueName: "id"))
    var runID: String?

    @Option(name: .customLong("db"), help: ArgumentHelp("The store holding --run.", valueName: "file"))
    var db: String = RunStore.defaultPath

    @Option(help: ArgumentHelp("The meeting (meeting.json), to decide afresh instead of --run.", valueName: "file"))
    var meeting: String?

    @Option(help: ArgumentHelp("The applications (applications.csv).", valueName: "file"))
    var applications: String?

    @Option(help: ArgumentHelp("The policy (policy.json).", valueName: "file"))
    var policy: String?

    @Option(help: ArgumentHelp("The Member States (countries.csv).", valueName: "file"))
    var countries: String = "Data/countries.csv"

    @Option(help: ArgumentHelp("Overrides the policy's budget, e.g. 45000 or 45000.50.", valueName: "amount"))
    var budget: String?

    func validate() throws {
        let files = [meeting, applications, policy]
        if runID != nil {
            if files.contains(where: { $0 != nil }) || budget != nil {
                throw ValidationError(
                    "give either --run (a stored run) or the input files (--meeting, --applications, --policy), not both"
                )
            }
        } else if files.contains(where: { $0 == nil }) {
            throw ValidationError(
                "give --meeting, --applications and --policy (the run is then decided afresh), or --run with a stored run"
            )
        }
    }

    /// The decision to explain, with what it was optimised under.
    struct Resolved {
        var result: AllocationResult
        /// Conditions of a reallocation run (kept awards fixed, declined applications out).
        var base: AllocationModel.Conditions
        /// The stored run, when explaining one.
        var runID: String?
        var store: RunStore?
        /// Applications whose award was declined in the run or an earlier one.
        var declined: [String]
        /// The stored run itself (its margins are read from the store and stored there).
        var run: StoredRun? = nil

        /// The margins of `ranks`: from the store for a stored run (those not stored yet are
        /// computed and stored), computed afresh otherwise.
        func margins(of ranks: [Int], progress: ProgressReporter?) throws -> [MarginResult] {
            if let store, let run { return try store.margins(of: run, ranks: ranks, progress: progress) }
            return try Explainer.margins(
                of: ranks, result: result, base: base,
                progress: progress.map { report in
                    { @Sendable done, total in report(RunProgress(.margins, done: done, total: total)) }
                })
        }
    }

    /// Loads the stored run (`--run`), or decides the four files afresh. Bad input files are
    /// reported and exit 65; a missing store exits 66, an unknown run 65.
    func resolve() throws -> Resolved {
        if let runID {
            return try StoreTerminal.run {
                let store = try RunStore(path: db, create: false)
                let run = try store.loadRun(id: try store.resolveRunID(runID))
                return Resolved(
                    result: run.result, base: Self.conditions(of: run), runID: run.id, store: store,
                    declined: run.declined, run: run)
            }
        }
        var arguments = [
            "--meeting", meeting!, "--applications", applications!, "--policy", policy!, "--countries", countries,
        ]
        if let budget { arguments += ["--budget", budget] }
        let inputs = try InputOptions.parse(arguments).load()
        do {
            return Resolved(
                result: try Allocator.allocate(Screening(inputs: inputs)), base: .init(), runID: nil, store: nil,
                declined: [])
        } catch {
            Terminal.printError("\(error)")
            throw ExitCode(Terminal.internalErrorStatus)
        }
    }

    /// A reallocation was optimised with the kept awards fixed and the declined applications
    /// out; its margins are measured under the same conditions.
    static func conditions(of run: StoredRun) -> AllocationModel.Conditions {
        guard run.kind == .reallocation else { return .init() }
        let screening = run.result.screening
        func rank(_ id: String) -> Int? {
            screening.inputs.applications.lastIndex { $0.id == id }.flatMap { screening.rankOfApplication[$0] }
        }
        var conditions = AllocationModel.Conditions()
        for id in run.fixed {
            if let rank = rank(id), let component = run.result.allocation[rank] { conditions.fixed[rank] = component }
        }
        for id in run.declined {
            if let rank = rank(id) { conditions.excluded.insert(rank) }
        }
        return conditions
    }
}

/// Progress on standard error, only for a person watching a terminal (never in CI or a pipe).
enum ExplanationProgress {
    static var shown: Bool { isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil }

    static func reporter(_ verb: String) -> (@Sendable (Int, Int) -> Void)? {
        guard shown else { return nil }
        return { done, total in
            FileHandle.standardError.write(Data("\r\u{1B}[K\(verb) \(done)/\(total)".utf8))
        }
    }

    static func clear() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a decision: outcome, gates, score, margin, and what stands in the way.",
        discussion: """
            For one application (or every one with --all) states the outcome; the eligibility \
            gates failed; the score term by term; the exact margin of the model (section 6 of \
            docs/model.md: the score points a not-awarded application lacked, or an awarded one \
            could have lost); for a not-awarded application, whose fellowships funding it would \
            withdraw, which constraint blocks adding it (budget, country cap, DSA rule) and how \
            much more budget that would take; and a paragraph a delegate can read, in the \
            applicant's own language unless --lang says otherwise (Arabic, Chinese, English, \
            French, Russian or Spanish; a language is one template file, docs/explanations.md). \
            Only application ids are written, never names.

            The decision comes from a stored run (--run, --db) or, without --run, from the four \
            input files, decided exactly as `fellowship allocate` decides them. Each margin is \
            one extra optimisation; --all runs them in parallel.

            Exit status: 65 for bad input or an unknown application id, 66 when the store does \
            not exist, 70 for an internal error.

            Examples:
              fellowship explain --meeting Data/meetings/sg20-2020-07.json \\
                --applications Data/samples/sg20-2020-07/applications.csv \\
                --policy Data/policies/default.json --applicant A-0001 --lang fr
              fellowship explain --run 3f2a9c1e --db fellowship.sqlite \\
                --applicant A-0001 --format json
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var source: DecisionSource

    @Option(help: ArgumentHelp("The application to explain (repeatable).", valueName: "id"))
    var applicant: [String] = []

    @Flag(help: "Explain every application, in file order.")
    var all = false

    @Option(help: "What to print: a labelled summary and the paragraph, or the explanation JSON of docs/formats.md.")
    var format: OutputFormat = .text

    @Option(
        help: ArgumentHelp(
            "The language of the paragraph: ar, en, es, fr, ru, zh, or any other template file present. By default each applicant's own language (the language column of applications.csv; English when absent).",
            valueName: "code"))
    var lang: String?

    @Option(
        name: .customLong("viewed-by"),
        help: ArgumentHelp(
            "With --run: record in the audit chain that this role (e.g. applicant, secretariat) was shown each explanation. With applicant, what is printed is the applicant's own view: no other application named.",
            valueName: "role"))
    var viewedBy: String?

    func validate() throws {
        if all == !applicant.isEmpty {
            throw ValidationError(
                all ? "give --all or --applicant, not both" : "give --applicant ID (repeatable) or --all")
        }
        if viewedBy != nil && source.runID == nil {
            throw ValidationError("--viewed-by records a view of a stored run; it needs --run")
        }
        if let lang, Language(rawValue: lang) == nil {
            let available = Language.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--lang: no template file for \"\(lang)\" (available: \(available))")
        }
    }

    func run() throws {
        let chosen = lang.flatMap(Language.init(rawValue:))
        let resolved = try source.resolve()
        let result = resolved.result
        var indices: [Int]
        if all {
            indices = Array(result.screening.inputs.applications.indices)
        } else {
            indices = []
            for id in applicant {
                do {
                    indices.append(try Explainer.index(of: id, in: result))
                } catch let error as UnknownApplicantError {
                    let place = resolved.runID.map { "run \($0)" } ?? (source.applications ?? "the applications")
                    Terminal.printError("no application \"\(error.applicant)\" in \(place)")
                    throw ExitCode(Terminal.dataErrorStatus)
                }
            }
        }
        let ranks = indices.compactMap { result.screening.rankOfApplication[$0] }
        let margins = try TerminalProgress.run {
            try StoreTerminal.run {
                try resolved.margins(of: Array(Set(ranks)).sorted(), progress: TerminalProgress.reporter("explain"))
            }
        }
        var byRank: [Int: MarginResult] = [:]
        for margin in margins { byRank[margin.rank] = margin }
        let explanations = indices.map { index in
            Explainer.build(
                applicationIndex: index, result: result,
                margin: result.screening.rankOfApplication[index].flatMap { byRank[$0] },
                language: chosen ?? result.screening.inputs.applications[index].language.language)
        }
        if let viewedBy, let store = resolved.store, let runID = resolved.runID {
            try StoreTerminal.run {
                for explanation in explanations {
                    try store.recordExplanationViewed(
                        runID: runID, applicationID: explanation.applicant, role: viewedBy)
                }
            }
        }
        // What is shown to an applicant names no other application (docs/explanations.md).
        let shown = viewedBy == "applicant" ? explanations.map { $0.forApplicant() } : explanations
        switch format {
        case .json:
            if shown.count == 1 && !all {
                print(shown[0].json.document, terminator: "")
            } else {
                print("[\n" + shown.map { "  " + $0.json.compact }.joined(separator: ",\n") + "\n]")
            }
        case .text:
            for (position, explanation) in shown.enumerated() {
                if position > 0 { print("") }
                var report = explanation.report
                if resolved.declined.contains(explanation.applicant) {
                    report +=
                        "(\(explanation.applicant) declined an award of this meeting; it is kept out of this run.)\n"
                }
                print(report, terminator: "")
            }
        }
    }
}
