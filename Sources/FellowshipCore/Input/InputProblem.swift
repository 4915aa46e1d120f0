/// One thing wrong with an input file, located so that a person can find and fix it.
///
/// Rendered as `FILE:LINE: column: problem`. For CSV files `column` is the column name; for
/// JSON files it is the dotted key path (`weights.ldc`); for problems with the file as a
/// whole it is `(file)`.
public struct InputProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: String
    public var message: String

    public init(file: String, line: Int, column: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line): \(column): \(message)" }
}

/// Every problem found in a set of inputs, thrown once after all files were read.
///
/// Nothing is decided or written while any problem exists; listing them all at once spares
/// the secretariat a fix-and-retry loop.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var problems: [InputProblem]

    /// Keeps the files in the order given and, within a file, orders problems by line
    /// (stable, so problems of one line keep the order of the columns).
    public init(_ problems: [InputProblem]) {
        var files: [String] = []
        for problem in problems where !files.contains(problem.file) { files.append(problem.file) }
        self.problems = files.flatMap { file in
            problems.enumerated().filter { $0.element.file == file }
                .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        }
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Collects problems while a file is read, so a reader can go on after the first one.
struct ProblemCollector {
    let file: String
    private(set) var problems: [InputProblem] = []

    init(file: String) { self.file = file }

    mutating func report(line: Int, column: String, _ message: String) {
        problems.append(InputProblem(file: file, line: line, column: column, message: message))
    }

    mutating func append(contentsOf other: [InputProblem]) { problems.append(contentsOf: other) }
}
