import Testing

@testable import LinearProgramming

/// A warm-started sequence (`WarmStartedLP`) must give every LP the optimum a cold solve gives:
/// the count scan of every margin relies on it (docs/performance.md, "Fourth pass").
@Suite("Warm-started LP sequences")
struct WarmStartTests {
    /// A random packing LP: `count` variables in [0, 1], a few capacity rows, maximise a positive
    /// objective. Bounded and feasible (0 is feasible), with degenerate optima now and then.
    static func base(count: Int, seed: UInt64) throws -> (model: Model, variables: [VariableID]) {
        var random = SplitMix64(seed: seed)
        var model = Model(name: "base_\(seed)")
        let variables = try (0..<count).map {
            try model.addVariable(name: "x\($0)", kind: .continuous, lowerBound: 0, upperBound: 1)
        }
        for row in 0..<3 {
            let terms = variables.map { ($0, Double(random.int(in: 1...20))) }
            _ = try model.addConstraint(
                name: "cap\(row)", LinearExpression(terms), .atMost(Double(random.int(in: 20...(8 * count)))))
        }
        try model.setObjective(.maximize, LinearExpression(variables.map { ($0, Double(random.int(in: 1...30))) }))
        return (model, variables)
    }

    /// The base with `extra` rows appended, as a count scan appends them: a cardinality row
    /// (sometimes infeasible: more than the variables can hold), and rows whose coefficients
    /// change from call to call.
    static func appended(
        _ base: Model, _ variables: [VariableID], step: Int, random: inout SplitMix64
    ) throws -> Model {
        var model = base
        let rows = random.int(in: 0...4)
        for row in 0..<rows {
            switch row {
            case 0:
                let total = Double(random.int(in: 0...(variables.count + 2)))
                _ = try model.addConstraint(
                    name: "awards", LinearExpression(variables.map { ($0, 1.0) }), .exactly(total))
            default:
                let subset = variables.filter { _ in random.int(in: 0...2) == 0 }
                guard !subset.isEmpty else { continue }
                let fraction = Double(random.int(in: 1...9)) / 10
                _ = try model.addConstraint(
                    name: "hull\(row)_\(step)", LinearExpression(subset.map { ($0, fraction) }),
                    .atMost(fraction * Double(random.int(in: 0...subset.count))))
            }
        }
        return model
    }

