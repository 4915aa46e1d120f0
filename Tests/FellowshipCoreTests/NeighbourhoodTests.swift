import LinearProgramming
import Testing

@testable import FellowshipCore

/// The neighbourhood searches of a margin's solve (`Neighbourhood`,
/// `CountSearch.improveByNeighbourhoods`): the neighbourhood always contains its start, and
/// the searches only ever improve the start, with the same optimum in the end (the optimum
/// itself is cross-checked against the plain conditioned solve in `RegimeCrossCheckTests`).
@Suite("Neighbourhood searches of margins")
struct NeighbourhoodTests {
    /// The conditions and starts of margins of a generated meeting in the many-awards regime, as
    /// `MarginCalculator` makes them: "awarded" with the local search's allocation for
    /// applicants not awarded, "not awarded" for awarded ones.
    static func marginCases(_ result: AllocationResult, waiting: Int, awarded: Int)
        -> [(conditions: AllocationModel.Conditions, start: Allocation)]
    {
        let problem = result.problem
        let notAwarded = problem.candidates.indices.filter { result.allocation[$0] == nil }.prefix(waiting)
        let held = problem.candidates.indices.filter { result.allocation[$0] != nil }.prefix(awarded)
        var cases: [(AllocationModel.Conditions, Allocation)] = []
        for rank in notAwarded {
            let conditions = MarginCalculator.adding(.init(), awarded: rank)
            if let start = LocalSearch.bestAwarding(rank, from: result.allocation, problem: problem),
                conditions.areMet(by: start)
            {
                cases.append((conditions, start))
            }
        }
        for rank in held {
            cases.append(
                (
                    MarginCalculator.adding(.init(), excluded: rank),
                    LocalSearch.bestWithout(rank, from: result.allocation, problem: problem)
                ))
        }
        return cases
    }

    @Test(
        "the neighbourhood holds what the start and the relaxation agree on, contains the start, and frees the rest",
        arguments: [(120, UInt64(61), 0.5), (150, 62, 0.6)])
    func neighbourhoodContainsStart(count: Int, seed: UInt64, share: Double) throws {
        let result = try GeneratedRuns.regimeResult(count: count, seed: seed, share: share)
        let problem = result.problem
        var held = 0
        var leftOut = 0
        for (conditions, start) in Self.marginCases(result, waiting: 12, awarded: 6) {
            var form = AllocationModel.Form(isCompact: true)
            form.hasAwardCount = true
            let template = try CountModel.Template(problem: problem, conditions: conditions, form: form)
            let awards = start.compactMap { $0 }.count
            for n in [awards - 1, awards, awards + 1] where n > 0 {
                let relaxation = try GLPKSolver.solve(try template.relaxation(awards: n), options: .init())
                guard relaxation.termination == .optimal else { continue }
                for width in [0, 3] {
                    let neighbourhood = Neighbourhood(
                        start: start, relaxation: relaxation, template: template, conditions: conditions,
                        width: width)
                    var free = 0
                    for candidate in problem.candidates {
                        let rank = candidate.rank
                        let context = "seed \(seed), \(conditions), N=\(n), width \(width), \(candidate.id)"
                        if let component = start[rank] {
                            // Every award of the start is in the neighbourhood, with its component
                            // when held.
                            #expect(neighbourhood.keep[rank], "\(context)")
                            if let fixed = neighbourhood.conditions.fixed[rank] {
                                #expect(fixed == component, "\(context)")
                            }
                        }
                        let pinned = conditions.frozen.contains(rank)
                        if !neighbourhood.keep[rank] {
                            // Left out: the start gives nothing, no condition asks for an
                            // award, and the relaxation gives nothing either (or the condition
                            // excludes the candidate).
                            #expect(start[rank] == nil, "\(context)")
                            #expect(!conditions.awarded.contains(rank) && conditions.fixed[rank] == nil, "\(context)")
                            if conditions.excluded.contains(rank) { continue }
                            leftOut += 1
                            for variable in [
                                template.built.ticketVariables[rank], template.built.dsaVariables[rank],
                            ] {
                                if let variable { #expect(relaxation.values[variable.index] < 1e-6, "\(context)") }
                            }
                        } else if neighbourhood.conditions.fixed[rank] != nil && !pinned {
                            held += 1
                            let variable = try #require(
                                start[rank] == .ticket
                                    ? template.built.ticketVariables[rank] : template.built.dsaVariables[rank])
                            #expect(relaxation.values[variable.index] > 1 - 1e-6, "\(context)")
                        } else if !pinned {
                            free += 1
                        }
                    }
                    #expect(free == neighbourhood.free, "seed \(seed), N=\(n), width \(width)")
                    // The start meets the neighbourhood's conditions: the search can always
                    // return an allocation at least as good at the start's own count.
                    #expect(neighbourhood.conditions.areMet(by: start))
                }
            }
        }
        #expect(held > 0 && leftOut > 0, "nothing held or left out: the neighbourhoods prove nothing")
    }

    @Test(
        "the searches improve margins' starts, never worsen them, and the exact searches end at the same optimum",
        arguments: [(130, UInt64(63), 0.55), (160, 64, 0.5)])
    func searchesImproveStarts(count: Int, seed: UInt64, share: Double) throws {
        let result = try GeneratedRuns.regimeResult(count: count, seed: seed, share: share)
        let problem = result.problem
        let policy = result.screening.inputs.policy
        var improved = 0
        for (conditions, start) in Self.marginCases(result, waiting: 15, awarded: 8) {
            var goal = ConditionedSolver.Goal.margin(ceiling: result.value)
            goal.neighbourhoodsFrom = 0
            let search = CountSearch(
                problem, policy: policy, conditions: conditions, incumbent: start, goal: goal, progress: nil)
            guard search.required <= search.maximum, try search.scanCounts() else { continue }
            let before = try #require(search.best).value
            try search.improveByNeighbourhoods()
            let after = try #require(search.best)
            let context = "seed \(seed), \(conditions)"
            #expect(after.value >= before, "\(context)")
            #expect(problem.isFeasible(after.allocation) && conditions.areMet(by: after.allocation), "\(context)")
            #expect(abs(problem.value(of: after.allocation) - after.value) <= 1e-9 * max(1, abs(after.value)))
            if after.value > before + AllocationProblem.tolerance(before) { improved += 1 }
            try search.searchExactly()
            let outcome = try #require(try search.outcome())
            let plain = try #require(
                try ConditionedSolver.solveExactly(problem, policy: policy, conditions: conditions, incumbent: nil))
            #expect(outcome.proven && plain.proven, "\(context)")
            #expect(
                abs(outcome.value - plain.value) <= 1e-6 * max(1, abs(plain.value)),
                "\(context): \(outcome.value) against \(plain.value)")
        }
        #expect(improved > 0, "seed \(seed): no neighbourhood search improved a start, so none was tested")
    }

    @Test("margins search neighbourhoods only on meetings large enough for them to pay")
    func onlyOnLargeMeetings() {
        let goal = ConditionedSolver.Goal.margin(ceiling: 100)
        #expect(goal.neighbourhoodsFrom == SearchSettings.neighbourhoodMinimumCandidates)
        #expect(goal.descending && goal.warmStartedScan && goal.ceiling == 100)
        #expect(ConditionedSolver.Goal().neighbourhoodsFrom == nil, "the run and the scenarios keep their own path")
    }
}
