import Testing

@testable import LinearProgramming

@Suite("Known optima")
struct KnownOptimaTests {
    @Test("small LP, maximise", arguments: [true, false])
    func productionLP(presolve: Bool) throws {
        let (model, x, y) = try Fixtures.productionLP()
        let result = try GLPKSolver.solve(model, options: .init(presolve: presolve))
        #expect(result.termination == .optimal)
        #expect(close(result.objectiveValue, 36))
        #expect(close(result.value(x), 2))
        #expect(close(result.value(y), 6))
        #expect(result.bestBound == result.objectiveValue)
        #expect(result.relativeGap == 0)
        #expect(result.nodes == nil)
        #expect(result.initialSolutionAccepted == nil)
        #expect(result.seconds >= 0 && result.seconds < 5)
    }

    @Test("small LP, minimise, with an objective constant and >= rows", arguments: [true, false])
    func dietLP(presolve: Bool) throws {
        // min 2x + 3y + 10  s.t.  x + y ≥ 4, x + 3y ≥ 6  → vertices (0,4)=22, (3,1)=19, (6,0)=22
        var model = Model(name: "diet")
        let x = try model.addVariable(name: "x", kind: .continuous)
        let y = try model.addVariable(name: "y", kind: .continuous)
        _ = try model.addConstraint(name: "a", LinearExpression([(x, 1), (y, 1)]), .atLeast(4))
        _ = try model.addConstraint(name: "b", LinearExpression([(x, 1), (y, 3)], constant: -6), .atLeast(0))
        try model.setObjective(.minimize, LinearExpression([(x, 2), (y, 3)], constant: 10))
        let result = try GLPKSolver.solve(model, options: .init(presolve: presolve))
        #expect(result.termination == .optimal)
        #expect(close(result.objectiveValue, 19))
        #expect(result.values.count == 2)
        #expect(close(result.value(x), 3) && close(result.value(y), 1))
    }

    @Test("free and negative variables, equality and range rows", arguments: [true, false])
    func freeVariables(presolve: Bool) throws {
        // min x + y  s.t. x − y ≥ −2, −3 ≤ y, x free, 0 ≤ x + 2y + 20 ≤ 100 → y = −3, x = −5
        var model = Model(name: "free")
        let x = try model.addVariable(name: "x", kind: .continuous, lowerBound: nil)
        let y = try model.addVariable(name: "y", kind: .continuous, lowerBound: -3)
        _ = try model.addConstraint(name: "gap", LinearExpression([(x, 1), (y, -1)]), .atLeast(-2))
        _ = try model.addConstraint(name: "range", LinearExpression([(x, 1), (y, 2)], constant: 20), .between(0, 100))
        try model.setObjective(.minimize, LinearExpression([(x, 1), (y, 1)]))
        let result = try GLPKSolver.solve(model, options: .init(presolve: presolve))
        #expect(result.termination == .optimal)
        #expect(close(result.objectiveValue, -8))
        #expect(close(result.value(x), -5) && close(result.value(y), -3))
    }

    @Test("bounds only, no rows", arguments: [true, false])
    func boundsOnly(presolve: Bool) throws {
        var model = Model(name: "bounds")
        let x = try model.addVariable(name: "x", kind: .continuous, upperBound: 3)
        let y = try model.addVariable(name: "y", kind: .integer, lowerBound: -1.5, upperBound: 2.5)
        try model.setObjective(.maximize, LinearExpression([(x, 1), (y, 1)]))
        let result = try GLPKSolver.solve(model, options: .init(presolve: presolve))
        #expect(result.termination == .optimal)
        #expect(close(result.objectiveValue, 5))
        #expect(close(result.value(y), 2))
    }

    @Test("an empty model is optimal with its constant and no values")
    func emptyModel() throws {
        var model = Model(name: "empty")
        try model.setObjective(.maximize, LinearExpression([], constant: 4))
        let result = try GLPKSolver.solve(model)
        #expect(result.termination == .optimal)
        #expect(result.values.isEmpty)
        #expect(close(result.objectiveValue, 4))
    }

    @Test(
        "0/1 knapsack equals brute force",
        arguments: [Knapsack.twelveItems, .random(count: 16, seed: 1), .random(count: 18, seed: 2)], [true, false])
    func knapsack(instance: Knapsack, presolve: Bool) throws {
        let (model, items) = try instance.model()
        let truth = instance.bruteForce()
        let result = try GLPKSolver.solve(model, options: .init(presolve: presolve))
        #expect(result.termination == .optimal)
        #expect(close(result.objectiveValue, truth.value))
        #expect(result.bestBound == result.objectiveValue)
        #expect(result.relativeGap == 0)
        // The returned point is a real knapsack of that value.
        let chosen = items.map { result.values[$0.index] }
        #expect(chosen.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(zip(chosen, instance.weights).map(*).reduce(0, +) <= instance.capacity)
        #expect(close(zip(chosen, instance.values).map(*).reduce(0, +), truth.value))
    }

