// Benchmarks of issue #6 (package-benchmark): allocate at 200, 1,000, 3,000 and 10,000
// generated applications, explain every applicant of the sample, one applicant, and a
// 25-point budget sweep of the sample; every margin of the sample, the waitlist's first 20
// places, single margins and every margin of the 1,500-application regime meeting (issue #12).
// Metrics: wall clock, instructions, peak resident memory. Run from the repository root (the
// data files are read from Data/):
//
//     FELLOWSHIP_BENCHMARKS=1 swift package benchmark
//
// Benchmarks/README.md has the figures and the comparison with HiGHS (Benchmarks/compare).
import Benchmark
import FellowshipCore
import FellowshipSamples
import Foundation

/// The sample's meeting, policy and countries, and inputs with generated applications.
enum Inputs {
    static let meeting = "Data/meetings/sg20-2020-07.json"
    static let policy = "Data/policies/default.json"
    static let countries = "Data/countries.csv"
    static let sample = "Data/samples/sg20-2020-07/applications.csv"

    /// The inputs of the sample, read from the repository.
    static func sampleInputs() throws -> AllocationInputs {
        try InputLoader.loadFiles(meeting: meeting, applications: sample, policy: policy, countries: countries)
    }

    /// The sample's meeting and policy with `count` applications of the seeded generator
    /// (seed 2020, as `fellowship generate --count N --seed 2020`).
    static func generated(count: Int) throws -> AllocationInputs {
        let base = try sampleInputs()
        let generator = SampleGenerator(countries: base.countries, meeting: base.meeting, seed: 2020)
        let csv = SampleGenerator.csv(generator.applications(count: count))
        let files = try InputLoader.readFiles(
            meeting: meeting, applications: sample, policy: policy, countries: countries)
        return try InputLoader.load(
            meeting: files.meeting, applications: InputSource(name: "generated-\(count).csv", bytes: Array(csv.utf8)),
            policy: files.policy, countries: files.countries)
    }

    /// The 1,500-application meeting of issue #12: `fellowship generate --count 1500 --seed 2020
    /// --budget-share 0.6` (the many-awards regime: about 130 awards, budget and caps binding).
    static func regime(count: Int = 1_500, share: Double = 0.6) throws -> AllocationInputs {
        let base = try sampleInputs()
        let generator = SampleGenerator(countries: base.countries, meeting: base.meeting, seed: 2020)
        let csv = SampleGenerator.csv(generator.applications(count: count))
        let files = try InputLoader.readFiles(
            meeting: meeting, applications: sample, policy: policy, countries: countries)
        let applications = InputSource(name: "regime-\(count).csv", bytes: Array(csv.utf8))
        let probe = try InputLoader.load(
            meeting: files.meeting, applications: applications, policy: files.policy,
            countries: files.countries)
        let budget = BudgetRegime.budget(share: share, of: Screening(inputs: probe).problem)
        let text = BudgetRegime.policy(String(decoding: files.policy.bytes, as: UTF8.self), budget: budget)!
        return try InputLoader.load(
            meeting: files.meeting, applications: applications,
            policy: InputSource(name: files.policy.name, bytes: Array(text.utf8)), countries: files.countries)
    }
}

/// Measures the margin of every eligible candidate of `inputs`' run (the work of a stored run's
/// margin phase, without the store); deciding the run is not measured.
func measureEveryMargin(of inputs: AllocationInputs, _ benchmark: Benchmark) throws {
    let result = try Allocator.allocate(Screening(inputs: inputs))
    let ranks = Array(result.problem.candidates.indices)
    benchmark.startMeasurement()
    let margins = try Explainer.margins(of: ranks, result: result)
    benchmark.stopMeasurement()
    precondition(margins.count == ranks.count)
    blackHole(margins)
}

