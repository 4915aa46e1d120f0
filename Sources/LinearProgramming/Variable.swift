/// Identifies a decision variable by its position in the model that created it.
///
/// An index rather than a name because GLPK numbers columns 1...n in creation order and
/// returns solutions as arrays in that same order: the index *is* the join key between the
/// model and ``SolveResult/values`` (`values[id.index]`). Ids are only handed out by
/// ``Model/addVariable(name:kind:lowerBound:upperBound:)``; a model rejects ids beyond its
/// own variable count, so an id from a larger model cannot reach GLPK.
public struct VariableID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 0-based position in order of creation.
    public let index: Int

    init(index: Int) {
        self.index = index
    }

    public static func < (lhs: VariableID, rhs: VariableID) -> Bool {
        lhs.index < rhs.index
    }

    public var description: String { "VariableID(\(index))" }
}

/// The domain of a variable.
public enum VariableKind: Sendable, Equatable, Hashable, CaseIterable {
    /// Any real number within the bounds.
    case continuous
    /// Any integer within the bounds (bounds are rounded inward when the variable is added).
    case integer
    /// 0 or 1: an integer variable whose bounds are intersected with [0, 1].
    case binary

    /// Whether the branch-and-bound search has to enforce integrality for this kind.
    public var isInteger: Bool { self != .continuous }
}

/// A variable as the model stores it, after validation and bound normalisation.
///
/// The bounds are the ones GLPK will see: integer and binary variables report their bounds
/// rounded inward (binary ones also clipped to [0, 1]), so what you read back is what gets
/// solved and exported.
public struct Variable: Sendable, Equatable {
    public let name: String
    public let kind: VariableKind
    /// `nil` means unbounded below.
    public let lowerBound: Double?
    /// `nil` means unbounded above.
    public let upperBound: Double?
}