    @Test(
        "every branching and backtracking rule, with and without cuts",
        arguments: BranchingRule.allCases, BacktrackingRule.allCases)
    func searchRules(branching: BranchingRule, backtracking: BacktrackingRule) throws {
        let instance = Knapsack.random(count: 18, seed: 3)
        let (model, _) = try instance.model()
        let truth = instance.bruteForce().value
        for cuts in [Set<CutFamily>(), Set(CutFamily.allCases)] {
            for presolve in [true, false] {
                let options = SolverOptions(
                    presolve: presolve, cuts: cuts, branching: branching, backtracking: backtracking)
                let result = try GLPKSolver.solve(model, options: options)
                #expect(result.termination == .optimal)
                #expect(close(result.objectiveValue, truth))
            }
        }
    }

    @Test("each cut family alone", arguments: CutFamily.allCases)
    func cutFamily(cut: CutFamily) throws {
        let instance = Knapsack.random(count: 20, seed: 4)
        let (model, _) = try instance.model()
        let result = try GLPKSolver.solve(model, options: .init(cuts: [cut]))
        #expect(result.termination == .optimal)
        #expect(close(result.objectiveValue, instance.bruteForce().value))
    }

    /// An integer program with two equality rows and general integers, solved in both senses
    /// and checked against enumeration of the whole box.
    @Test(
        "integer program with equality rows, both senses", arguments: [ObjectiveSense.minimize, .maximize],
        [true, false])
    func equalityIP(sense: ObjectiveSense, presolve: Bool) throws {
        // x + 2y + 3z + w = 40,  2x − y + z − 2w = 5,  0 ≤ x, y, z, w ≤ 15 integers
        // objective 4x + 3y − 5z + 2w
        let rows: [([Double], Double)] = [([1, 2, 3, 1], 40), ([2, -1, 1, -2], 5)]
        let costs: [Double] = [4, 3, -5, 2]
        var model = Model(name: "equalities")
        let vars = try ["x", "y", "z", "w"].map { try model.addVariable(name: $0, kind: .integer, upperBound: 15) }
        for (index, row) in rows.enumerated() {
            _ = try model.addConstraint(
                name: "row\(index)", LinearExpression(zip(vars, row.0).map { ($0, $1) }), .exactly(row.1))
        }
        try model.setObjective(sense, LinearExpression(zip(vars, costs).map { ($0, $1) }))

        var best: Double?
        for x in 0...15 {
            for y in 0...15 {
                for z in 0...15 {
                    for w in 0...15 {
                        let point = [x, y, z, w].map(Double.init)
                        guard rows.allSatisfy({ zip($0.0, point).map(*).reduce(0, +) == $0.1 }) else { continue }
                        let value = zip(costs, point).map(*).reduce(0, +)
                        if let current = best, sense == .minimize ? value >= current : value <= current { continue }
                        best = value
                    }
                }
            }
        }
        let truth = try #require(best)

        let result = try GLPKSolver.solve(model, options: .init(presolve: presolve))
        #expect(result.termination == .optimal)
        #expect(close(result.objectiveValue, truth))
        for (row, target) in rows {
            #expect(close(zip(row, result.values).map(*).reduce(0, +), target))
        }
        #expect(result.values.allSatisfy { $0 == $0.rounded() && (0...15).contains($0) })
    }
}

@Suite("Infeasible and unbounded")
struct InfeasibleUnboundedTests {
    @Test("infeasible LP", arguments: [true, false])
    func infeasibleLP(presolve: Bool) throws {
        var model = Model(name: "infeasible-lp")
        let x = try model.addVariable(name: "x", kind: .continuous)
        let y = try model.addVariable(name: "y", kind: .continuous)
        _ = try model.addConstraint(name: "low", LinearExpression([(x, 1), (y, 1)]), .atMost(1))
        _ = try model.addConstraint(name: "high", LinearExpression([(x, 1), (y, 1)]), .atLeast(2))
        try model.setObjective(.maximize, LinearExpression([(x, 1)]))
        expectNoPoint(try GLPKSolver.solve(model, options: .init(presolve: presolve)), .infeasible)
    }

    @Test("infeasible MIP whose relaxation is feasible", arguments: [true, false])
    func infeasibleMIP(presolve: Bool) throws {
        var model = Model(name: "infeasible-mip")
        let x = try model.addVariable(name: "x", kind: .integer, upperBound: 10)
        let y = try model.addVariable(name: "y", kind: .integer, upperBound: 10)
        _ = try model.addConstraint(name: "odd", LinearExpression([(x, 2), (y, 2)]), .exactly(3))
        try model.setObjective(.minimize, LinearExpression([(x, 1), (y, 1)]))
        expectNoPoint(try GLPKSolver.solve(model, options: .init(presolve: presolve)), .infeasible)
    }

