import Testing

@testable import FellowshipCore

/// The waitlist's tie question (`TieQuestion`, issue #12): whenever it answers, it says
/// "margin 0" exactly when the margin is 0, checked against enumeration on small meetings and
/// against the margins computed in full on generated meetings in the many-awards regime,
/// where ties are common.
@Suite("Tie question")
struct TieQuestionTests {
    /// The question over the counts a waitlist search scans first.
    static func question(_ result: AllocationResult) throws -> TieQuestion? {
        var bounds = try WaitlistSearch.CountBounds(result: result, base: .init())
        try bounds.widen(to: 1 + 4 * AllocationProblem.tolerance(result.value) + 1e-7 * max(1, abs(result.value)))
        return bounds.tieQuestion()
    }

    @Test("small meetings: the answer is the enumerated margin's being 0", arguments: Array(UInt64(1)...24))
    func smallAgainstEnumeration(seed: UInt64) throws {
        let sources = try GeneratedRuns.sources(
            count: 12, seed: seed &+ 40, budget: Money(cents: 250_000 + Int64(seed) * 30_000))
        let result = try Allocator.allocate(Screening(inputs: try sources.load()))
        let problem = result.problem
        try #require(problem.candidates.count <= 12)
        let question = try #require(try Self.question(result))
        let optimum = try #require(BruteForce.optimum(problem))
        for rank in problem.candidates.indices where result.allocation[rank] == nil {
            let alternative = BruteForce.optimum(problem) { $0[rank] != nil }
            let expected = alternative.map { Margin.difference(optimum: optimum, alternative: $0) == 0 } ?? false
            let answer = question.isTie(rank)
            #expect(
                answer == nil || answer == expected,
                "seed \(seed) rank \(rank): \(String(describing: answer)), expected \(expected)")
        }
    }

    @Test("many-awards regime: the answer is the computed margin's being 0, and it always answers")
    func regimeAgainstMargins() throws {
        var ties = 0
        var others = 0
        for (count, seed, share) in [
            (80, UInt64(31), 0.4), (100, 32, 0.5), (120, 33, 0.6), (100, 34, 0.7), (150, 42, 0.55),
        ] {
            let result = try GeneratedRuns.regimeResult(count: count, seed: seed, share: share)
            let question = try #require(try Self.question(result))
            let waiting = result.problem.candidates.indices.filter { result.allocation[$0] == nil }
            for margin in try Explainer.margins(of: waiting, result: result) {
                let expected = margin.margin.value == 0
                let answer = question.isTie(margin.rank)
                if expected { ties += 1 } else { others += 1 }
                #expect(
                    answer == expected,
                    "seed \(seed) rank \(margin.rank): \(String(describing: answer)), margin \(String(describing: margin.margin.value))"
                )
            }
        }
        // Guards the check: it saw both answers.
        #expect(ties > 0 && others > 0, "\(ties) ties, \(others) others")
    }
}
