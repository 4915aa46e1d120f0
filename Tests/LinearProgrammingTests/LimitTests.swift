import Testing

@testable import LinearProgramming

@Suite("Limits and gaps")
struct LimitTests {
    /// 0.2 s on a market-split instance (6 equalities, 50 binaries) that GLPK cannot finish:
    /// the search must stop on the limit, and when it has a point, report a real bound and gap.
    @Test("time limit on a hard instance", arguments: [true, false])
    func timeLimit(presolve: Bool) throws {
        let model = try Fixtures.marketSplit()
        let result = try GLPKSolver.solve(model, options: .init(timeLimitSeconds: 0.2, presolve: presolve))

        #expect([Termination.limitReachedWithSolution, .limitReachedWithoutSolution].contains(result.termination))
        #expect(result.seconds >= 0.15 && result.seconds < 3)
        if result.termination == .limitReachedWithSolution {
            let value = try #require(result.objectiveValue)
            let bound = try #require(result.bestBound)
            let gap = try #require(result.relativeGap)
            #expect(result.values.count == model.variableCount)
            // A genuine point: within bounds, integral and on every equality row.
            #expect(model.feasiblePoint(near: result.values) != nil)
            #expect(close(model.objective.expression.value(at: result.values), value))
            // Parity: Σ a·x is even and each target odd, so every row needs at least one unit
            // of slack and no point scores below the number of rows.
            #expect(value >= Double(model.constraintCount) - 1e-6)
            // Minimising: a valid bound lies between the relaxation optimum (0) and the value.
            #expect(bound <= value + 1e-9)
            #expect(bound >= -1e-6)
            #expect(close(gap, abs(bound - value) / (1e-10 + abs(value))))
            #expect(gap > 0)
            #expect((result.nodes ?? 0) > 1)
        } else {
            #expect(result.values.isEmpty)
            #expect(result.objectiveValue == nil)
        }
    }

    @Test("a zero time limit stops before any solution", arguments: [true, false])
    func zeroTimeLimit(presolve: Bool) throws {
        let model = try Fixtures.marketSplit()
        let result = try GLPKSolver.solve(model, options: .init(timeLimitSeconds: 0, presolve: presolve))
        #expect(result.termination == .limitReachedWithoutSolution)
        #expect(result.values.isEmpty)
        #expect(result.objectiveValue == nil)
        #expect(result.relativeGap == nil)
    }

    @Test("a time limit on an LP that is solved in time changes nothing")
    func limitOnEasyLP() throws {
        let (model, _, _) = try Fixtures.productionLP()
        let result = try GLPKSolver.solve(model, options: .init(timeLimitSeconds: 10))
        #expect(result.termination == .optimal)
        #expect(close(result.objectiveValue, 36))
    }

    /// A strongly correlated knapsack (value = weight + 100) of 45 items: exact search takes
    /// hundreds of nodes, a 1 % gap far fewer. The exact optimum is checked by dynamic programming.
    @Test("relative MIP gap is respected", arguments: [true, false])
    func gap(presolve: Bool) throws {
        var random = SplitMix64(seed: 45)
        let weights = (0..<45).map { _ in Double(random.int(in: 10...1000)) }
        let instance = Knapsack(
            weights: weights, values: weights.map { $0 + 100 }, capacity: (weights.reduce(0, +) / 2).rounded(.down))
        let (model, _) = try instance.model()
        let truth = Self.dynamicProgrammingOptimum(instance)

        let exact = try GLPKSolver.solve(model, options: .init(presolve: presolve))
        #expect(exact.termination == .optimal)
        #expect(close(exact.objectiveValue, truth))
        #expect(exact.relativeGap == 0)

        let tolerance = 0.01
        let loose = try GLPKSolver.solve(model, options: .init(relativeMIPGap: tolerance, presolve: presolve))
        #expect(loose.termination == .optimal)
        let value = try #require(loose.objectiveValue)
        let bound = try #require(loose.bestBound)
        let gap = try #require(loose.relativeGap)
        #expect(gap <= tolerance)
        #expect(close(gap, abs(bound - value) / (1e-10 + abs(value))))
        // Maximising: the value is achievable, the bound is proven, the truth lies between.
        #expect(value <= truth + 1e-6)
        #expect(bound >= truth - 1e-6)
        #expect(value >= truth / (1 + tolerance) - 1e-6)
        #expect(try #require(loose.nodes) <= (try #require(exact.nodes)))
    }

    /// Integer-weight 0/1 knapsack by dynamic programming over capacities.
    static func dynamicProgrammingOptimum(_ instance: Knapsack) -> Double {
        let capacity = Int(instance.capacity)
        var best = [Double](repeating: 0, count: capacity + 1)
        for (weight, value) in zip(instance.weights.map { Int($0) }, instance.values) where weight <= capacity {
            for room in stride(from: capacity, through: weight, by: -1) {
                best[room] = max(best[room], best[room - weight] + value)
            }
        }
        return best[capacity]
    }
}
