/// Policy changes given on the command line: `--set KEY=VALUE` and
/// `--variant NAME:KEY=VALUE,KEY=VALUE` (docs/scenarios.md).
///
/// An override patches the policy file's JSON tree at a dotted key path; the patched tree is
/// then validated by `PolicyFile.decode`, so an override is checked by exactly the rules (and
/// with exactly the messages) of a policy file. Every problem names the option it came from.

/// A policy that one line of a sweep uses.
public struct ScenarioVariant: Sendable, Equatable {
    public var name: String
    public var policy: Policy
    /// The assignments applied on top of the policy file, as written (`--set`s first).
    public var assignments: [String]

    public init(name: String, policy: Policy, assignments: [String] = []) {
        self.name = name
        self.policy = policy
        self.assignments = assignments
    }
}

/// One thing wrong with the scenario options (`--set`, `--variant`, `--budgets`,
/// `--budget-range`), with the option named at the start of the message.
public struct ScenarioOptionProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The option is written wrongly (no `=`, empty key, malformed JSON, budget key...):
        /// a usage error, exit status 64.
        case usage
        /// The option is well formed but the policy rules refuse the value: exit status 65,
        /// as for a bad policy file.
        case invalidValue
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// Every problem of the scenario options, thrown once after all of them were checked.
public struct ScenarioOptionErrors: Error, Sendable, CustomStringConvertible {
    public var problems: [ScenarioOptionProblem]

    public init(_ problems: [ScenarioOptionProblem]) { self.problems = problems }

    /// Whether any problem is a usage error (then the exit status is 64, else 65).
    public var isUsage: Bool { problems.contains { $0.kind == .usage } }

    public var description: String { problems.map(\.message).joined(separator: "\n") }
}

/// One `KEY=VALUE` of a `--set` or `--variant`.
public struct PolicyAssignment: Sendable, Equatable {
    /// The key as written, e.g. `weights.roles.chair`.
    public var key: String
    /// The key split at dots.
    public var path: [String]
    /// The value as written.
    public var valueText: String
    /// The value as a JSON node (a JSON literal, or else a string).
    public var value: JSONNode
    /// The option as it is shown in messages: `--set country_cap=1`, `--variant cap1:country_cap=1`.
    public var origin: String

    /// `KEY=VALUE` as written.
    public var text: String { key + "=" + valueText }
}

/// A parsed `--variant`.
public struct VariantSpecification: Sendable, Equatable {
    public var name: String
    public var assignments: [PolicyAssignment]
}

/// Parses and applies `--set` and `--variant`.
public enum PolicyOverrides {
    /// The name of the only variant when no `--variant` is given.
    public static let baseName = "base"

    static let setExample = "such as --set country_cap=1"
    static let variantShape = "expected NAME:KEY=VALUE,KEY=VALUE, such as --variant cap1:country_cap=1"

    /// Parses `--set` options; problems are usage problems.
    public static func parseSets(_ options: [String]) -> (
        assignments: [PolicyAssignment], problems: [ScenarioOptionProblem]
    ) {
        var assignments: [PolicyAssignment] = []
        var problems: [ScenarioOptionProblem] = []
        for option in options {
            let origin = "--set " + option
            switch assignment(option, origin: origin) {
            case .success(let parsed):
                if let earlier = assignments.first(where: { $0.key == parsed.key }) {
                    problems.append(.init(.usage, "\(origin): \(parsed.key) is already set by \(earlier.origin)"))
                } else {
                    assignments.append(parsed)
                }
            case .failure(let problem):
                problems.append(problem)
            }
        }
        return (assignments, problems)
    }

