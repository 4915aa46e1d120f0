/// The applicant's language: one of the six official languages (FORMATS.md 1.1, the
/// optional `language` column of applications.csv; empty or absent means English).
///
/// It chooses the language of the applicant's letters, explanations and pages. It is not
/// personal data in the sense of names and gender, and it plays no part in the decision.
public enum OfficialLanguage: String, CaseIterable, Sendable, Hashable {
    case ar, en, es, fr, ru, zh

    /// The explanation language of this code (English if its template file is missing).
    public var language: Language { Language(rawValue: rawValue) ?? .en }
}
