import Foundation

/// A language explanations can be written in: one template file `<code>.json` in
/// `Explanations/Languages/` (see docs/explanations.md). The languages are discovered from the
/// files present, so adding a language is adding a file.
public struct Language: RawRepresentable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The language code, the file's base name (`en`, `fr`, `zh`, …).
    public let rawValue: String

    /// The language whose template file is `<rawValue>.json`; nil when there is no such file.
    public init?(rawValue: String) {
        guard LanguagePack.named(rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }

    private init(code: String) { self.rawValue = code }

    public static let en = Language(code: "en")
    public static let fr = Language(code: "fr")
    public static let zh = Language(code: "zh")

    /// Every language with a template file, by code.
    public static var allCases: [Language] { LanguagePack.catalog.packs.keys.sorted().map(Language.init(code:)) }

    /// Template files that were found but could not be used, with the reason.
    public static var loadingProblems: [String] { LanguagePack.catalog.problems }

    /// The language's own name (`English`, `Français`, `中文`).
    public var name: String { pack.name }

    public var description: String { rawValue }

    /// The templates and conventions of this language.
    public var pack: LanguagePack {
        guard let pack = LanguagePack.named(rawValue) else {
            preconditionFailure(
                "no template file \(rawValue).json in Explanations/Languages (\(LanguagePack.catalog.problems.joined(separator: "; ")))"
            )
        }
        return pack
    }
}

/// The templates of one language, read from its JSON file.
///
/// A template is text with named placeholders in braces (`{applicant}`); a template may
/// instead be an object of plural forms (`{"one": "…", "other": "…"}`) chosen by the
/// language's plural rule. Numbers and amounts are written with the language's separators.
public struct LanguagePack: Sendable {
    public var code: String
    public var name: String
    public var decimalSeparator: String
    public var groupSeparator: String
    /// How many digits are grouped (3 for all six official languages as written at ITU).
    public var groupSize: Int
    /// The smallest number of integer digits from which groups are separated (4 in French
    /// and Spanish typography would leave 1000 ungrouped; 1 groups from 1,000).
    public var minimumGroupingDigits: Int
    public var pluralRule: PluralRule
    /// `{amount} {currency}` or the language's order.
    public var moneyPattern: String
    /// List joiners: between two items, between the middle items, before the last of several.
    public var listPair: String
    public var listMiddle: String
    public var listLast: String
    /// Between the sentences of a paragraph (a space, or nothing in Chinese).
    public var sentenceSeparator: String
    /// Short labels (outcomes, gates, constraints, score terms, field names).
    public var labels: [String: Template]
    /// Sentence templates.
    public var templates: [String: Template]
    /// The texts of decision letters (`letters` in the file).
    public var letters: [String: Template]
    /// The applicant's pages: headings, labels and buttons (`pages` in the file).
    public var pages: [String: Template]
    /// The writing direction of the language (`rtl` for Arabic), for `dir` in HTML.
    public var direction: String

    /// One template: a plain text, or one text per plural category.
    public enum Template: Sendable, Equatable {
        case text(String)
        case plural([PluralCategory: String])

        func text(for category: PluralCategory) -> String {
            switch self {
            case .text(let text): return text
            case .plural(let forms): return forms[category] ?? forms[.other] ?? forms.values.sorted().first ?? ""
            }
        }
    }

    /// CLDR plural categories.
    public enum PluralCategory: String, Sendable, CaseIterable {
        case zero, one, two, few, many, other
    }

    /// The plural rules of CLDR for the languages ITU writes in, by family.
    public enum PluralRule: String, Sendable, CaseIterable {
        /// English, Spanish: one for exactly 1, other otherwise.
        case oneOther = "one_other"
        /// French: one for 0 ≤ n < 2 (integer part 0 or 1).
        case french
        /// Chinese, Japanese: no plural forms.
        case none
        /// Russian, Ukrainian: one, few, many for whole numbers; other for fractions.
        case eastSlavic = "east_slavic"
        /// Arabic: zero, one, two, few, many for whole numbers; other for fractions.
        case arabic

        public func category(_ value: Double) -> PluralCategory {
            let magnitude = abs(value)
            let whole = magnitude.rounded(.towardZero)
            let isWhole = magnitude == whole
            let i = whole < 1e15 ? Int64(whole) : 0
            switch self {
            case .none: return .other
            case .oneOther: return isWhole && i == 1 ? .one : .other
            case .french: return i == 0 || i == 1 ? .one : .other
            case .eastSlavic:
                guard isWhole else { return .other }
                let (ten, hundred) = (i % 10, i % 100)
                if ten == 1 && hundred != 11 { return .one }
                if (2...4).contains(ten) && !(12...14).contains(hundred) { return .few }
                return .many
            case .arabic:
                guard isWhole else { return .other }
                let hundred = i % 100
                switch i {
                case 0: return .zero
                case 1: return .one
                case 2: return .two
                default:
                    if (3...10).contains(hundred) { return .few }
                    if (11...99).contains(hundred) { return .many }
                    return .other
                }
            }
        }
    }

    // MARK: Rendering

    /// The template `key` with its placeholders filled; the plural form follows `count`.
    public func sentence(_ key: String, count: Double? = nil, _ values: [String: String] = [:]) -> String {
        fill(templates[key], key: key, count: count, values)
    }

    /// The letter text `key` with its placeholders filled.
    public func letter(_ key: String, count: Double? = nil, _ values: [String: String] = [:]) -> String {
        fill(letters[key], key: key, count: count, values)
    }

