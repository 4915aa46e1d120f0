import Testing

@testable import LinearProgramming

@Suite("Initial solution")
struct InitialSolutionTests {
    enum Start: String, CaseIterable, Sendable {
        case empty, optimal, greedy, infeasible, fractional
    }

    func point(_ start: Start, _ instance: Knapsack) -> [Double] {
        switch start {
        case .empty: return instance.weights.map { _ in 0 }
        case .optimal: return instance.bruteForce().choice
        case .greedy:
            var room = instance.capacity
            return instance.weights.map { weight in
                guard weight <= room else { return 0 }
                room -= weight
                return 1
            }
        case .infeasible: return instance.weights.map { _ in 1 }
        case .fractional: return instance.weights.map { _ in 0.5 }
        }
    }

    @Test(
        "a feasible start is accepted, an infeasible one ignored, the optimum unchanged",
        arguments: Start.allCases, [true, false])
    func startPoints(start: Start, presolve: Bool) throws {
        let instance = Knapsack.random(count: 18, seed: 11)
        let (model, _) = try instance.model()
        let truth = instance.bruteForce().value
        let result = try GLPKSolver.solve(
            model, options: .init(presolve: presolve, initialSolution: point(start, instance)))

        #expect(result.termination == .optimal)
        #expect(close(result.objectiveValue, truth))
        switch start {
        case .empty, .optimal, .greedy: #expect(result.initialSolutionAccepted == true)
        case .infeasible, .fractional: #expect(result.initialSolutionAccepted == false)
        }
    }

    @Test("values within 1e-6 of integers are snapped and accepted")
    func nearlyIntegral() throws {
        let instance = Knapsack.twelveItems
        let (model, _) = try instance.model()
        let nearly = instance.bruteForce().choice.map { $0 == 1 ? 1 - 1e-9 : 1e-9 }
        let result = try GLPKSolver.solve(model, options: .init(initialSolution: nearly))
        #expect(result.initialSolutionAccepted == true)
        #expect(close(result.objectiveValue, instance.bruteForce().value))
    }

    @Test("an LP ignores the initial solution")
    func linearProgram() throws {
        let (model, _, _) = try Fixtures.productionLP()
        let result = try GLPKSolver.solve(model, options: .init(initialSolution: [0, 0]))
        #expect(result.termination == .optimal)
        #expect(close(result.objectiveValue, 36))
        #expect(result.initialSolutionAccepted == nil)
    }

    @Test("without an initial solution nothing is reported about one")
    func noInitialSolution() throws {
        let (model, _) = try Knapsack.twelveItems.model()
        #expect(try GLPKSolver.solve(model).initialSolutionAccepted == nil)
    }

    @Test("the feasibility check behind it")
    func feasibilityCheck() throws {
        var model = Model(name: "check")
        let x = try model.addVariable(name: "x", kind: .integer, lowerBound: -2, upperBound: 5)
        let y = try model.addVariable(name: "y", kind: .continuous, lowerBound: nil, upperBound: 1)
        _ = try model.addConstraint(name: "sum", LinearExpression([(x, 1), (y, 1)]), .between(0, 3))
        #expect(model.feasiblePoint(near: [2.0000000001, 1]) == [2, 1])
        #expect(model.feasiblePoint(near: [2.5, 0]) == nil)  // not integral
        #expect(model.feasiblePoint(near: [6, -4]) == nil)  // above x's bound
        #expect(model.feasiblePoint(near: [3, 1]) == nil)  // row above 3
        #expect(model.feasiblePoint(near: [-2, 1]) == nil)  // row below 0
        #expect(model.feasiblePoint(near: [-2, 2.5]) == nil)  // above y's bound
        #expect(model.feasiblePoint(near: [3, -3]) == [3, -3])
    }
}
