/// Typed access to the records of a CSV table whose header was checked against a schema.
///
/// Every accessor records a problem (with the record's line and the column name) instead
/// of throwing, so one pass reports everything wrong with the file.
struct CSVRows {
    let table: CSVTable
    private let index: [String: Int]
    /// Names of the `x_` columns, in header order.
    let extensionColumns: [String]

    /// Checks the header: every required column present, no column twice, and no unknown
    /// column unless its name starts with `x_` (so a misspelt column is never ignored).
    init?(table: CSVTable, required: [String], optional: [String] = [], problems: inout ProblemCollector) {
        self.table = table
        var index: [String: Int] = [:]
        var extensions: [String] = []
        var ok = true
        let known = Set(required + optional)
        for (position, name) in table.header.enumerated() {
            if index[name] != nil {
                problems.report(line: table.headerLine, column: name, "the column appears twice in the header")
                ok = false
                continue
            }
            index[name] = position
            if name.hasPrefix("x_") {
                extensions.append(name)
            } else if !known.contains(name) {
                let hint = name.isEmpty ? "an empty column name" : "unknown column"
                problems.report(
                    line: table.headerLine, column: name.isEmpty ? "(column \(position + 1))" : name,
                    "\(hint); expected columns are \(required.joined(separator: ", ")) (extra columns must start with x_)"
                )
                ok = false
            }
        }
        for name in required where index[name] == nil {
            problems.report(line: table.headerLine, column: name, "missing required column")
            ok = false
        }
        self.index = index
        self.extensionColumns = extensions
        if !ok { return nil }
    }

    /// The trimmed text of `column` in `record`.
    func text(_ column: String, _ record: CSVTable.Record) -> String {
        guard let position = index[column] else { return "" }
        return record.fields[position].trimmingCharacters(in: " \t")
    }

    func extensions(_ record: CSVTable.Record) -> [String: String] {
        var values: [String: String] = [:]
        for name in extensionColumns { values[name] = record.fields[index[name]!] }
        return values
    }

    /// A non-empty value, or a reported problem.
    func required(_ column: String, _ record: CSVTable.Record, _ problems: inout ProblemCollector) -> String? {
        let value = text(column, record)
        if value.isEmpty {
            problems.report(line: record.line, column: column, "is empty; a value is required")
            return nil
        }
        return value
    }

    /// A required value run through `parse`, or a reported problem.
    func parse<T>(
        _ column: String, _ record: CSVTable.Record, _ problems: inout ProblemCollector,
        _ parse: (String) -> Result<T, ValueProblem>
    ) -> T? {
        guard let value = required(column, record, &problems) else { return nil }
        switch parse(value) {
        case .success(let parsed): return parsed
        case .failure(let problem):
            problems.report(line: record.line, column: column, problem.message)
            return nil
        }
    }
}