    /// Parses `--variant` options; problems are usage problems.
    public static func parseVariants(_ options: [String]) -> (
        variants: [VariantSpecification], problems: [ScenarioOptionProblem]
    ) {
        var variants: [VariantSpecification] = []
        var problems: [ScenarioOptionProblem] = []
        for option in options {
            let origin = "--variant " + option
            let name: String
            let rest: Substring
            if let colon = option.firstIndex(of: ":") {
                name = String(option[..<colon])
                rest = option[option.index(after: colon)...]
            } else {
                name = option
                rest = ""
            }
            guard !name.trimmingCharacters(in: " \t").isEmpty else {
                problems.append(.init(.usage, "\(origin): the variant has no name; \(variantShape)"))
                continue
            }
            guard !name.contains("=") else {
                problems.append(
                    .init(
                        .usage,
                        "\(origin): the variant has no name (the text before the first ':' names it and may not contain '='); \(variantShape)"
                    ))
                continue
            }
            guard name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
                problems.append(.init(.usage, "\(origin): the variant name has a control character"))
                continue
            }
            guard !variants.contains(where: { $0.name == name }) else {
                problems.append(.init(.usage, "\(origin): the name \"\(name)\" is already used by another --variant"))
                continue
            }
            var assignments: [PolicyAssignment] = []
            var ok = true
            let items = String(rest).trimmingCharacters(in: " \t").isEmpty ? [] : splitTopLevel(String(rest))
            for item in items {
                let trimmed = item.trimmingCharacters(in: " \t")
                guard !trimmed.isEmpty else {
                    problems.append(
                        .init(
                            .usage, "\(origin): an empty assignment (two commas, or a comma at an end); \(variantShape)"
                        ))
                    ok = false
                    continue
                }
                switch assignment(
                    trimmed, origin: "--variant \(name):\(trimmed)", example: "such as --variant \(name):country_cap=1")
                {
                case .success(let parsed):
                    if assignments.contains(where: { $0.key == parsed.key }) {
                        problems.append(.init(.usage, "\(origin): \(parsed.key) is set twice in this variant"))
                        ok = false
                    } else {
                        assignments.append(parsed)
                    }
                case .failure(let problem):
                    problems.append(problem)
                    ok = false
                }
            }
            if ok { variants.append(VariantSpecification(name: name, assignments: assignments)) }
        }
        return (variants, problems)
    }

    /// The variants of a sweep: the policy file with the `--set`s, then each `--variant` on
    /// top (one variant named `base` when there is no `--variant`). Throws every problem of
    /// every option at once.
    public static func variants(policy source: InputSource, sets: [String], variants: [String])
        throws(ScenarioOptionErrors) -> [ScenarioVariant]
    {
        let parsedSets = parseSets(sets)
        let parsedVariants = parseVariants(variants)
        var problems = parsedSets.problems + parsedVariants.problems
        var collector = ProblemCollector(file: source.name)
        guard let base = JSONParser.document(source.bytes, file: source.name, problems: &collector) else {
            problems.append(contentsOf: collector.problems.map { .init(.invalidValue, $0.description) })
            throw ScenarioOptionErrors(problems)
        }
        let specifications =
            parsedVariants.variants.isEmpty && variants.isEmpty
            ? [VariantSpecification(name: baseName, assignments: [])] : parsedVariants.variants
        // The --set part once, so its problems are reported once and not once per variant.
        var reported = Set(problems.map(\.message))
        func report(_ found: [ScenarioOptionProblem]) {
            for problem in found where reported.insert(problem.message).inserted { problems.append(problem) }
        }
        let common = apply(parsedSets.assignments, to: base)
        report(common.problems)
        var result: [ScenarioVariant] = []
        for specification in specifications {
            let all = parsedSets.assignments + specification.assignments
            let applied = apply(all, to: base, reportFrom: parsedSets.assignments.count)
            report(applied.problems)
            if let policy = applied.policy {
                result.append(ScenarioVariant(name: specification.name, policy: policy, assignments: all.map(\.text)))
            }
        }
        if !problems.isEmpty { throw ScenarioOptionErrors(problems) }
        return result
    }

    /// Patches `assignments` into `base` and decodes the policy. Problems caused by the
    /// assignments before index `reportFrom` are left out (they were reported already).
    static func apply(_ assignments: [PolicyAssignment], to base: JSONNode, reportFrom: Int = 0)
        -> (policy: Policy?, problems: [ScenarioOptionProblem])
    {
        var node = base
        // (assignment index, problem): reported in the order the options were written.
        var found: [(index: Int, problem: ScenarioOptionProblem)] = []
        var patchFailed = false
        for (index, assignment) in assignments.enumerated() {
            switch patch(node, path: assignment.path[...], value: assignment.value, marker: marker(index), walked: []) {
            case .success(let patched):
                node = patched
            case .failure(let failure):
                patchFailed = true
                if index >= reportFrom {
                    let prefix = failure.path.joined(separator: ".")
                    let rest = Array(assignment.path.dropFirst(failure.path.count))
                    var shown = assignment.valueText
                    if case .string(let text) = assignment.value.value { shown = JSONValue.quote(text) }
                    let example =
                        rest.count == 1 ? "\(prefix)={\(JSONValue.quote(rest[0])): \(shown)}" : "\(prefix)={...}"
                    found.append(
                        (
                            index,
                            .init(
                                .invalidValue,
                                "\(assignment.origin): \(prefix) is \(failure.kind) in the policy, not an object, so it has no field \(rest.joined(separator: ".")); set it whole instead, such as \(example)"
                            )
                        ))
                }
            }
        }
        var collector = ProblemCollector(file: "policy")
        let policy = PolicyFile.decode(node, problems: &collector)
        for problem in collector.problems {
            let index = assignmentIndex(marker: problem.line)
            if let index, index < reportFrom { continue }
            if let index, index < assignments.count {
                let assignment = assignments[index]
                let location = problem.column == assignment.key ? "" : problem.column + ": "
                found.append((index, .init(.invalidValue, "\(assignment.origin): \(location)\(problem.message)")))
            } else {
                let origin = assignments.isEmpty ? "policy" : "the policy after --set/--variant"
                found.append(
                    (assignments.count, .init(.invalidValue, "\(origin): \(problem.column): \(problem.message)")))
            }
        }
        let ordered = found.enumerated().sorted { ($0.element.index, $0.offset) < ($1.element.index, $1.offset) }
        return (patchFailed ? nil : policy, ordered.map(\.element.problem))
    }

    // MARK: - Parsing one assignment

    static func assignment(_ text: String, origin: String, example: String = setExample)
        -> Result<PolicyAssignment, ScenarioOptionProblem>
    {
        guard let equals = text.firstIndex(of: "=") else {
            return .failure(.init(.usage, "\(origin): expected KEY=VALUE, \(example)"))
        }
        let key = String(text[..<equals]).trimmingCharacters(in: " \t")
        let valueText = String(text[text.index(after: equals)...]).trimmingCharacters(in: " \t")
        guard !key.isEmpty else {
            return .failure(.init(.usage, "\(origin): the key is empty; expected KEY=VALUE, \(example)"))
        }
        let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard path.allSatisfy({ !$0.isEmpty }) else {
            return .failure(
                .init(
                    .usage,
                    "\(origin): the key \"\(key)\" has an empty part; keys are field names joined by dots, such as weights.roles.chair"
                ))
        }
        if path[0] == "budget" {
            return .failure(
                .init(
                    .usage,
                    "\(origin): simulate varies the budget; give the amounts with --budgets or --budget-range"))
        }
        guard !valueText.isEmpty else {
            return .failure(.init(.usage, "\(origin): the value is empty; expected KEY=VALUE, \(example)"))
        }
        switch literal(valueText) {
        case .success(let value):
            return .success(PolicyAssignment(key: key, path: path, valueText: valueText, value: value, origin: origin))
        case .failure(let failure):
            return .failure(.init(.usage, "\(origin): \(failure.message)"))
        }
    }

    /// VALUE as a JSON literal when it is one, else as a string. Text that starts like JSON
    /// (`{`, `[`, `"`, a digit or a minus sign) but is not valid JSON is refused rather than
    /// taken as a string: `0,5` or `{"AFR":0.4` is a typing mistake, never a string value.
    struct LiteralFailure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    static func literal(_ text: String) -> Result<JSONNode, LiteralFailure> {
        switch JSONParser.parse(text) {
        case .success(let node):
            return .success(node)
        case .failure(let failure):
            guard let first = text.unicodeScalars.first else { return .success(JSONNode(.string(text), line: 1)) }
            switch first {
            case "{", "[", "\"":
                return .failure(LiteralFailure("not valid JSON: \(failure.message)"))
            case "-", "0"..."9":
                return .failure(
                    LiteralFailure(
                        "\(ValueParsing.quoted(text)) is not a number; write numbers as in JSON, such as 12, 0.5 or 1e-3"
                    ))
            default:
                return .success(JSONNode(.string(text), line: 1))
            }
        }
    }

    /// Splits at commas that are outside `{}`, `[]` and JSON strings.
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var inString = false
        var escaped = false
        for character in text {
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
                current.append(character)
                continue
            }
            switch character {
            case "\"": inString = true
            case "{", "[": depth += 1
            case "}", "]": depth = max(0, depth - 1)
            case "," where depth == 0:
                parts.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }

    // MARK: - Patching the tree

    /// Lines of patched nodes are replaced by a negative marker that names the assignment, so
    /// that a problem `PolicyFile.decode` reports can be traced back to the option.
    static func marker(_ index: Int) -> Int { -(index + 1) }

    static func assignmentIndex(marker line: Int) -> Int? { line < 0 ? -line - 1 : nil }

    struct PatchFailure: Error {
        /// The path to the member that is not an object.
        var path: [String]
        /// What it is instead ("a number").
        var kind: String
    }

    static func relabel(_ node: JSONNode, _ line: Int) -> JSONNode {
        var copy = node
        copy.line = line
        switch node.value {
        case .object(let members):
            copy.value = .object(members.map { JSONNode.Member(key: $0.key, value: relabel($0.value, line)) })
        case .array(let elements):
            copy.value = .array(elements.map { relabel($0, line) })
        default:
            break
        }
        return copy
    }

    /// Sets the member at `path` of the object `node` to `value`, creating missing objects on
    /// the way. The objects on the path take the marker too: a problem of the object as a
    /// whole (region shares summing to more than 1) is then traced to this assignment.
    static func patch(_ node: JSONNode, path: ArraySlice<String>, value: JSONNode, marker: Int, walked: [String])
        -> Result<JSONNode, PatchFailure>
    {
        guard case .object(var members) = node.value else {
            return .failure(PatchFailure(path: walked, kind: node.kindName))
        }
        let key = path.first!
        let position = members.firstIndex { $0.key == key }
        let replacement: JSONNode
        if path.count == 1 {
            replacement = relabel(value, marker)
        } else {
            let child = position.map { members[$0].value } ?? JSONNode(.object([]), line: marker)
            switch patch(child, path: path.dropFirst(), value: value, marker: marker, walked: walked + [key]) {
            case .success(let patched): replacement = patched
            case .failure(let failure): return .failure(failure)
            }
        }
        if let position {
            members[position].value = replacement
        } else {
            members.append(JSONNode.Member(key: key, value: replacement))
        }
        return .success(JSONNode(.object(members), line: marker))
    }
}
