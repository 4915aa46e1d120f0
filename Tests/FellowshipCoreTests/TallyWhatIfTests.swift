import Testing

@testable import FellowshipCore

/// The "what if" questions of `AllocationProblem.Tally` (one award taken away, another given),
/// which the local search and the tie rule ask without copying the tally: the same answers,
/// to the last bit, as changing a copy and asking it. The published allocation depends on
/// them through the tie rule, so "nearly the same" would not do.
@Suite("Tally what-if questions")
struct TallyWhatIfTests {
    @Test("value and cheapest fitting component after a withdrawal equal those of a changed copy")
    func sameAsChangedCopy() {
        var questions = 0
        for seed in UInt64(1)...60 { questions += Self.ask(seed: seed) }
        #expect(questions > 1_000, "only \(questions) swaps asked: the comparison proves little")
    }

    /// Compares the answers on random allocations of one random problem; returns how many
    /// swaps it compared.
    static func ask(seed: UInt64) -> Int {
        var problem = RandomProblems.make(seed: seed &* 2_713 &+ 9, maxCandidates: 14, maxCountries: 6)
        var random = TestRandom(seed: seed &* 97 &+ 1)
        // Some budgets bind, some caps bind.
        let total = problem.candidates.reduce(Int64(0)) { $0 + $1.cheapestCost.cents }
        problem.budget = Money(cents: total * Int64(random.int(20...100)) / 100)
        var questions = 0
        for _ in 0..<20 {
            var allocation = problem.emptyAllocation
            var tally = AllocationProblem.Tally(problem: problem)
            for candidate in problem.candidates where random.chance(0.4) {
                if let component = tally.cheapestFitting(candidate) {
                    allocation[candidate.rank] = component
                    tally.add(candidate, component)
                }
            }
            #expect(tally.perRegion.values.reduce(0, +) == tally.awards)
            let awarded = allocation.indices.filter { allocation[$0] != nil }
            for b in problem.candidates where allocation[b.rank] == nil {
                // Without a withdrawal.
                let component = tally.cheapestFitting(b)
                #expect(component == tally.cheapestFitting(b, without: nil))
                #expect(component.map { tally.blockers(b, $0).isEmpty } ?? true)
                if let component {
                    var copy = tally
                    copy.add(b, component)
                    #expect(tally.value(adding: b, without: nil).bitPattern == copy.value.bitPattern)
                }
                for a in awarded {
                    let withdrawal = (problem.candidates[a], allocation[a]!)
                    var without = tally
                    without.remove(withdrawal.0, withdrawal.1)
                    let limit = random.chance(0.3) ? Money(cents: total * Int64(random.int(0...30)) / 100) : nil
                    let expected = without.cheapestFitting(b, cheaperThan: limit)
                    #expect(tally.cheapestFitting(b, without: withdrawal, cheaperThan: limit) == expected)
                    for component in b.componentsByCost {
                        #expect(
                            without.canAdd(b, component) == without.blockers(b, component).isEmpty,
                            "seed \(seed)")
                    }
                    guard let fitting = without.cheapestFitting(b) else { continue }
                    var swapped = without
                    swapped.add(b, fitting)
                    #expect(
                        tally.value(adding: b, without: withdrawal).bitPattern == swapped.value.bitPattern,
                        "seed \(seed): \(problem.candidates[a].id) out, \(b.id) in")
                    questions += 1
                }
            }
        }
        return questions
    }
}
