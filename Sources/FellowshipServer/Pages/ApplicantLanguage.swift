import FellowshipCore
import HTTPTypes
import HummingbirdCore

/// The language an applicant reads its pages and explanation in: `?lang=` when given,
/// otherwise the applicant's own language from the run's applications (the `language`
/// column; English when absent).
enum ApplicantLanguage {
    /// The `lang` query parameter, if any; 422 when no template file has that code.
    static func requested(_ call: RouteCall) throws -> Language? {
        // `lang=` with nothing after it is refused like any other unknown language.
        guard let code = FormFields(call.request.uri.query).given("lang") else { return nil }
        guard let language = Language(rawValue: code) else {
            let available = Language.allCases.map(\.rawValue).joined(separator: ", ")
            throw ServiceError(
                .unprocessableContent, "lang: no template file for \"\(code)\" (available: \(available))")
        }
        return language
    }

    /// The applicant's own language in `run` (English when the application is not in it).
    static func of(_ applicationID: String, in run: StoredRun) -> Language {
        run.inputs.applications.first { $0.id == applicationID }?.language.language ?? .en
    }
}
