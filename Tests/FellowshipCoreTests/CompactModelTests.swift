import LinearProgramming
import Testing

@testable import FellowshipCore
@testable import FellowshipSamples

/// The compact form of the model by number of awards (`AllocationModel.Form`), which every
/// search of `ConditionedSolver` uses, against the plain form it replaced: the same optimum,
/// whole and relaxed, at every count and under every kind of condition, and fewer rows and
/// columns on generated meetings. The searches' own cross-checks (enumeration, one plain
/// solve of the unreduced model) run through it as well.
@Suite("Compact model by number of awards")
struct CompactModelTests {
    /// Random conditions for `problem`: sometimes one candidate awarded, one excluded, one
    /// with its component fixed (the DSA when allowed, which the compact form must keep).
    static func conditions(_ problem: AllocationProblem, seed: UInt64) -> AllocationModel.Conditions {
        var random = TestRandom(seed: seed &* 31 &+ 7)
        var conditions = AllocationModel.Conditions()
        let ranks = Array(problem.candidates.indices)
        guard !ranks.isEmpty else { return conditions }
        if random.chance(0.4) { conditions.awarded.insert(random.pick(ranks)) }
        if random.chance(0.3) {
            let rank = random.pick(ranks)
            if !conditions.awarded.contains(rank) { conditions.excluded.insert(rank) }
        }
        if random.chance(0.4) {
            let rank = random.pick(ranks)
            let candidate = problem.candidates[rank]
            if !conditions.frozen.contains(rank) {
                conditions.fixed[rank] = candidate.cost(.dsa) != nil ? .dsa : .ticket
            }
        }
        return conditions
    }

