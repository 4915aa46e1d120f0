import Foundation
import LinearProgramming
import Testing

@testable import FellowshipCore

/// The waitlist order, and margins on the bundled SG20 sample against plain solves of the
/// conditioned model (the realistic instance the per-count search is built for).
@Suite("Margins: waitlist and sample")
struct MarginWaitlistTests {
    static func at(_ minute: Int) -> String { "2020-05-20T10:\(minute < 10 ? "0" : "")\(minute):00Z" }

    @Test("the waitlist: not-awarded eligible applications, smallest margin first, ties by rank, no margin last")
    func order() throws {
        let countries = ["SEN", "NPL", "BOL", "EGY", "SEN", "NPL", "BOL", "EGY"]
        var rows = (1...8).map { i in
            Fixtures.applicationRow(
                "A-\(i)",
                [
                    "submitted_at": Self.at(i), "request": "ticket", "country": countries[i - 1],
                    "contributions": String([0, 3, 1, 0, 2, 1, 0, 3][i - 1]), "gender": i % 2 == 0 ? "male" : "female",
                ])
        }
        rows.append(
            Fixtures.applicationRow("A-9", ["submitted_at": Self.at(9), "request": "ticket", "ticket_cost": "9000.00"]))
        rows.append(Fixtures.applicationRow("A-10", ["submitted_at": Self.at(10), "complete": "no"]))
        let inputs = try Fixtures.load(applications: Fixtures.applicationsCSV(rows), policy: "{\"budget\": 4500}")
        let result = try Allocator.allocate(Screening(inputs: inputs))
        let entries = try Explainer.waitlistEntries(result)
        let notAwarded = result.problem.candidates.indices.filter { result.allocation[$0] == nil }
        #expect(entries.count == notAwarded.count)
        #expect(entries.map(\.position) == Array(1...entries.count))
        #expect(!entries.contains { $0.applicant == "A-10" })
        #expect(entries.last?.applicant == "A-9")
        #expect(entries.last?.margin == nil)
        for (previous, next) in zip(entries, entries.dropFirst()) {
            switch (previous.margin, next.margin) {
            case (let p?, let n?): #expect(p < n || (p == n && previous.rank < next.rank), "\(previous) before \(next)")
            case (nil, .some): Issue.record("a missing margin before a margin")
            default: break
            }
        }
        for entry in entries {
            let margin = try MarginCalculator.margin(rank: entry.rank, result: result)
            #expect(margin.margin.value == entry.margin)
            #expect(entry.score == result.problem.candidates[entry.rank].score)
            #expect(entry.reasons == result.reasons[entry.rank].map(\.rawValue))
        }
        let tuples = try Explainer.waitlist(result)
        #expect(tuples.map(\.applicant) == entries.map(\.applicant))
        #expect(tuples.map(\.margin) == entries.map(\.margin))
        #expect(Set(entries.compactMap(\.margin)).count >= 2)
    }

    static func sample() throws -> AllocationResult {
        let inputs = try InputLoader.loadFiles(
            meeting: Fixtures.dataFile("Data/meetings/sg20-2020-07.json"),
            applications: Fixtures.dataFile("Data/samples/sg20-2020-07/applications.csv"),
            policy: Fixtures.dataFile("Data/policies/default.json"),
            countries: Fixtures.dataFile("Data/countries.csv"))
        return try Allocator.allocate(Screening(inputs: inputs))
    }

    @Test("on the sample, margins equal plain solves of the conditioned model")
    func sampleAgainstPlainSolves() throws {
        let result = try Self.sample()
        let problem = result.problem
        let policy = result.screening.inputs.policy
        // Awarded and not awarded, ties and the slowest plain solves.
        let awarded = problem.candidates.indices.filter { result.allocation[$0] != nil }
        let ranks = [0, 10, 23, 63] + Array(awarded.prefix(3))
        for rank in ranks {
            let margin = try MarginCalculator.margin(rank: rank, result: result)
            let conditions: AllocationModel.Conditions =
                result.allocation[rank] == nil
                ? .init(awarded: [rank]) : .init(excluded: [rank])
            let plain = try #require(
                try Allocator.solveModel(problem, policy: policy, conditions: conditions, incumbent: nil))
            #expect(plain.status == .optimal)
            let alternative = problem.value(of: plain.allocation)
            let expected = Margin.difference(optimum: result.value, alternative: alternative)
            let value = try #require(margin.margin.value)
            #expect(
                abs(value - expected) <= 1e-6 * max(1, abs(result.value)), "rank \(rank): \(value) vs plain \(expected)"
            )
            let found = try #require(margin.alternative)
            #expect(problem.isFeasible(found))
            #expect(abs(problem.value(of: found) - alternative) <= 1e-6 * max(1, abs(alternative)))
        }
    }

    @Test("one not-awarded applicant of the sample explained in three languages")
    func sampleInThreeLanguages() throws {
        let result = try Self.sample()
        let explanation = try Explainer.explain(applicant: "A-0001", in: result, language: .en)
        #expect(explanation.outcome == .not_awarded)
        #expect(explanation.margin == 5)
        #expect(explanation.wouldDisplace == ["A-0118", "A-0171", "A-0177"])
        #expect(explanation.constraints == ["budget"])
        #expect(explanation.extraBudgetNeeded == Money(cents: 229_979))
        for language in [Language.en, .fr, .zh] {
            let text = explanation.translated(to: language).text
            #expect(
                text.contains("A-0001") && text.contains("A-0118") && text.contains("A-0171")
                    && text.contains("A-0177"))
            #expect(text.contains(language.pack.points(5)))
        }
    }
}
