import Testing

@testable import LinearProgramming

@Suite("LinearExpression")
struct LinearExpressionTests {
    private let ids = (0..<4).map { VariableID(index: $0) }

    @Test("merges duplicates, drops zeros, sorts by variable")
    func canonicalForm() {
        var expression = LinearExpression([(ids[2], 1.5), (ids[0], 2), (ids[2], 0.5), (ids[3], 4)], constant: 3)
        expression.add(-4, ids[3])
        expression.add(0, ids[1])
        expression.add(constant: -1)

        #expect(expression.terms.map(\.variable) == [ids[0], ids[2]])
        #expect(expression.terms.map(\.coefficient) == [2, 2])
        #expect(expression.constant == 2)
        #expect(expression.termCount == 2)
        #expect(expression.coefficient(of: ids[3]) == 0)
    }

    @Test("equality ignores the order terms were added in")
    func equality() {
        let a = LinearExpression([(ids[0], 1), (ids[1], 2)], constant: 5)
        var b = LinearExpression()
        b.add(1.5, ids[1])
        b.add(1, ids[0])
        b.add(0.5, ids[1])
        b.add(constant: 5)
        #expect(a == b)
        #expect(LinearExpression() == LinearExpression([], constant: 0))
        #expect(a != LinearExpression([(ids[0], 1), (ids[1], 2)], constant: 4))
    }

    @Test("value at a point includes the constant")
    func value() {
        let expression = LinearExpression([(ids[0], 2), (ids[3], -1)], constant: 0.5)
        #expect(expression.value(at: [1, 100, 100, 3]) == -0.5)
    }
}
