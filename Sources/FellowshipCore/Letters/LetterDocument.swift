/// The printable HTML documents of decision letters: one letter per file, or every letter
/// of a run in one file with a page break after each (docs/letters.md).
///
/// Printing is on A4 with 20 mm side margins; the layout uses logical CSS properties
/// (`margin-inline-start`, `border-inline-start`, `text-align: start`), so a letter with
/// `dir="rtl"` is mirrored as a whole, not just its text. Fonts are the Noto families, which
/// cover Latin, Cyrillic, Arabic and CJK; any sans-serif font serves where they are missing.
public enum LetterDocument {
    /// A whole HTML document holding one letter; `lang` and `dir` are the letter's own.
    public static func single(_ letter: DecisionLetter, anchor: ChainAnchor? = nil) -> String {
        let pack = letter.language.pack
        return page(
            lang: letter.language.rawValue, dir: pack.direction,
            title: pack.letter("title", ["applicant": letter.applicant]), body: letter.article, anchor: anchor)
    }

    /// A whole HTML document holding every letter, each starting on a new page. The
    /// document itself is in English (it is the secretariat's print file); every letter
    /// carries its own `lang` and `dir`.
    public static func all(_ letters: [DecisionLetter], title: String, anchor: ChainAnchor? = nil) -> String {
        page(lang: "en", dir: "ltr", title: title, body: letters.map(\.article).joined(), anchor: anchor)
    }

    /// - Parameter anchor: the run's chain head as of its commit (docs/audit.md, "Anchors"), in
    ///   a `meta` element, so that a kept letter can later be checked against the store.
    static func page(lang: String, dir: String, title: String, body: String, anchor: ChainAnchor? = nil) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(LetterText.escape(lang))" dir="\(LetterText.escape(dir))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(anchor?.htmlMeta ?? "")
        <title>\(LetterText.escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// The letters' style sheet: A4 pages, a page break after each letter, text that wraps
    /// rather than overflowing (long ids and amounts included), mirrored for right to left.
    static let style = """
        @page { size: A4; margin: 18mm 20mm; }
        html { background: #ffffff; }
        body { margin: 0; color: #111111; font-size: 11pt; line-height: 1.45;
          font-family: "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans CJK SC", "Noto Sans SC", "Noto Sans CJK JP", sans-serif; }
        article.letter { box-sizing: border-box; width: 170mm; max-width: 100%; margin: 0 auto; overflow-wrap: anywhere; text-align: start; }
        article.letter[lang="zh"] { line-break: strict; }
        .letterhead { border-inline-start: 4px solid #1a4d8f; padding-inline-start: 4mm; margin-block-end: 6mm; }
        .sender { font-weight: bold; margin: 0; }
        dl.reference { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 1mm 5mm; margin: 0 0 6mm; }
        dl.reference dt { font-weight: bold; }
        dl.reference dd { margin: 0; }
        h1.subject { font-size: 14pt; margin: 0 0 4mm; }
        h2 { font-size: 12pt; margin: 5mm 0 2mm; }
        p { margin: 0 0 3mm; }
        p.fellowship { border-inline-start: 2px solid #6b6b6b; padding-inline-start: 3mm; }
        ol, ul { margin: 0 0 3mm; padding-inline-start: 7mm; }
        li { margin-block-end: 1.5mm; }
        .closing { margin-block-start: 8mm; }
        .signature { font-weight: bold; }
        @media screen {
          body { background: #e8e8e8; padding: 1rem 0; }
          article.letter { background: #ffffff; width: 210mm; padding: 18mm 20mm; margin: 0 auto 1rem; }
        }
        @media print {
          article.letter { break-after: page; page-break-after: always; }
          article.letter:last-of-type { break-after: auto; page-break-after: auto; }
        }
        """
}

extension LetterDocument {
    /// A ZIP of the letters: `<application id>.html` for each, and `all.html`.
    public static func zip(_ letters: [DecisionLetter], title: String, anchor: ChainAnchor? = nil) throws -> [UInt8] {
        var archive = StoredZip()
        for letter in letters { try archive.add(letter.fileName, Array(single(letter, anchor: anchor).utf8)) }
        try archive.add("all.html", Array(all(letters, title: title, anchor: anchor).utf8))
        return archive.bytes
    }
}
