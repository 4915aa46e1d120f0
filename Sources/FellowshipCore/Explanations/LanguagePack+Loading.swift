public import Foundation

extension LanguagePack {
    /// Every template the explanation text may use; a language file must define them all.
    public static var requiredTemplates: [String] { LanguageKeys.templates.keys.sorted() }

    /// Every label the explanation and its report may use.
    public static var requiredLabels: [String] { LanguageKeys.labels.keys.sorted() }

    /// Every text of the decision letters.
    public static var requiredLetterTexts: [String] { LanguageKeys.letters.keys.sorted() }

    /// Every text of the applicant's pages.
    public static var requiredPageTexts: [String] { LanguageKeys.pages.keys.sorted() }

    /// The texts of the applicant's pages that take no placeholder (headings, labels,
    /// buttons), which a page template can show as they are.
    public static var plainPageTexts: [String] { LanguageKeys.pages.filter { $0.value.isEmpty }.keys.sorted() }

    /// Parses a template file with the project's own JSON reader, so that every problem is
    /// reported with its line: a key missing or left over, a text that is not a string or an
    /// object of plural forms, a placeholder the key does not offer, a brace left open.
    /// All problems are collected in one pass and thrown together; nothing half-read is kept.
    public init(code: String, json data: Data, file: String? = nil) throws {
        let file = file ?? "\(code).json"
        var problems = ProblemCollector(file: file)
        guard let root = JSONParser.document([UInt8](data), file: file, problems: &problems) else {
            throw LanguageFileError(problems.problems)
        }
        guard let top = JSONFields(root, path: "", known: LanguageKeys.topLevel, problems: &problems) else {
            throw LanguageFileError(problems.problems)
        }
        func text(_ fields: JSONFields, _ key: String, default fallback: String?, placeholders: Set<String> = [])
            -> String
        {
            guard let node = fields.member(key, required: fallback == nil, &problems) else { return fallback ?? "" }
            guard case .string(let value) = node.value else {
                problems.report(line: node.line, column: fields.keyPath(key), "expected a string, got \(node.kindName)")
                return fallback ?? ""
            }
            Self.checkPlaceholders(
                value, allowed: placeholders, line: node.line, column: fields.keyPath(key), &problems)
            return value
        }
        func object(_ key: String) -> JSONFields? {
            guard let node = top.member(key, required: false, &problems) else { return nil }
            return JSONFields(node, path: key, known: Self.anyKey(node), problems: &problems)
        }
        let name = text(top, "name", default: nil)
        let direction = text(top, "direction", default: "ltr")
        if direction != "ltr" && direction != "rtl", let node = top["direction"] {
            problems.report(
                line: node.line, column: "direction",
                "must be \"ltr\" or \"rtl\", not \(ValueParsing.quoted(direction))")
        }
        var decimal = "."
        var group = ","
        var groupSize = 3
        var minimumGrouping = 1
        if let numbers = object("numbers") {
            decimal = text(numbers, "decimal", default: ".")
            group = text(numbers, "group", default: ",")
            groupSize = numbers.integer("group_size", in: 0...9, required: false, &problems) ?? 3
            minimumGrouping = numbers.integer("minimum_grouping_digits", in: 1...9, required: false, &problems) ?? 1
            Self.refuseUnknown(
                numbers, known: ["decimal", "group", "group_size", "minimum_grouping_digits"], &problems)
        }
        let ruleName = text(top, "plural_rule", default: "one_other")
        let rule = PluralRule(rawValue: ruleName)
        if rule == nil {
            problems.report(
                line: top["plural_rule"]?.line ?? root.line, column: "plural_rule",
                "unknown plural rule \(ValueParsing.quoted(ruleName)) (one of \(PluralRule.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        let money = text(top, "money", default: "{amount} {currency}", placeholders: ["amount", "currency"])
        var pair = "{0}, {1}"
        var middle = "{0}, {1}"
        var last = "{0}, {1}"
        if let list = object("list") {
            pair = text(list, "pair", default: pair, placeholders: ["0", "1"])
            middle = text(list, "middle", default: middle, placeholders: ["0", "1"])
            last = text(list, "last", default: last, placeholders: ["0", "1"])
            Self.refuseUnknown(list, known: ["pair", "middle", "last"], &problems)
        }
        let separator = text(top, "sentence_separator", default: " ")
        func section(_ key: String, _ expected: [String: Set<String>]) -> [String: Template] {
            guard let node = top.member(key, required: true, &problems) else { return [:] }
            return Self.templates(node, path: key, expected: expected, &problems)
        }
        let labels = section("labels", LanguageKeys.labels)
        let templates = section("templates", LanguageKeys.templates)
        let letters = section("letters", LanguageKeys.letters)
        let pages = section("pages", LanguageKeys.pages)
        guard problems.problems.isEmpty, let rule else { throw LanguageFileError(problems.problems) }
        self.init(
            code: code, name: name, decimalSeparator: decimal, groupSeparator: group, groupSize: groupSize,
            minimumGroupingDigits: minimumGrouping, pluralRule: rule, moneyPattern: money, listPair: pair,
            listMiddle: middle, listLast: last, sentenceSeparator: separator, labels: labels,
            templates: templates, letters: letters, pages: pages, direction: direction)
    }

    /// The member names of `node` (so `JSONFields` refuses nothing; the caller checks).
    private static func anyKey(_ node: JSONNode) -> [String] {
        guard case .object(let members) = node.value else { return [] }
        return members.map(\.key)
    }

    private static func refuseUnknown(_ fields: JSONFields, known: [String], _ problems: inout ProblemCollector) {
        guard case .object(let members) = fields.node.value else { return }
        for member in members where !known.contains(member.key) {
            problems.report(
                line: member.value.line, column: fields.keyPath(member.key),
                "unknown key; expected one of \(known.joined(separator: ", "))")
        }
    }

    /// One section of texts: every expected key present, no other key, each a string or an
    /// object of plural forms with `other`, each placeholder one its key offers.
    static func templates(
        _ node: JSONNode, path: String, expected: [String: Set<String>], _ problems: inout ProblemCollector
    ) -> [String: Template] {
        guard case .object(let members) = node.value else {
            problems.report(line: node.line, column: path, "expected an object of texts, got \(node.kindName)")
            return [:]
        }
        var result: [String: Template] = [:]
        for member in members {
            let column = "\(path).\(member.key)"
            guard let allowed = expected[member.key] else {
                problems.report(
                    line: member.value.line, column: column,
                    "unknown key: no text of this name is used (a misspelt key?)")
                continue
            }
            if result[member.key] != nil {
                problems.report(line: member.value.line, column: column, "the key appears twice")
                continue
            }
            switch member.value.value {
            case .string(let text):
                checkPlaceholders(text, allowed: allowed, line: member.value.line, column: column, &problems)
                result[member.key] = .text(text)
            case .object(let forms):
                var plural: [PluralCategory: String] = [:]
                for form in forms {
                    guard let category = PluralCategory(rawValue: form.key) else {
                        problems.report(
                            line: form.value.line, column: "\(column).\(form.key)",
                            "not a plural category (zero, one, two, few, many, other)")
                        continue
                    }
                    guard case .string(let text) = form.value.value else {
                        problems.report(
                            line: form.value.line, column: "\(column).\(form.key)",
                            "expected a string, got \(form.value.kindName)")
                        continue
                    }
                    checkPlaceholders(
                        text, allowed: allowed, line: form.value.line, column: "\(column).\(form.key)", &problems)
                    plural[category] = text
                }
                if plural[.other] == nil {
                    problems.report(line: member.value.line, column: column, "the plural forms need an \"other\" form")
                }
                result[member.key] = .plural(plural)
            default:
                problems.report(
                    line: member.value.line, column: column,
                    "expected a string or an object of plural forms, got \(member.value.kindName)")
            }
        }
        for key in expected.keys.sorted() where result[key] == nil && !members.contains(where: { $0.key == key }) {
            problems.report(line: node.line, column: "\(path).\(key)", "the text \"\(key)\" is missing")
        }
        return result
    }

    /// Reports a `{name}` the key does not offer, and a brace without its partner.
    static func checkPlaceholders(
        _ text: String, allowed: Set<String>, line: Int, column: String, _ problems: inout ProblemCollector
    ) {
        var rest = Substring(text)
        while let brace = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            if rest[brace] == "}" {
                problems.report(line: line, column: column, "a \"}\" without its \"{\"")
                return
            }
            guard let close = rest[brace...].firstIndex(of: "}") else {
                problems.report(line: line, column: column, "a \"{\" without its \"}\"")
                return
            }
            let name = String(rest[rest.index(after: brace)..<close])
            if !allowed.contains(name) {
                let offered =
                    allowed.isEmpty
                    ? "this text takes no placeholder"
                    : "this text offers " + allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")
                problems.report(line: line, column: column, "unknown placeholder {\(name)}; \(offered)")
            }
            rest = rest[rest.index(after: close)...]
        }
    }
}
