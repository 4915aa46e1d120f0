import Testing

@testable import LinearProgramming

/// A tiny deterministic generator so every "random" instance is the same on every run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}

/// A 0/1 knapsack instance with its optimum found by enumerating every subset.
struct Knapsack: Sendable, CustomTestStringConvertible {
    let weights: [Double]
    let values: [Double]
    let capacity: Double

    var testDescription: String { "knapsack(\(weights.count) items, capacity \(capacity))" }

    static let twelveItems = Knapsack(
        weights: [23, 31, 29, 44, 53, 38, 63, 85, 89, 82, 17, 41],
        values: [92, 57, 49, 68, 60, 43, 67, 84, 87, 72, 35, 51],
        capacity: 165)

    /// A random instance with `count` items (count ≤ 20 keeps brute force instant).
    static func random(count: Int, seed: UInt64) -> Knapsack {
        var random = SplitMix64(seed: seed)
        let weights = (0..<count).map { _ in Double(random.int(in: 5...60)) }
        let values = weights.map { $0 + Double(random.int(in: 1...30)) }
        return Knapsack(weights: weights, values: values, capacity: (weights.reduce(0, +) / 2).rounded(.down))
    }

    func model(name: String = "knapsack") throws -> (model: Model, items: [VariableID]) {
        var model = Model(name: name)
        let items = try weights.indices.map { try model.addVariable(name: "take_\($0)", kind: .binary) }
        _ = try model.addConstraint(
            name: "capacity",
            LinearExpression(zip(items, weights).map { ($0, $1) }),
            .atMost(capacity))
        try model.setObjective(.maximize, LinearExpression(zip(items, values).map { ($0, $1) }))
        return (model, items)
    }

    /// Exhaustive optimum: value and the chosen items.
    func bruteForce() -> (value: Double, choice: [Double]) {
        precondition(weights.count <= 22)
        var best = (value: -1.0, mask: 0)
        for mask in 0..<(1 << weights.count) {
            var weight = 0.0
            var value = 0.0
            for item in weights.indices where mask & (1 << item) != 0 {
                weight += weights[item]
                value += values[item]
            }
            if weight <= capacity, value > best.value {
                best = (value, mask)
            }
        }
        return (best.value, weights.indices.map { best.mask & (1 << $0) != 0 ? 1 : 0 })
    }
}

enum Fixtures {
    /// max 3x + 5y  s.t.  x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18, x, y ≥ 0   — optimum 36 at (2, 6).
    static func productionLP() throws -> (model: Model, x: VariableID, y: VariableID) {
        var model = Model(name: "production")
        let x = try model.addVariable(name: "x", kind: .continuous)
        let y = try model.addVariable(name: "y", kind: .continuous)
        _ = try model.addConstraint(name: "plant1", LinearExpression([(x, 1)]), .atMost(4))
        _ = try model.addConstraint(name: "plant2", LinearExpression([(y, 2)]), .atMost(12))
        _ = try model.addConstraint(name: "plant3", LinearExpression([(x, 3), (y, 2)]), .atMost(18))
        try model.setObjective(.maximize, LinearExpression([(x, 3), (y, 5)]))
        return (model, x, y)
    }

    /// A market-split style instance (Cornuéjols–Dawande) with slack variables: `rows`
    /// equalities Σ a_ij x_j + s⁺_i − s⁻_i = d_i over `columns` binaries, minimising total slack.
    /// All a_ij are even and every d_i is odd, so no solution has zero slack, while the LP
    /// relaxation reaches 0: the bound stays at 0 and branch and bound cannot close the gap
    /// quickly. x = 0 with slack is always feasible, so GLPK finds incumbents early.
    static func marketSplit(rows: Int = 6, columns: Int = 50, seed: UInt64 = 7) throws -> Model {
        var random = SplitMix64(seed: seed)
        var model = Model(name: "market-split")
        let x = try (0..<columns).map { try model.addVariable(name: "x\($0)", kind: .binary) }
        var objective = LinearExpression()
        for row in 0..<rows {
            let coefficients = (0..<columns).map { _ in Double(2 * random.int(in: 0...49)) }
            let total = coefficients.reduce(0, +)
            var target = (total / 2).rounded(.down)
            if target.truncatingRemainder(dividingBy: 2) == 0 { target += 1 }
            let surplus = try model.addVariable(name: "over\(row)", kind: .continuous)
            let shortfall = try model.addVariable(name: "under\(row)", kind: .continuous)
            var expression = LinearExpression(zip(x, coefficients).map { ($0, $1) })
            expression.add(1, surplus)
            expression.add(-1, shortfall)
            _ = try model.addConstraint(name: "split\(row)", expression, .exactly(target))
            objective.add(1, surplus)
            objective.add(1, shortfall)
        }
        try model.setObjective(.minimize, objective)
        return model
    }
}

/// Approximate equality for solver output.
func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}
