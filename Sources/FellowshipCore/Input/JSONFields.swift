/// Typed, located access to the members of one JSON object.
///
/// Like `CSVRows`, every accessor reports problems (with the member's line and dotted key
/// path) instead of throwing, so one pass lists all of them.
struct JSONFields {
    let node: JSONNode
    /// Dotted path of this object, empty at the top level.
    let path: String
    private let members: [String: JSONNode]

    /// Requires `node` to be an object and refuses keys outside `known` unless they start
    /// with `x_` (a misspelt field must never be silently ignored).
    init?(_ node: JSONNode, path: String, known: [String], problems: inout ProblemCollector) {
        guard case .object(let list) = node.value else {
            problems.report(
                line: node.line, column: path.isEmpty ? "(file)" : path,
                "expected an object, got \(node.kindName)")
            return nil
        }
        self.node = node
        self.path = path
        var members: [String: JSONNode] = [:]
        for member in list {
            members[member.key] = member.value
            if !known.contains(member.key) && !member.key.hasPrefix("x_") {
                problems.report(
                    line: member.value.line, column: Self.join(path, member.key),
                    "unknown field; expected one of \(known.joined(separator: ", ")) (extra fields must start with x_)")
            }
        }
        self.members = members
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func keyPath(_ key: String) -> String { Self.join(path, key) }

    subscript(key: String) -> JSONNode? { members[key] }

    /// The member, or a reported "missing" problem when it is required.
    func member(_ key: String, required: Bool, _ problems: inout ProblemCollector) -> JSONNode? {
        if let value = members[key] { return value }
        if required { problems.report(line: node.line, column: keyPath(key), "missing required field") }
        return nil
    }

    func string(_ key: String, required: Bool = true, nonEmpty: Bool = true, _ problems: inout ProblemCollector)
        -> String?
    {
        guard let value = member(key, required: required, &problems) else { return nil }
        guard case .string(let text) = value.value else {
            problems.report(line: value.line, column: keyPath(key), "expected a string, got \(value.kindName)")
            return nil
        }
        if nonEmpty && text.trimmingCharacters(in: " \t").isEmpty {
            problems.report(line: value.line, column: keyPath(key), "is empty; a value is required")
            return nil
        }
        return text
    }

    /// A string member run through `parse` (dates, instants).
    func parsedString<T>(
        _ key: String, _ problems: inout ProblemCollector, _ parse: (String) -> Result<T, ValueProblem>
    ) -> T? {
        guard let text = string(key, &problems) else { return nil }
        switch parse(text) {
        case .success(let value): return value
        case .failure(let problem):
            problems.report(line: self[key]!.line, column: keyPath(key), problem.message)
            return nil
        }
    }

    /// A number member's literal text (money and integers are parsed from it exactly).
    func numberLiteral(_ key: String, required: Bool, _ problems: inout ProblemCollector) -> (text: String, line: Int)?
    {
        guard let value = member(key, required: required, &problems) else { return nil }
        guard case .number(let text) = value.value else {
            problems.report(line: value.line, column: keyPath(key), "expected a number, got \(value.kindName)")
            return nil
        }
        return (text, value.line)
    }

    func money(_ key: String, required: Bool = true, _ problems: inout ProblemCollector) -> Money? {
        guard let (text, line) = numberLiteral(key, required: required, &problems) else { return nil }
        switch ValueParsing.money(text) {
        case .success(let amount): return amount
        case .failure(let problem):
            problems.report(line: line, column: keyPath(key), problem.message)
            return nil
        }
    }

    /// A whole number in `range`, written without a fraction or exponent.
    func integer(_ key: String, in range: ClosedRange<Int>, required: Bool = true, _ problems: inout ProblemCollector)
        -> Int?
    {
        guard let (text, line) = numberLiteral(key, required: required, &problems) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            problems.report(
                line: line, column: keyPath(key), "expected a whole number \(Self.describe(range)), got \(text)")
            return nil
        }
        return value
    }

    /// A finite number in `range`.
    func number(_ key: String, in range: ClosedRange<Double>, required: Bool = true, _ problems: inout ProblemCollector)
        -> Double?
    {
        guard let (text, line) = numberLiteral(key, required: required, &problems) else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            problems.report(
                line: line, column: keyPath(key), "expected a finite number \(Self.describe(range)), got \(text)")
            return nil
        }
        return value
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max ? ">= \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
    }

    private static func describe(_ range: ClosedRange<Double>) -> String {
        func format(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }
        return range.upperBound == .greatestFiniteMagnitude
            ? ">= \(format(range.lowerBound))" : "in [\(format(range.lowerBound)), \(format(range.upperBound))]"
    }
}