    /// The page text `key` with its placeholders filled.
    public func page(_ key: String, count: Double? = nil, _ values: [String: String] = [:]) -> String {
        fill(pages[key], key: key, count: count, values)
    }

    /// The label `key` (`gate.late_application`, `term.base`, …), the key itself if missing.
    public func label(_ key: String, count: Double? = nil, _ values: [String: String] = [:]) -> String {
        fill(labels[key], key: key, count: count, values)
    }

    func fill(_ template: Template?, key: String, count: Double?, _ values: [String: String]) -> String {
        guard let template else { return key }
        let text = template.text(for: count.map(pluralRule.category) ?? .other)
        return Self.substitute(text, values)
    }

    /// Replaces every `{name}` with `values[name]`; unknown names are left as they are.
    static func substitute(_ text: String, _ values: [String: String]) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            output += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] { output += value } else { output += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        return output
    }

    /// A number rounded to 6 decimals without trailing zeros, with this language's separators.
    public func number(_ value: Double) -> String {
        localize(JSONValue.formatReal(value))
    }

    /// An amount with two decimals and the currency, e.g. `1,480.00 CHF`, `1 480,00 CHF`.
    public func money(_ amount: Money, currency: String) -> String {
        Self.substitute(moneyPattern, ["amount": localize(amount.decimalText), "currency": currency])
    }

    /// `value` points, in the plural form the number calls for.
    public func points(_ value: Double) -> String {
        label("points", count: value, ["n": number(value)])
    }

    /// Plain decimal text (`-1234.5`) with this language's separators.
    func localize(_ plain: String) -> String {
        var text = Substring(plain)
        var sign = ""
        if text.hasPrefix("-") {
            sign = "-"
            text = text.dropFirst()
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var whole = String(parts[0])
        if groupSize > 0 && whole.count >= max(minimumGroupingDigits, groupSize + 1) {
            var groups: [String] = []
            while whole.count > groupSize {
                groups.insert(String(whole.suffix(groupSize)), at: 0)
                whole.removeLast(groupSize)
            }
            groups.insert(whole, at: 0)
            whole = groups.joined(separator: groupSeparator)
        }
        return sign + whole + (parts.count > 1 ? decimalSeparator + parts[1] : "")
    }

    /// The items joined as an enumeration, without a final conjunction (`A, B, C`; `A、B、C`).
    public func enumeration(_ items: [String]) -> String {
        guard var head = items.first else { return "" }
        for item in items.dropFirst() { head = Self.substitute(listMiddle, ["0": head, "1": item]) }
        return head
    }

    /// The items joined as a list in this language (`A, B and C`).
    public func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        case 2: return Self.substitute(listPair, ["0": items[0], "1": items[1]])
        default:
            var head = items[0]
            for item in items.dropFirst().dropLast() { head = Self.substitute(listMiddle, ["0": head, "1": item]) }
            return Self.substitute(listLast, ["0": head, "1": items.last!])
        }
    }

    // MARK: Loading (LanguagePack+Loading.swift; the keys a file must define: LanguageKeys.swift)

    /// The languages found, loaded once.
    static let catalog: Catalog = Catalog.load()

    static func named(_ code: String) -> LanguagePack? { catalog.packs[code] }

    /// Every template file found, and the files that failed to load.
    struct Catalog: Sendable {
        var packs: [String: LanguagePack]
        var problems: [String]

        /// Reads `<code>.json` files from the directory named by the environment variable
        /// `FELLOWSHIP_LANGUAGES` (when set: added to or replacing the bundled ones), and from
        /// the `Languages` folder of this module's resources.
        /// The folder of the template files built into the module's resources.
        static var bundledDirectory: URL? { Bundle.module.url(forResource: "Languages", withExtension: nil) }

        static func load() -> Catalog {
            var directories: [URL] = []
            if let bundled = bundledDirectory { directories.append(bundled) }
            if let extra = ProcessInfo.processInfo.environment["FELLOWSHIP_LANGUAGES"], !extra.isEmpty {
                directories.append(URL(fileURLWithPath: extra, isDirectory: true))
            }
            return load(from: directories)
        }

        /// Reads every `<code>.json` of `directories`; a later directory's file replaces an
        /// earlier one of the same code.
        static func load(from directories: [URL]) -> Catalog {
            var packs: [String: LanguagePack] = [:]
            var problems: [String] = []
            for directory in directories {
                let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
                for file in files.sorted() where file.hasSuffix(".json") {
                    let code = String(file.dropLast(5))
                    guard !code.isEmpty,
                        code.unicodeScalars.allSatisfy({
                            $0.isASCII && ($0.properties.isAlphabetic || $0 == "-" || $0 == "_")
                        })
                    else {
                        continue
                    }
                    do {
                        let data = try Data(contentsOf: directory.appendingPathComponent(file))
                        packs[code] = try LanguagePack(code: code, json: data, file: "\(directory.path)/\(file)")
                    } catch let error as LanguageFileError {
                        problems.append(contentsOf: error.problems.map(\.description))
                    } catch {
                        problems.append(
                            "\(directory.path)/\(file):1: (file): cannot be read: \(error.localizedDescription)")
                    }
                }
            }
            return Catalog(packs: packs, problems: problems)
        }
    }
}

/// A template file that cannot be used: every problem found in it, each located as
/// `FILE:LINE: key: problem` like the problems of the input files.
public struct LanguageFileError: Error, Sendable, CustomStringConvertible {
    public var problems: [InputProblem]
    init(_ problems: [InputProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
