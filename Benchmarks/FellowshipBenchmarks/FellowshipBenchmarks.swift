// Benchmarks of issue #6 (package-benchmark): allocate at 200, 1,000, 3,000 and 10,000
// generated applications, explain every applicant of the sample, one applicant, and a
// 25-point budget sweep of the sample; every margin of the sample (issue #12). Metrics: wall clock, instructions, peak resident
// memory. Run from the repository root (the data files are read from Data/):
//
//     FELLOWSHIP_BENCHMARKS=1 swift package benchmark
//
// Benchmarks/README.md has the figures and the comparison with HiGHS (Benchmarks/compare).
import Benchmark
import FellowshipCore
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
        let files = try InputLoader.readFiles(meeting: meeting, applications: sample, policy: policy, countries: countries)
        return try InputLoader.load(
            meeting: files.meeting, applications: InputSource(name: "generated-\(count).csv", bytes: Array(csv.utf8)),
            policy: files.policy, countries: files.countries)
    }
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
        let result = try Allocator.allocate(Screening(inputs: try Inputs.sampleInputs()))
        let ranks = Array(result.problem.candidates.indices)
        benchmark.startMeasurement()
        let margins = try Explainer.margins(of: ranks, result: result)
        benchmark.stopMeasurement()
        precondition(margins.count == ranks.count)
        blackHole(margins)
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
