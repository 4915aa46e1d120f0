import Testing

@testable import LinearProgramming

@Suite("Model building")
struct ModelTests {
    @Test("ids are sequential and kinds normalise bounds")
    func variables() throws {
        var model = Model(name: "m")
        let x = try model.addVariable(name: "x", kind: .continuous, lowerBound: nil, upperBound: 2.5)
        let b = try model.addVariable(name: "b", kind: .binary, lowerBound: -3, upperBound: 7)
        let n = try model.addVariable(name: "n", kind: .integer, lowerBound: 0.5, upperBound: 3.7)
        let m = try model.addVariable(name: "m", kind: .integer, lowerBound: -2.5, upperBound: nil)

        #expect([x, b, n, m].map(\.index) == [0, 1, 2, 3])
        #expect(x < b && b < n)
        #expect(model.variableCount == 4)
        #expect(model.variable(x) == Variable(name: "x", kind: .continuous, lowerBound: nil, upperBound: 2.5))
        #expect(model.variable(b) == Variable(name: "b", kind: .binary, lowerBound: 0, upperBound: 1))
        #expect(model.variable(n) == Variable(name: "n", kind: .integer, lowerBound: 1, upperBound: 3))
        #expect(model.variable(m) == Variable(name: "m", kind: .integer, lowerBound: -2, upperBound: nil))
        #expect(model.isMixedInteger)
    }

    @Test(
        "binary bounds are intersected with [0, 1]",
        arguments: [
            (Double?.some(0), Double?.some(0), 0.0, 0.0),
            (nil, nil, 0, 1),
            (1, nil, 1, 1),
            (0.5, 0.7, 1, 0),
            (-5, 0.99, 0, 0),
            (0.2, 3, 1, 1),
        ])
    func binaryBounds(lower: Double?, upper: Double?, expectedLower: Double, expectedUpper: Double) throws {
        var model = Model(name: "m")
        if expectedLower > expectedUpper {
            #expect(
                throws: ModelError(
                    .emptyIntegerDomain, "binary variable \"b\" has bounds 0.5...0.7 admitting no 0 or 1")
            ) {
                _ = try model.addVariable(name: "b", kind: .binary, lowerBound: lower, upperBound: upper)
            }
            return
        }
        let b = try model.addVariable(name: "b", kind: .binary, lowerBound: lower, upperBound: upper)
        #expect(model.variable(b).lowerBound == expectedLower)
        #expect(model.variable(b).upperBound == expectedUpper)
    }

    @Test("a binary with upper bound 0 is switched off in the solve")
    func binaryFixedAtZero() throws {
        var model = Model(name: "m")
        let on = try model.addVariable(name: "on", kind: .binary)
        let off = try model.addVariable(name: "off", kind: .binary, upperBound: 0)
        try model.setObjective(.maximize, LinearExpression([(on, 1), (off, 5)]))
        for presolve in [true, false] {
            let result = try GLPKSolver.solve(model, options: .init(presolve: presolve))
            #expect(result.values == [1, 0])
            #expect(result.objectiveValue == 1)
        }
    }

    @Test("a model of continuous variables is not mixed-integer")
    func pureLP() throws {
        var model = Model(name: "lp")
        _ = try model.addVariable(name: "x", kind: .continuous)
        #expect(!model.isMixedInteger)
        #expect(!Model(name: "empty").isMixedInteger)
    }

    @Test(
        "the expression's constant moves into the bound",
        arguments: [
            (ConstraintBound.atMost(5), ConstraintBound.atMost(3)),
            (.atLeast(5), .atLeast(3)),
            (.exactly(5), .exactly(3)),
            (.between(-1, 5), .between(-3, 3)),
        ])
    func constantMovesIntoBound(bound: ConstraintBound, expected: ConstraintBound) throws {
        var model = Model(name: "m")
        let x = try model.addVariable(name: "x", kind: .continuous)
        let id = try model.addConstraint(name: "c", LinearExpression([(x, 1)], constant: 2), bound)
        let stored = model.constraint(id)
        #expect(stored.bound == expected)
        #expect(stored.expression == LinearExpression([(x, 1)]))
        #expect(stored.name == "c")
        #expect(id.index == 0)
        #expect(model.constraintCount == 1)
    }

    @Test("the objective is stored and defaults to minimising zero")
    func objective() throws {
        var model = Model(name: "m")
        #expect(model.objective.sense == .minimize)
        #expect(model.objective.expression == LinearExpression())
        let x = try model.addVariable(name: "x", kind: .continuous)
        try model.setObjective(.maximize, LinearExpression([(x, 2)], constant: 1))
        #expect(model.objective == Objective(sense: .maximize, expression: LinearExpression([(x, 2)], constant: 1)))
    }

    @Test("a variable and a constraint may share a name; a 255-byte name is fine")
    func namesAcrossKinds() throws {
        var model = Model(name: "m")
        let long = String(repeating: "n", count: 255)
        let x = try model.addVariable(name: long, kind: .continuous)
        _ = try model.addConstraint(name: long, LinearExpression([(x, 1)]), .atMost(1))
        _ = try model.addConstraint(
            name: "punctuation!#$%&()*+,-./:;<=>?@[]^_`{|}~", LinearExpression([(x, 1)]), .atLeast(0))
        #expect(model.constraintCount == 2)
    }
}
