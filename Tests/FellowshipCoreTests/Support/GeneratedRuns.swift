import Foundation

@testable import FellowshipCore
@testable import FellowshipSamples

/// Generated meetings (the seeded generator, the sample's meeting and countries) as run
/// sources, for tests that need realistic instances at a chosen budget.
enum GeneratedRuns {
    static func sources(count: Int, seed: UInt64, budget: Money) throws -> RunSources {
        let meetingPath = Fixtures.dataFile("Data/meetings/sg20-2020-07.json")
        let countriesPath = Fixtures.dataFile("Data/countries.csv")
        let meetingBytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: meetingPath)))
        let countriesBytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: countriesPath)))
        let policyBytes = try [UInt8](
            Data(contentsOf: URL(fileURLWithPath: Fixtures.dataFile("Data/policies/default.json"))))
        let meeting = try InputLoader.meeting(InputSource(name: "meeting.json", bytes: meetingBytes))
        let countries = try InputLoader.countries(InputSource(name: "countries.csv", bytes: countriesBytes))
        let csv = SampleGenerator.csv(
            SampleGenerator(countries: countries, meeting: meeting, seed: seed).applications(count: count))
        return RunSources(
            meeting: InputSource(name: "meeting.json", bytes: meetingBytes),
            applications: InputSource(name: "applications.csv", bytes: Array(csv.utf8)),
            policy: InputSource(name: "policy.json", bytes: policyBytes),
            countries: InputSource(name: "countries.csv", bytes: countriesBytes), budgetOverride: budget)
    }

    /// A generated meeting in the many-awards regime: its budget `share` of `BudgetRegime.fullFunding`.
    static func regimeResult(count: Int, seed: UInt64, share: Double) throws -> AllocationResult {
        let probe = try sources(count: count, seed: seed, budget: Money(cents: 100))
        let budget = BudgetRegime.budget(share: share, of: Screening(inputs: try probe.load()).problem)
        return try result(count: count, seed: seed, budget: budget)
    }

    static func result(count: Int, seed: UInt64, budget: Money) throws -> AllocationResult {
        try Allocator.allocate(Screening(inputs: try sources(count: count, seed: seed, budget: budget).load()))
    }
}