    @Test("the same optimum as the plain form at every count, whole and relaxed", arguments: Array(UInt64(1)...90))
    func sameOptimum(seed: UInt64) throws {
        let base = RandomProblems.make(seed: seed &* 6_151 &+ 5, maxCandidates: 10, maxCountries: 5)
        let problem = RegimeCrossCheckTests.inRegime(
            base, share: RegimeCrossCheckTests.shares[Int(seed) % RegimeCrossCheckTests.shares.count])
        let conditions = Self.conditions(problem, seed: seed)
        let plainTemplate = try CountModel.Template(problem: problem, conditions: conditions)
        for n in 0...problem.candidates.count {
            let plain = try plainTemplate.model(awards: n)
            let compact = try CountModel.Template(problem: problem, conditions: conditions, form: .compact(awards: n))
                .model(awards: n)
            let context = "seed \(seed), \(n) awards"
            let whole = (
                plain: try GLPKSolver.solve(plain.built.model, options: .init()),
                compact: try GLPKSolver.solve(compact.built.model, options: .init())
            )
            #expect(whole.plain.termination.hasSolution == whole.compact.termination.hasSolution, "\(context)")
            if let expected = whole.plain.objectiveValue, whole.plain.termination.hasSolution {
                let value = try #require(whole.compact.objectiveValue, "\(context)")
                #expect(
                    abs(value - expected) <= 1e-6 * max(1, abs(expected)), "\(context): \(value) against \(expected)")
                // The compact optimum read back is a feasible allocation meeting the conditions
                // and worth what GLPK says.
                let allocation = compact.built.allocation(from: whole.compact.values)
                #expect(problem.isFeasible(allocation) && conditions.areMet(by: allocation), "\(context)")
                #expect(abs(problem.value(of: allocation) - value) <= 1e-6 * max(1, abs(value)), "\(context)")
            }
            let relaxed = (
                plain: try GLPKSolver.solve(plain.built.model.relaxation(named: "plain_lp"), options: .init()),
                compact: try GLPKSolver.solve(compact.built.model.relaxation(named: "compact_lp"), options: .init())
            )
            #expect(relaxed.plain.termination == relaxed.compact.termination, "\(context) (relaxed)")
            if relaxed.plain.termination == .optimal, let expected = relaxed.plain.objectiveValue {
                let value = try #require(relaxed.compact.objectiveValue)
                #expect(
                    abs(value - expected) <= 1e-6 * max(1, abs(expected)),
                    "\(context) (relaxed): \(value) against \(expected)")
            }
        }
    }

    @Test(
        "the count scan's template with the number of awards as a variable: the same relaxations at every count",
        arguments: Array(UInt64(1)...40))
    func awardCountVariable(seed: UInt64) throws {
        let base = RandomProblems.make(seed: seed &* 4_099 &+ 3, maxCandidates: 12, maxCountries: 5)
        let problem = RegimeCrossCheckTests.inRegime(
            base, share: RegimeCrossCheckTests.shares[Int(seed) % RegimeCrossCheckTests.shares.count])
        let conditions = Self.conditions(problem, seed: seed)
        let without = try CountModel.Template(problem: problem, conditions: conditions, form: .init(isCompact: true))
        var form = AllocationModel.Form(isCompact: true)
        form.hasAwardCount = true
        let with = try CountModel.Template(problem: problem, conditions: conditions, form: form)
        let balanced = with.built.awardsVariable != nil
        #expect(balanced == (!with.built.regionVariables.isEmpty || with.built.genderVariable != nil))
        func same(_ a: Model, _ b: Model, _ context: String) throws {
            let (x, y) = (try GLPKSolver.solve(a, options: .init()), try GLPKSolver.solve(b, options: .init()))
            #expect(x.termination == y.termination, "\(context)")
            if x.termination == .optimal, let expected = x.objectiveValue {
                let value = try #require(y.objectiveValue)
                #expect(
                    abs(value - expected) <= 1e-6 * max(1, abs(expected)), "\(context): \(value) against \(expected)")
            }
        }
        try same(without.relaxed, with.relaxed, "seed \(seed), no count")
        for n in 0...problem.candidates.count {
            try same(
                try without.plainRelaxation(awards: n), try with.plainRelaxation(awards: n),
                "seed \(seed), plain, N=\(n)")
            try same(try without.relaxation(awards: n), try with.relaxation(awards: n), "seed \(seed), N=\(n)")
        }
    }

    @Test("fewer rows and columns on a generated meeting, and no DSA variable a ticket makes useless")
    func smaller() throws {
        let result = try GeneratedRuns.regimeResult(count: 160, seed: 71, share: 0.55)
        let problem = result.problem
        let n = result.allocation.compactMap { $0 }.count
        let plain = try CountModel.Template(problem: problem, conditions: .init()).model(awards: n)
        let compact = try CountModel.Template(problem: problem, conditions: .init(), form: .compact(awards: n))
            .model(awards: n)
        #expect(compact.built.model.variableCount < plain.built.model.variableCount)
        #expect(compact.built.model.constraintCount < plain.built.model.constraintCount)
        var dropped = 0
        for candidate in problem.candidates {
            guard let fare = candidate.cost(.ticket), let allowance = candidate.cost(.dsa) else { continue }
            if fare <= allowance {
                #expect(compact.built.dsaVariables[candidate.rank] == nil, "\(candidate.id)")
                dropped += 1
            } else {
                #expect(compact.built.dsaVariables[candidate.rank] != nil, "\(candidate.id)")
            }
        }
        #expect(dropped > 0, "no candidate with a ticket cheaper than the DSA: the check proves nothing")
        // The count scan's template with the number of awards as a variable has one dense row
        // instead of one per region and the gender row.
        var form = AllocationModel.Form(isCompact: true)
        form.hasAwardCount = true
        let scan = try CountModel.Template(problem: problem, conditions: .init(), form: form)
        let dense = try CountModel.Template(problem: problem, conditions: .init(), form: .init(isCompact: true))
        #expect(scan.built.awardsVariable != nil)
        #expect(scan.relaxed.nonzeroCount < dense.relaxed.nonzeroCount * 2 / 3)
        // The published allocation is feasible in the compact form's terms: same optimum.
        let solved = try GLPKSolver.solve(compact.built.model, options: .init())
        #expect(abs((solved.objectiveValue ?? .nan) - result.value) <= 1e-6 * max(1, abs(result.value)))
    }
}
