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
        problems.append(
            InputProblem(
                file: file, line: line, column: Self.shown(column, limit: 80),
                message: Self.shown(message, limit: 1000)))
    }

    /// `text` as a problem line may show it: one line (line breaks and other controls written
    /// as `\n`, `\u{1B}` …) and at most `limit` characters. A hostile file can put a 300 KB
    /// key or a line break in a name; the problem must stay one readable line of the
    /// `FILE:LINE: column: problem` list (issue #11, found by the fuzz suite).
    static func shown(_ text: String, limit: Int) -> String {
        var out = ""
        var count = 0
        for character in text {
            if count >= limit {
                return out + "… (\(text.count) characters)"
            }
            if character.unicodeScalars.contains(where: {
                $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}"
            }) {
                out += character.unicodeScalars.map { scalar in
                    switch scalar {
                    case "\n": return "\\n"
                    case "\r": return "\\r"
                    case "\t": return "\\t"
                    default:
                        return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}"
                            || scalar == "\u{2029}"
                            ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
                    }
                }.joined()
            } else {
                out.append(character)
            }
            count += 1
        }
        return out
    }

    mutating func append(contentsOf other: [InputProblem]) { problems.append(contentsOf: other) }
}
