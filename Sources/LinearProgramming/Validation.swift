/// The checks shared by ``Model`` and ``SolverOptions``.
///
/// They exist because GLPK either aborts the process on invalid input (over-long or
/// control-character names, out-of-range indices) or silently computes garbage from it (NaN
/// coefficients flow straight into the simplex). Keeping the rules in one place keeps the
/// "nothing invalid reaches C" guarantee auditable.
enum Validation {
    /// GLPK's hard limit for row, column and problem names.
    static let maximumNameBytes = 255

    /// GLPK's hard limit on rows and on columns (`M_MAX`, `N_MAX`); `glp_add_rows` aborts past it.
    static let maximumRowsOrColumns = 100_000_000

    /// GLPK's hard limit on constraint-matrix non-zeros (`NNZ_MAX`).
    static let maximumNonZeros = 500_000_000

    /// Accepts names that both writers reproduce: non-empty, at most 255 bytes, printable ASCII
    /// (0x21...0x7E) without spaces. Free MPS separates fields by blanks, so a space would split
    /// the name; GLPK aborts on control characters and on names over 255 bytes.
    static func checkName(_ name: String, of role: String) throws(ModelError) {
        if name.isEmpty {
            throw ModelError(.invalidName, "\(role) name must not be empty")
        }
        let bytes = name.utf8
        if bytes.count > maximumNameBytes {
            throw ModelError(
                .invalidName,
                "\(role) name \(quoted(name)) is \(bytes.count) bytes long; GLPK allows at most \(maximumNameBytes)")
        }
        if let bad = bytes.first(where: { !(0x21...0x7E).contains($0) }) {
            let what = bad == 0x20 ? "a space" : "byte 0x\(String(bad, radix: 16, uppercase: true))"
            throw ModelError(
                .invalidName,
                "\(role) name \(quoted(name)) contains \(what); names must be printable ASCII without spaces")
        }
    }

    /// Rejects NaN and ±infinity. Unbounded sides are expressed with `nil`, never with infinity,
    /// so an infinite value is always a computation gone wrong upstream.
    static func checkFinite(_ value: Double, _ what: @autoclosure () -> String) throws(ModelError) {
        guard value.isFinite else {
            throw ModelError(.nonFiniteValue, "\(what()) is \(value); it must be a finite number")
        }
    }

    /// A name as it appears in messages: quoted, escaped, and shortened if very long.
    static func quoted(_ name: String) -> String {
        let shown = name.count > 60 ? String(name.prefix(57)) + "..." : name
        return shown.debugDescription
    }
}