    @Test("infeasible MIP whose relaxation is infeasible", arguments: [true, false])
    func infeasibleMIPRelaxation(presolve: Bool) throws {
        var model = Model(name: "infeasible-relaxation")
        let x = try model.addVariable(name: "x", kind: .binary)
        let y = try model.addVariable(name: "y", kind: .binary)
        _ = try model.addConstraint(name: "three", LinearExpression([(x, 1), (y, 1)]), .atLeast(3))
        expectNoPoint(try GLPKSolver.solve(model, options: .init(presolve: presolve)), .infeasible)
    }

    @Test("unbounded LP", arguments: [true, false], [ObjectiveSense.minimize, .maximize])
    func unboundedLP(presolve: Bool, sense: ObjectiveSense) throws {
        var model = Model(name: "unbounded-lp")
        let x = try model.addVariable(name: "x", kind: .continuous)
        let y = try model.addVariable(name: "y", kind: .continuous)
        _ = try model.addConstraint(name: "c", LinearExpression([(x, 1), (y, -1)]), .atMost(1))
        try model.setObjective(
            sense, LinearExpression([(x, sense == .maximize ? 1 : -1), (y, sense == .maximize ? 1 : -1)]))
        expectNoPoint(try GLPKSolver.solve(model, options: .init(presolve: presolve)), .unbounded)
    }

    @Test("unbounded MIP", arguments: [true, false], [ObjectiveSense.minimize, .maximize])
    func unboundedMIP(presolve: Bool, sense: ObjectiveSense) throws {
        var model = Model(name: "unbounded-mip")
        let x = try model.addVariable(name: "x", kind: .integer)
        let y = try model.addVariable(name: "y", kind: .integer)
        _ = try model.addConstraint(name: "c", LinearExpression([(x, 2), (y, -2)]), .exactly(4))
        try model.setObjective(sense, LinearExpression([(x, sense == .maximize ? 1 : -1)]))
        expectNoPoint(try GLPKSolver.solve(model, options: .init(presolve: presolve)), .unbounded)
    }

    /// The relaxation is unbounded but 2x − 2y = 1 has no integer solution: GLP_ENODFS alone
    /// must not be reported as unbounded.
    @Test("MIP with unbounded relaxation but no integer point", arguments: [true, false])
    func infeasibleWithUnboundedRelaxation(presolve: Bool) throws {
        var model = Model(name: "trap")
        let x = try model.addVariable(name: "x", kind: .integer, upperBound: 10)
        let y = try model.addVariable(name: "y", kind: .integer, upperBound: 10)
        let z = try model.addVariable(name: "z", kind: .continuous)
        let u = try model.addVariable(name: "u", kind: .integer, upperBound: 10)
        let v = try model.addVariable(name: "v", kind: .integer, upperBound: 10)
        _ = try model.addConstraint(name: "half", LinearExpression([(x, 2), (y, -2), (u, 4), (v, -6)]), .exactly(1))
        _ = try model.addConstraint(name: "link", LinearExpression([(z, 1), (x, -1)]), .atLeast(0))
        try model.setObjective(.maximize, LinearExpression([(z, 1)]))
        expectNoPoint(try GLPKSolver.solve(model, options: .init(presolve: presolve)), .infeasible)
    }

    private func expectNoPoint(
        _ result: SolveResult, _ termination: Termination, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.termination == termination, sourceLocation: sourceLocation)
        #expect(result.values.isEmpty, sourceLocation: sourceLocation)
        #expect(result.objectiveValue == nil, sourceLocation: sourceLocation)
        #expect(result.bestBound == nil, sourceLocation: sourceLocation)
        #expect(result.relativeGap == nil, sourceLocation: sourceLocation)
        #expect(!result.termination.hasSolution, sourceLocation: sourceLocation)
    }
}

@Suite("Version")
struct VersionTests {
    @Test("glp_version reports GLPK 5")
    func version() {
        #expect(GLPKSolver.version.hasPrefix("5."))
    }
}

/// GLPK 5.0 aborts the whole process (glp_add_cols with n = 0 inside glp_cov_init) when
/// cover cuts are on and its presolver removes every column; the layer must never let
/// that happen.
@Suite("GLPK abort guards")
struct AbortGuardTests {
    @Test("cover cuts with a model the presolver empties do not abort", arguments: [true, false])
    func coverCutsOnPresolvedEmptyModel(presolve: Bool) throws {
        var model = Model(name: "empty_after_presolve")
        let x = try model.addVariable(name: "x", kind: .binary)
        let y = try model.addVariable(name: "y", kind: .binary)
        var budget = LinearExpression()
        budget.add(3840, x)
        budget.add(4000, y)
        _ = try model.addConstraint(name: "budget", budget, .atMost(1000))
        var objective = LinearExpression()
        objective.add(16, x)
        objective.add(13, y)
        try model.setObjective(.maximize, objective)
        let options = SolverOptions(presolve: presolve, cuts: Set(CutFamily.allCases), branching: .hybridPseudoCost)
        let result = try GLPKSolver.solve(model, options: options)
        #expect(result.termination == .optimal)
        #expect(result.objectiveValue == 0)
        #expect(result.values == [0, 0])
    }
}
