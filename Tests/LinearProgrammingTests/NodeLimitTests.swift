import Testing

@testable import LinearProgramming

/// `SolverOptions.nodeLimit`: branch and bound stops after that many nodes, at the same point
/// on every run (the heuristic searches of the allocation rely on it for determinism).
@Suite("Node limit")
struct NodeLimitTests {
    @Test(
        "a node limit stops a hard search, reported like a time limit, the same way every time",
        arguments: [true, false])
    func stopsAndRepeats(presolve: Bool) throws {
        let model = try Fixtures.marketSplit()
        let options = SolverOptions(presolve: presolve, nodeLimit: 40)
        let first = try GLPKSolver.solve(model, options: options)
        #expect([Termination.limitReachedWithSolution, .limitReachedWithoutSolution].contains(first.termination))
        let nodes = try #require(first.nodes)
        // GLPK checks at its next callback, so a few nodes more may have been created.
        #expect(nodes >= 40 && nodes < 200, "\(nodes) nodes")
        if first.termination == .limitReachedWithSolution {
            #expect(model.feasiblePoint(near: first.values) != nil)
            let bound = try #require(first.bestBound)
            #expect(bound <= (first.objectiveValue ?? .infinity) + 1e-9)
        }
        let second = try GLPKSolver.solve(model, options: options)
        #expect(second.termination == first.termination)
        #expect(second.nodes == first.nodes)
        #expect(second.values == first.values)
    }

    @Test("a node limit that is not reached changes nothing")
    func unreached() throws {
        let instance = Knapsack.twelveItems
        let (model, _) = try instance.model()
        let limited = try GLPKSolver.solve(model, options: SolverOptions(nodeLimit: 1_000_000))
        #expect(limited.termination == .optimal)
        #expect(close(limited.objectiveValue, instance.bruteForce().value))
    }

    @Test("a node limit below 1 is refused before GLPK sees it", arguments: [0, -5])
    func invalid(limit: Int) throws {
        let model = try Fixtures.marketSplit()
        #expect(throws: ModelError.self) { try GLPKSolver.solve(model, options: SolverOptions(nodeLimit: limit)) }
    }
}
