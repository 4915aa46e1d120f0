import Testing

@testable import LinearProgramming

/// `SolverOptions.stopsAtFirstSolution`: a search that only asks whether any point exists
/// stops at its first incumbent, which is feasible; without a point it still proves none.
@Suite("Stop at the first solution")
struct FirstSolutionTests {
    @Test(
        "the point returned is integral and meets every row, and never beats the optimum",
        arguments: Array(UInt64(1)...8))
    func firstPointIsFeasible(seed: UInt64) throws {
        let instance = Knapsack.random(count: 20, seed: seed)
        let (model, _) = try instance.model()
        var options = SolverOptions(presolve: false)
        options.stopsAtFirstSolution = true
        let result = try GLPKSolver.solve(model, options: options)
        #expect(result.termination == .limitReachedWithSolution || result.termination == .optimal)
        let values = result.values
        #expect(values.allSatisfy { abs($0 - $0.rounded()) <= 1e-6 })
        let weight = zip(values, instance.weights).reduce(0.0) { $0 + $1.0 * $1.1 }
        #expect(weight <= instance.capacity + 1e-6)
        let value = zip(values, instance.values).reduce(0.0) { $0 + $1.0 * $1.1 }
        #expect(value <= instance.bruteForce().value + 1e-6)
    }

    @Test("a model whose rows admit no integer point is reported infeasible")
    func noPoint() throws {
        let instance = Knapsack.random(count: 16, seed: 5)
        var (model, items) = try instance.model()
        // Ask for more value than the optimum: no point exists.
        let objective = LinearExpression(zip(items, instance.values).map { ($0, $1) })
        _ = try model.addConstraint(name: "above_optimum", objective, .atLeast(instance.bruteForce().value + 0.5))
        var options = SolverOptions()
        options.stopsAtFirstSolution = true
        let result = try GLPKSolver.solve(model, options: options)
        #expect(result.termination == .infeasible)
    }
}
