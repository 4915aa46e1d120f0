import Testing

@testable import LinearProgramming

/// Reduced costs are what the allocation solver's reduced-cost fixing relies on: they must be
/// GLPK's, for the original columns, with and without the LP presolver.
@Suite("LP reduced costs")
struct ReducedCostTests {
    @Test("reduced costs of a small maximisation", arguments: [true, false])
    func smallMaximisation(presolve: Bool) throws {
        // max x + 2y + 0.5z  s.t.  x + y + z ≤ 1,  0 ≤ x, y, z ≤ 2  →  y = 1 (basic), dual of the
        // row 2 (unique: the optimum is not degenerate), reduced costs x: 1 − 2 = −1, y: 0,
        // z: 0.5 − 2 = −1.5.
        var model = Model(name: "rc")
        let x = try model.addVariable(name: "x", kind: .continuous, lowerBound: 0, upperBound: 2)
        let y = try model.addVariable(name: "y", kind: .continuous, lowerBound: 0, upperBound: 2)
        let z = try model.addVariable(name: "z", kind: .continuous, lowerBound: 0, upperBound: 2)
        _ = try model.addConstraint(name: "one", LinearExpression([(x, 1), (y, 1), (z, 1)]), .atMost(1))
        try model.setObjective(.maximize, LinearExpression([(x, 1), (y, 2), (z, 0.5)]))
        let result = try GLPKSolver.solve(model, options: .init(presolve: presolve))
        #expect(result.termination == .optimal)
        #expect(result.reducedCosts.count == 3)
        #expect(abs(result.reducedCosts[x.index] + 1) < 1e-9)
        #expect(abs(result.reducedCosts[y.index]) < 1e-9)
        #expect(abs(result.reducedCosts[z.index] + 1.5) < 1e-9)
    }

    @Test("a MIP result carries no reduced costs")
    func noneForMIP() throws {
        var model = Model(name: "mip")
        let x = try model.addVariable(name: "x", kind: .binary)
        try model.setObjective(.maximize, LinearExpression([(x, 1)]))
        let result = try GLPKSolver.solve(model)
        #expect(result.termination == .optimal)
        #expect(result.reducedCosts.isEmpty)
        #expect(result.value(x) == 1)
    }
}
