import Foundation

/// File formats GLPK can write a model in.
public enum ModelExportFormat: String, Sendable, CaseIterable {
    /// Free MPS (`glp_write_mps` with `GLP_MPS_FILE`). Names are written verbatim; the objective
    /// row is always called `R0000000`; integer columns sit between `MARKER` lines. GLPK writes
    /// no objective sense, and readers then minimise; so the export adds the `OBJSENSE` section
    /// (`MAX` or `MIN`, read by HiGHS, SCIP, CPLEX and Gurobi) after the `NAME` record, and a
    /// `* Sense:` comment among GLPK's header comments for people. GLPK's own MPS reader
    /// refuses the `OBJSENSE` section: `withoutObjectiveSense` removes it for GLPK.
    case mps
    /// CPLEX LP (`glp_write_lp`). GLPK adapts names to the format: `-` becomes `~`, `[` and `]`
    /// become `(` and `)`, and a name that still is not valid LP (leading digit or `.`, or
    /// characters such as `+ * : < = > ^`) is replaced by `r_<row>` / `x_<column>`. The objective
    /// constant appears only as a comment, and binaries are listed under `Generals` with 0..1 bounds.
    /// GLPK writes no LP model without constraints or without variables, so exporting one throws.
    case lp
}

extension Model {
    /// The model as GLPK writes it, so a published model is the one that was solved.
    ///
    /// GLPK only writes to files, so this goes through a uniquely named temporary file that is
    /// read back and removed on every path. Throws ``ModelError`` (``ModelError/Code/exportFailed``)
    /// if writing or reading fails, or for MPS when GLPK's writer would abort (see below).
    public func export(_ format: ModelExportFormat) throws(ModelError) -> String {
        try checkWritable(as: format)
        let text = try TemporaryFile.with(extension: format.rawValue) { (path: String) throws(ModelError) -> String in
            let code = GLPKProblem.withProblem(for: self) { $0.write(format, toPath: path) }
            guard code == 0 else {
                throw ModelError(
                    .exportFailed,
                    "GLPK could not write model \(Validation.quoted(name)) as \(format.rawValue) to \(path) (return code \(code))"
                )
            }
            do {
                return try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ModelError(
                    .exportFailed,
                    "could not read back the \(format.rawValue) file for model \(Validation.quoted(name)): \(error)")
            }
        }
        return format == .mps ? Self.addingSenseComment(to: text, objective.sense) : text
    }

    /// Refuses the two cases where GLPK's writers cannot produce the model (found by exhaustive
    /// small-model testing of GLPK 5.0):
    /// - CPLEX LP without rows or without columns: `glp_write_lp` writes only a
    ///   "PROBLEM HAS NO ROWS/COLUMNS" comment, silently dropping the model.
    /// - MPS without rows when some variable is in no row and not in the objective: the writer
    ///   lists it as an "empty column" against row 1 and asserts (aborting the process) when
    ///   there is no row 1.
    private func checkWritable(as format: ModelExportFormat) throws(ModelError) {
        switch format {
        case .lp:
            if constraintCount == 0 || variableCount == 0 {
                throw ModelError(
                    .exportFailed,
                    "model \(Validation.quoted(name)) has \(variableCount) variables and \(constraintCount) constraints; GLPK writes CPLEX LP only for models with at least one of each"
                )
            }
        case .mps:
            guard constraintCount == 0 else { return }
            let objective = objective.expression
            if let empty = allVariables.indices.first(where: { objective.coefficient(of: VariableID(index: $0)) == 0 })
            {
                throw ModelError(
                    .exportFailed,
                    "model \(Validation.quoted(name)) has no constraints and variable \(Validation.quoted(allVariables[empty].name)) is not in the objective; GLPK's MPS writer aborts on such an empty column"
                )
            }
        }
    }

    /// Inserts `* Sense: ...` after GLPK's header comments (before the `NAME` record) and the
    /// `OBJSENSE` section after the `NAME` record.
    private static func addingSenseComment(to mps: String, _ sense: ObjectiveSense) -> String {
        let comment = "* Sense:      \(sense == .minimize ? "minimize" : "maximize")\n"
        let section = "OBJSENSE\n    \(sense == .minimize ? "MIN" : "MAX")\n"
        var text = mps
        if let nameRecord = text.range(of: "\nNAME"),
            let end = text[nameRecord.upperBound...].firstIndex(of: "\n")
        {
            text.insert(contentsOf: section, at: text.index(after: end))
            text.insert(contentsOf: comment, at: text.index(after: nameRecord.lowerBound))
            return text
        }
        return comment + section + text
    }

    /// The MPS text without its `OBJSENSE` section, for GLPK's reader (which refuses it).
    public static func withoutObjectiveSense(_ mps: String) -> String {
        var lines = mps.split(separator: "\n", omittingEmptySubsequences: false)
        if let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "OBJSENSE" }) {
            let next = lines.index(after: index)
            let hasValue = next < lines.endIndex && lines[next].first == " "
            lines.removeSubrange(index..<(hasValue ? next + 1 : next))
        }
        return lines.joined(separator: "\n")
    }
}

/// What GLPK's own reader finds in an exported text; lets tests prove the text parses.
struct GLPKReadBack: Equatable, Sendable {
    var rows: Int
    var columns: Int
    var nonZeros: Int
    var integerColumns: Int
    var maximize: Bool
    var rowNames: [String]
    var columnNames: [String]

    /// Reads `text` with `glp_read_mps` / `glp_read_lp`; `nil` if GLPK rejects it.
    static func read(_ text: String, as format: ModelExportFormat) -> GLPKReadBack? {
        TemporaryFile.with(extension: format.rawValue) { (path: String) -> GLPKReadBack? in
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { return nil }
            return GLPKProblem.read(format, fromPath: path)
        }
    }
}

/// A unique path in the temporary directory, removed after `body` on every path. GLPK reads
/// and writes models only through file names, so this is how text crosses into and out of it.
enum TemporaryFile {
    static func with<Result, Failure: Error>(
        extension fileExtension: String,
        _ body: (String) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let fileManager = FileManager.default
        let url = fileManager.temporaryDirectory
            .appendingPathComponent("LinearProgramming-\(UUID().uuidString).\(fileExtension)")
        defer { try? fileManager.removeItem(at: url) }
        return try body(url.path)
    }
}
