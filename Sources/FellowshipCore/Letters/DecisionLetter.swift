/// One decision letter: an application's outcome written to the applicant in its language,
/// as a printable HTML `<article>` (docs/letters.md).
///
/// A letter names no one: only the applicant's own application id appears, never another
/// application, never whom funding it would have displaced, never the applicant's name.
public struct DecisionLetter: Sendable, Equatable {
    /// What the letter announces.
    public enum Kind: String, Sendable, CaseIterable {
        /// A partial fellowship was awarded.
        case awarded
        /// Eligible, took part, not funded.
        case notAwarded = "not_awarded"
        /// Failed an eligibility condition, took no part.
        case ineligible
        /// The applicant declined an award; the run reallocated it.
        case declined
    }

    public var applicant: String
    public var language: Language
    public var kind: Kind
    /// The `<article class="letter" lang=… dir=…>` element.
    public var article: String

    /// The file name of the letter: `<application id>.html`.
    public var fileName: String { applicant + ".html" }
}