let metrics: [BenchmarkMetric] = [.wallClock, .instructions, .peakMemoryResident]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: metrics, timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(30), maxIterations: 5)

    for count in [200, 1_000, 3_000, 10_000] {
        Benchmark("allocate \(count) generated applications") { benchmark in
            let inputs = try Inputs.generated(count: count)
            benchmark.startMeasurement()
            let result = try Allocator.allocate(Screening(inputs: inputs))
            benchmark.stopMeasurement()
            precondition(result.status == .optimal && result.gap == 0, "not proven optimal")
            blackHole(result)
        }
    }

    Benchmark("explain every applicant of the sample") { benchmark in
        let inputs = try Inputs.sampleInputs()
        benchmark.startMeasurement()
        let result = try Allocator.allocate(Screening(inputs: inputs))
        let explanations = try Explainer.explainAll(result, language: .en)
        benchmark.stopMeasurement()
        blackHole(explanations)
    }

    // Issue #12: the margin phase of a stored sample run, without deciding or storing
    // (target: at most 1.5 s for all 141 margins).
    Benchmark("every margin of the sample") { benchmark in
        try measureEveryMargin(of: try Inputs.sampleInputs(), benchmark)
    }

    // Issue #12, point 2: every margin of the 1,500-application meeting (1,073 eligible), the
    // work of its `allocate --db` margin phase without storing (target: at most 120 s). About
    // 100 s a sample, so one sample without a warm-up.
    Benchmark(
        "every margin of the 1,500-application regime meeting",
        configuration: .init(warmupIterations: 0, maxDuration: .seconds(600), maxIterations: 1)
    ) { benchmark in
        try measureEveryMargin(of: try Inputs.regime(), benchmark)
    }

    // Issue #12, point 3: the first 20 places of the waitlist of the 1,500-application
    // meeting, exactly, without every margin (target: at most 5 s).
    Benchmark("waitlist top 20 of the 1,500-application regime meeting") { benchmark in
        let result = try Allocator.allocate(Screening(inputs: try Inputs.regime()))
        benchmark.startMeasurement()
        let (entries, _) = try Explainer.waitlist(result, limit: 20)
        benchmark.stopMeasurement()
        precondition(entries.count == 20)
        blackHole(entries)
    }

    // Issue #12, point 2: one applicant's margin in the 1,500-application meeting, not stored
    // before (target: at most 2 s for the explanation); A-0338's took 17 s before the
    // falling target levels.
    for applicant in ["A-0338", "A-0797", "A-1197"] {
        Benchmark("margin of \(applicant) of the 1,500-application regime meeting") { benchmark in
            let result = try Allocator.allocate(Screening(inputs: try Inputs.regime()))
            guard let rank = result.problem.candidates.firstIndex(where: { $0.id == applicant }) else {
                fatalError("\(applicant) is not eligible in the regime meeting")
            }
            benchmark.startMeasurement()
            let margins = try Explainer.margins(of: [rank], result: result)
            benchmark.stopMeasurement()
            blackHole(margins)
        }
    }

    Benchmark("explain one applicant of the sample (stateless)") { benchmark in
        let inputs = try Inputs.sampleInputs()
        benchmark.startMeasurement()
        let result = try Allocator.allocate(Screening(inputs: inputs))
        let explanation = try Explainer.explain(applicant: "A-0001", in: result, language: .en)
        benchmark.stopMeasurement()
        blackHole(explanation)
    }

    Benchmark("25-point budget sweep of the sample") { benchmark in
        let inputs = try Inputs.sampleInputs()
        let budgets = stride(from: 20_000, through: 80_000, by: 2_500).map { Money(cents: Int64($0) * 100) }
        precondition(budgets.count == 25)
        benchmark.startMeasurement()
        let sweep = try ScenarioSimulator.run(
            inputs: inputs, variants: [ScenarioVariant(name: "policy", policy: inputs.policy)], budgets: budgets)
        benchmark.stopMeasurement()
        blackHole(sweep)
    }
}