    @Test("each solve of a sequence has the cold solve's termination and optimum", arguments: Array(0..<12))
    func sameOptimaAsColdSolves(seed: Int) throws {
        let (base, variables) = try Self.base(count: 8 + seed % 9, seed: UInt64(700 + seed))
        var random = SplitMix64(seed: UInt64(9_000 + seed))
        var models = try (0..<15).map { step in
            step == 0 ? base : try Self.appended(base, variables, step: step, random: &random)
        }
        // One LP is infeasible for sure (more awards than variables), and the next ones must
        // recover from the basis it left.
        var infeasible = base
        _ = try infeasible.addConstraint(
            name: "awards", LinearExpression(variables.map { ($0, 1.0) }), .exactly(Double(variables.count + 1)))
        models[7] = infeasible
        let cold = try models.map { try GLPKSolver.solve($0) }
        let warm = try GLPKSolver.withWarmStarts(base: base) { sequence in
            try models.map { try sequence.solve($0) }
        }
        #expect(cold.contains { $0.termination == .infeasible }, "the sequence should include infeasible LPs")
        for (index, (cold, warm)) in zip(cold, warm).enumerated() {
            #expect(warm.termination == cold.termination, "LP \(index)")
            guard cold.termination == .optimal, let expected = cold.objectiveValue else { continue }
            let value = try #require(warm.objectiveValue)
            #expect(abs(value - expected) <= 1e-7 * max(1, abs(expected)), "LP \(index)")
            #expect(warm.values.count == variables.count && warm.reducedCosts.count == variables.count)
            // The warm point is feasible for this LP and attains its value.
            let model = models[index]
            for constraint in model.allConstraints {
                let activity = constraint.expression.value(at: warm.values)
                if let lower = constraint.bound.lower { #expect(activity >= lower - 1e-7, "LP \(index)") }
                if let upper = constraint.bound.upper { #expect(activity <= upper + 1e-7, "LP \(index)") }
            }
            #expect(abs(model.objective.expression.value(at: warm.values) - expected) <= 1e-6 * max(1, abs(expected)))
        }
    }

    @Test("other solves inside the scope leave the sequence working (nested GLPK scopes)")
    func nestedSolves() throws {
        let (base, variables) = try Self.base(count: 10, seed: 42)
        var random = SplitMix64(seed: 43)
        let models = try (0..<6).map { try Self.appended(base, variables, step: $0, random: &random) }
        let knapsack = try Knapsack.twelveItems.model().model
        let expected = try models.map { try GLPKSolver.solve($0).objectiveValue }
        let (values, inner) = try GLPKSolver.withWarmStarts(base: base) { sequence in
            var values: [Double?] = []
            var inner: [Double?] = []
            for model in models {
                values.append(try sequence.solve(model).objectiveValue)
                // A MIP solved on the same thread between two LPs of the sequence.
                inner.append(try GLPKSolver.solve(knapsack).objectiveValue)
            }
            return (values, inner)
        }
        for (value, expected) in zip(values, expected) {
            #expect((value == nil) == (expected == nil))
            if let value, let expected { #expect(abs(value - expected) < 1e-7 * max(1, abs(expected))) }
        }
        #expect(inner.allSatisfy { $0 == Knapsack.twelveItems.bruteForce().value })
        // And a solve after the scope, on the same thread, still works.
        #expect(try GLPKSolver.solve(knapsack).objectiveValue == Knapsack.twelveItems.bruteForce().value)
    }

    @Test("a model that is not the base with rows appended is refused, not solved")
    func refusesOtherModels() throws {
        let (base, _) = try Self.base(count: 6, seed: 5)
        let (other, _) = try Self.base(count: 7, seed: 6)
        let mip = try Knapsack.twelveItems.model().model
        try GLPKSolver.withWarmStarts(base: base) { sequence in
            #expect(throws: ModelError.self) { try sequence.solve(other) }
            #expect(throws: ModelError.self) { try sequence.solve(mip) }
            let result = try sequence.solve(base)
            #expect(result.termination == .optimal)
        }
        #expect(throws: ModelError.self) { try GLPKSolver.withWarmStarts(base: mip) { _ in } }
    }

    @Test("the relaxation copy equals the model rebuilt with continuous variables")
    func relaxationCopy() throws {
        var model = try Knapsack.random(count: 9, seed: 3).model().model
        let extra = try model.addVariable(name: "n", kind: .integer, lowerBound: -2.5, upperBound: 7.5)
        _ = try model.addConstraint(name: "link", LinearExpression([(extra, 1)], constant: 2), .atLeast(1))
        let relaxed = model.relaxation(named: "knapsack_lp")
        var rebuilt = Model(name: "knapsack_lp")
        for variable in model.allVariables {
            _ = try rebuilt.addVariable(
                name: variable.name, kind: .continuous, lowerBound: variable.lowerBound,
                upperBound: variable.upperBound)
        }
        for constraint in model.allConstraints {
            _ = try rebuilt.addConstraint(name: constraint.name, constraint.expression, constraint.bound)
        }
        try rebuilt.setObjective(model.objective.sense, model.objective.expression)
        #expect(!relaxed.isMixedInteger && model.isMixedInteger)
        #expect(relaxed.name == rebuilt.name)
        #expect(relaxed.allVariables == rebuilt.allVariables)
        #expect(relaxed.allConstraints == rebuilt.allConstraints)
        #expect(relaxed.objective == rebuilt.objective)
        // Names stay taken in the copy, as in the original.
        var copy = relaxed
        #expect(throws: ModelError.self) { _ = try copy.addVariable(name: "n", kind: .continuous) }
        #expect(throws: ModelError.self) {
            _ = try copy.addConstraint(name: "capacity", LinearExpression([(extra, 1)]), .atMost(1))
        }
        let cold = try GLPKSolver.solve(relaxed)
        #expect(cold.termination == .optimal)
        #expect(cold.objectiveValue == (try GLPKSolver.solve(rebuilt)).objectiveValue)
    }
}
