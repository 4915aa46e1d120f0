/// The optional `language` column of applications.csv (FORMATS.md 1.1): `ar`, `en`, `es`,
/// `fr`, `ru` or `zh`; empty or absent means `en`; anything else is an input error located
/// at FILE:LINE: language. Case and surrounding blanks are not forgiven beyond what every
/// column forgives (blanks trimmed): `FR` is refused, so that a code is written one way.
enum ApplicantLanguageColumn {
    static func parse(_ rows: CSVRows, _ record: CSVTable.Record, _ problems: inout ProblemCollector)
        -> OfficialLanguage?
    {
        let text = rows.text("language", record)
        if text.isEmpty { return .en }
        switch ValueParsing.choice(text, of: OfficialLanguage.self) {
        case .success(let language): return language
        case .failure(let problem):
            problems.report(line: record.line, column: "language", problem.message + " (empty means en)")
            return nil
        }
    }
}
