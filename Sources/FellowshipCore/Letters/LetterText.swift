/// The texts of one language's letters as HTML: the template is escaped, then each value is
/// escaped and isolated in `<bdi>` so that ids, amounts and Latin names keep their own
/// direction inside right-to-left text.
struct LetterText {
    let pack: LanguagePack

    /// A letter text with its placeholders filled, as HTML.
    func html(_ key: String, count: Double? = nil, _ values: [String: String] = [:]) -> String {
        guard let template = pack.letters[key] else { return Self.escape(key) }
        let text = template.text(for: count.map(pack.pluralRule.category) ?? .other)
        return LanguagePack.substitute(Self.escape(text), values.mapValues { "<bdi>\(Self.escape($0))</bdi>" })
    }

    /// A letter text without placeholders, as HTML.
    func plain(_ key: String) -> String { Self.escape(pack.letter(key)) }

    /// Text made safe for HTML element content and attribute values: the pages' escaping
    /// (`HTMLText`), per Unicode scalar, bidirectional controls shown as codes.
    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}

/// Builds one letter's `<article>` element.
struct LetterBody {
    let pack: LanguagePack
    let currency: String
    private(set) var output = ""

    init(pack: LanguagePack, currency: String) {
        self.pack = pack
        self.currency = currency
    }

    var texts: LetterText { LetterText(pack: pack) }

    func money(_ amount: Money) -> String { pack.money(amount, currency: currency) }

    mutating func open(lang: String, dir: String, applicant: String, kind: DecisionLetter.Kind) {
        output +=
            "<article class=\"letter \(kind.rawValue)\" lang=\"\(LetterText.escape(lang))\" dir=\"\(LetterText.escape(dir))\""
            + " id=\"letter-\(LetterText.escape(applicant))\">\n"
    }

    mutating func close() { output += "</article>\n" }

    mutating func raw(_ html: String) { output += html + "\n" }

    mutating func fact(_ label: String, _ value: String) {
        output += "<dt>\(label)</dt><dd><bdi>\(LetterText.escape(value))</bdi></dd>\n"
    }

    mutating func heading(_ html: String) { output += "<h2>\(html)</h2>\n" }

    mutating func paragraph(_ html: String, className: String? = nil) {
        output += (className.map { "<p class=\"\($0)\">" } ?? "<p>") + html + "</p>\n"
    }

    mutating func list(_ items: [String], ordered: Bool) {
        guard !items.isEmpty else { return }
        let tag = ordered ? "ol" : "ul"
        output += "<\(tag)>\n" + items.map { "<li>\($0)</li>\n" }.joined() + "</\(tag)>\n"
    }
}
