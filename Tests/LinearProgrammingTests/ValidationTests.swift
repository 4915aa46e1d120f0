import Testing

@testable import LinearProgramming

/// Every bad value must come back as a `ModelError`, never reach GLPK (which would abort).
@Suite("Validation")
struct ValidationTests {
    static let badNames = [
        "", "has space", String(repeating: "a", count: 256), "tab\there", "new\nline", "caf\u{E9}",
        "bell\u{07}", "del\u{7F}", "nul\u{0}byte", "\u{1F600}",
    ]

    @Test("bad variable names", arguments: badNames)
    func badVariableName(name: String) {
        var model = Model(name: "m")
        #expect(throws: ModelError.self) { _ = try model.addVariable(name: name, kind: .continuous) }
        #expect(code { _ = try model.addVariable(name: name, kind: .continuous) } == .invalidName)
        #expect(model.variableCount == 0)
    }

    @Test("bad constraint names", arguments: badNames + ["R0000000"])
    func badConstraintName(name: String) throws {
        var model = Model(name: "m")
        let x = try model.addVariable(name: "x", kind: .continuous)
        #expect(
            code { _ = try model.addConstraint(name: name, LinearExpression([(x, 1)]), .atMost(1)) } == .invalidName)
        #expect(model.constraintCount == 0)
    }

    @Test("duplicate names")
    func duplicates() throws {
        var model = Model(name: "m")
        let x = try model.addVariable(name: "x", kind: .continuous)
        _ = try model.addConstraint(name: "c", LinearExpression([(x, 1)]), .atMost(1))
        #expect(code { _ = try model.addVariable(name: "x", kind: .integer) } == .duplicateName)
        #expect(
            code { _ = try model.addConstraint(name: "c", LinearExpression([(x, 2)]), .atLeast(0)) } == .duplicateName)
        #expect(model.variableCount == 1 && model.constraintCount == 1)
    }

    static let nonFinite: [Double] = [.nan, .infinity, -.infinity, .signalingNaN]

    @Test("non-finite variable bounds", arguments: nonFinite)
    func nonFiniteVariableBounds(value: Double) {
        var model = Model(name: "m")
        for kind in VariableKind.allCases {
            #expect(code { _ = try model.addVariable(name: "l", kind: kind, lowerBound: value) } == .nonFiniteValue)
            #expect(code { _ = try model.addVariable(name: "u", kind: kind, upperBound: value) } == .nonFiniteValue)
        }
        #expect(model.variableCount == 0)
    }

    @Test("non-finite coefficients, constants and bounds in constraints", arguments: nonFinite)
    func nonFiniteConstraintValues(value: Double) throws {
        var model = Model(name: "m")
        let x = try model.addVariable(name: "x", kind: .continuous)
        let y = try model.addVariable(name: "y", kind: .integer)
        let good = LinearExpression([(x, 1), (y, 1)])
        let cases: [(LinearExpression, ConstraintBound)] = [
            (LinearExpression([(x, 1), (y, value)]), .atMost(1)),
            (LinearExpression([(x, 1)], constant: value), .atMost(1)),
            (good, .atMost(value)),
            (good, .atLeast(value)),
            (good, .exactly(value)),
            (good, .between(value, 1)),
            (good, .between(0, value)),
        ]
        for (expression, bound) in cases {
            #expect(code { _ = try model.addConstraint(name: "c", expression, bound) } == .nonFiniteValue)
        }
        #expect(model.constraintCount == 0)
    }

    @Test("a finite constant can overflow the bound it moves into")
    func overflowingShift() throws {
        var model = Model(name: "m")
        let x = try model.addVariable(name: "x", kind: .continuous)
        #expect(
            code {
                _ = try model.addConstraint(name: "c", LinearExpression([(x, 1)], constant: -1.7e308), .atMost(1.7e308))
            } == .nonFiniteValue)
    }

    @Test("non-finite objective coefficients and constant", arguments: nonFinite)
    func nonFiniteObjective(value: Double) throws {
        var model = Model(name: "m")
        let x = try model.addVariable(name: "x", kind: .continuous)
        #expect(code { try model.setObjective(.minimize, LinearExpression([(x, value)])) } == .nonFiniteValue)
        #expect(
            code { try model.setObjective(.maximize, LinearExpression([(x, 1)], constant: value)) } == .nonFiniteValue)
        #expect(model.objective.expression == LinearExpression())
    }

    @Test("lower above upper")
    func invertedBounds() throws {
        var model = Model(name: "m")
        #expect(
            code { _ = try model.addVariable(name: "x", kind: .continuous, lowerBound: 2, upperBound: 1) }
                == .invalidBounds)
        #expect(
            code { _ = try model.addVariable(name: "n", kind: .integer, lowerBound: 3, upperBound: -3) }
                == .invalidBounds)
        #expect(
            code { _ = try model.addVariable(name: "n", kind: .integer, lowerBound: 0.2, upperBound: 0.8) }
                == .emptyIntegerDomain)
        #expect(
            code { _ = try model.addVariable(name: "b", kind: .binary, lowerBound: 2, upperBound: 3) }
                == .emptyIntegerDomain)
        #expect(
            code { _ = try model.addVariable(name: "b", kind: .binary, lowerBound: 1, upperBound: 0) } == .invalidBounds
        )
        let x = try model.addVariable(name: "ok", kind: .continuous, lowerBound: 1, upperBound: 1)
        #expect(
            code { _ = try model.addConstraint(name: "c", LinearExpression([(x, 1)]), .between(2, 1)) }
                == .invalidBounds)
        #expect(model.variableCount == 1 && model.constraintCount == 0)
    }

    @Test("variable ids from another model")
    func foreignVariable() throws {
        var big = Model(name: "big")
        _ = try big.addVariable(name: "a", kind: .continuous)
        let foreign = try big.addVariable(name: "b", kind: .continuous)
        var small = Model(name: "small")
        let x = try small.addVariable(name: "x", kind: .continuous)
        #expect(
            code { _ = try small.addConstraint(name: "c", LinearExpression([(x, 1), (foreign, 1)]), .atMost(1)) }
                == .unknownVariable)
        #expect(code { try small.setObjective(.minimize, LinearExpression([(foreign, 1)])) } == .unknownVariable)
        #expect(small.constraintCount == 0)
    }

    @Test("messages name the offending element")
    func messages() throws {
        var model = Model(name: "m")
        let x = try model.addVariable(name: "seats", kind: .continuous)
        let error = try #require(throws: ModelError.self) {
            _ = try model.addConstraint(name: "budget", LinearExpression([(x, .nan)]), .atMost(1))
        }
        #expect(error.message.contains("seats"))
        #expect(error.message.contains("budget"))
        #expect(error.description == error.message)
    }

    // MARK: Options

    static let badOptions: [SolverOptions] = [
        .init(timeLimitSeconds: .nan),
        .init(timeLimitSeconds: -1),
        .init(timeLimitSeconds: .infinity),
        .init(relativeMIPGap: .nan),
        .init(relativeMIPGap: -0.1),
        .init(relativeMIPGap: .infinity),
        .init(initialSolution: [0]),
        .init(initialSolution: [0, 0, 0]),
        .init(initialSolution: [0, .nan]),
        .init(initialSolution: [.infinity, 0]),
    ]

    @Test("bad option values, for an LP and a MIP", arguments: badOptions.indices)
    func badOption(index: Int) throws {
        for kind in [VariableKind.continuous, .integer] {
            var model = Model(name: "m")
            let x = try model.addVariable(name: "x", kind: kind, upperBound: 3)
            _ = try model.addVariable(name: "y", kind: .continuous, upperBound: 3)
            try model.setObjective(.maximize, LinearExpression([(x, 1)]))
            #expect(code { _ = try GLPKSolver.solve(model, options: Self.badOptions[index]) } == .invalidOption)
        }
    }

    @Test("edge option values are accepted")
    func edgeOptions() throws {
        var model = Model(name: "m")
        let x = try model.addVariable(name: "x", kind: .integer, upperBound: 3)
        try model.setObjective(.maximize, LinearExpression([(x, 1)]))
        for options in [
            SolverOptions(timeLimitSeconds: 1e300), SolverOptions(timeLimitSeconds: 3600, relativeMIPGap: 1e300),
        ] {
            let result = try GLPKSolver.solve(model, options: options)
            #expect(result.termination == .optimal)
            #expect(result.objectiveValue == 3)
        }
        #expect(SolverOptions.milliseconds(0.2) == 200)
        #expect(SolverOptions.milliseconds(0.0001) == 1)
        #expect(SolverOptions.milliseconds(0) == 0)
        #expect(SolverOptions.milliseconds(-5) == 0)
        #expect(SolverOptions.milliseconds(1e12) == Int32.max)
    }

    /// The code of the `ModelError` thrown by `body`, or `nil` if it does not throw one.
    private func code(_ body: () throws -> Void) -> ModelError.Code? {
        do {
            try body()
            return nil
        } catch let error as ModelError {
            return error.code
        } catch {
            return nil
        }
    }
}
