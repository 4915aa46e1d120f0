/// A sum of coefficient × variable terms plus a constant.
///
/// Kept canonical (one coefficient per variable, no zeros, terms read back sorted by variable)
/// because GLPK aborts the process on a row with duplicate column indices, and because a
/// canonical form makes two expressions that mean the same thing compare equal.
///
/// Coefficients are not validated here: an expression is a plain value that may be built up
/// in any order. Non-finite coefficients and unknown variables are rejected when the
/// expression is handed to a ``Model``.
public struct LinearExpression: Sendable, Equatable {
    /// Merged, zero-free coefficients; sorted on read.
    private var coefficients: [VariableID: Double] = [:]

    /// The constant term.
    public private(set) var constant: Double = 0

    /// The zero expression.
    public init() {}

    /// An expression from terms (duplicates are merged) and a constant.
    public init(_ terms: [(VariableID, Double)], constant: Double = 0) {
        for (variable, coefficient) in terms {
            add(coefficient, variable)
        }
        self.constant = constant
    }

    /// Adds `coefficient × variable`, merging with any existing term for the same variable
    /// and dropping the term if the coefficients cancel to exactly zero.
    public mutating func add(_ coefficient: Double, _ variable: VariableID) {
        let merged = coefficients[variable, default: 0] + coefficient
        coefficients[variable] = merged == 0 ? nil : merged
    }

    /// Adds to the constant term.
    public mutating func add(constant: Double) {
        self.constant += constant
    }

    /// The terms in canonical order: sorted by variable, one per variable, no zero coefficients.
    public var terms: [(variable: VariableID, coefficient: Double)] {
        coefficients
            .sorted { $0.key < $1.key }
            .map { (variable: $0.key, coefficient: $0.value) }
    }

    /// Number of (non-zero) terms.
    public var termCount: Int { coefficients.count }

    /// The coefficient of `variable` (0 when absent).
    public func coefficient(of variable: VariableID) -> Double {
        coefficients[variable, default: 0]
    }

    /// Value of the expression at a point given as one value per variable index.
    /// Sums in canonical order so the result does not depend on dictionary ordering.
    func value(at point: [Double]) -> Double {
        terms.reduce(constant) { $0 + $1.coefficient * point[$1.variable.index] }
    }

    /// The expression without its constant term.
    var withoutConstant: LinearExpression {
        var copy = self
        copy.constant = 0
        return copy
    }
}
