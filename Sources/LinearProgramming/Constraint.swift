/// Identifies a constraint (a GLPK row) by its position in the model that created it.
///
/// Same reasoning as ``VariableID``: GLPK numbers rows in creation order, so the position is
/// the stable key; names exist for people and for the exported file.
public struct ConstraintID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 0-based position in order of creation.
    public let index: Int

    init(index: Int) {
        self.index = index
    }

    public static func < (lhs: ConstraintID, rhs: ConstraintID) -> Bool {
        lhs.index < rhs.index
    }

    public var description: String { "ConstraintID(\(index))" }
}

/// The admissible range of a constraint's linear expression.
///
/// One enum instead of a pair of optional doubles so that "no bound at all" (a free row, which
/// is almost always a modelling mistake) cannot be written, and so that equality is explicit
/// rather than an accident of two equal doubles.
public enum ConstraintBound: Sendable, Equatable {
    /// expression ≤ value
    case atMost(Double)
    /// expression ≥ value
    case atLeast(Double)
    /// expression = value
    case exactly(Double)
    /// lower ≤ expression ≤ upper (requires lower ≤ upper)
    case between(Double, Double)

    /// The lower end of the range, `nil` when unbounded below.
    public var lower: Double? {
        switch self {
        case .atMost: nil
        case .atLeast(let value), .exactly(let value): value
        case .between(let lower, _): lower
        }
    }

    /// The upper end of the range, `nil` when unbounded above.
    public var upper: Double? {
        switch self {
        case .atLeast: nil
        case .atMost(let value), .exactly(let value): value
        case .between(_, let upper): upper
        }
    }

    /// The same range for `expression - offset`: how a constant in the expression is moved
    /// into the bound, since GLPK rows carry no constant term.
    func shifted(by offset: Double) -> ConstraintBound {
        switch self {
        case .atMost(let value): .atMost(value - offset)
        case .atLeast(let value): .atLeast(value - offset)
        case .exactly(let value): .exactly(value - offset)
        case .between(let lower, let upper): .between(lower - offset, upper - offset)
        }
    }
}

/// A constraint as the model stores it: the expression has no constant (it was moved into
/// ``bound``), so this is exactly the row GLPK sees and writes.
public struct Constraint: Sendable, Equatable {
    public let name: String
    public let expression: LinearExpression
    public let bound: ConstraintBound
}
