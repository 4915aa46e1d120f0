/// Why the module refused an input: a model element, a solver option, or an export.
///
/// GLPK does not report bad arguments, it calls `abort()` and takes the whole process with it.
/// So every value is checked in Swift before GLPK can see it, and a refusal is an ordinary,
/// catchable error whose message names the offending variable, constraint or option.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem, for programmatic handling; the message is for people.
    public enum Code: Sendable, Equatable, Hashable, CaseIterable {
        /// Empty, longer than 255 bytes, not printable ASCII, contains a space, or reserved.
        case invalidName
        /// Another variable (or another constraint) already has this name.
        case duplicateName
        /// NaN or ±infinity where a finite number is required (use `nil` for "no bound").
        case nonFiniteValue
        /// A lower bound above its upper bound.
        case invalidBounds
        /// An integer variable whose bounds contain no integer.
        case emptyIntegerDomain
        /// A variable id that does not belong to this model.
        case unknownVariable
        /// More rows, columns or non-zeros than GLPK can hold.
        case modelTooLarge
        /// A ``SolverOptions`` value that is out of range or does not fit the model.
        case invalidOption
        /// Writing or reading back an exported model file failed.
        case exportFailed
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
