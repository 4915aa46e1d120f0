import FellowshipCore
import FellowshipStore
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders the review pages from the Mustache templates in `Templates/` (docs/service.md,
/// "Pages"). Every value is HTML-escaped by `HTMLEscaping` (per Unicode scalar, set on every
/// template by `PageTemplates`); only the chart, which the core draws as SVG from numbers and
/// escaped names, is inserted as markup (`{{{chart}}}`).
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads the templates bundled with the module.
    static func load() async throws -> PageRenderer {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw ServiceError(.internalServerError, "the page templates are missing from the build")
        }
        return PageRenderer(library: try PageTemplates.library(directory: directory.path))
    }

    /// A whole page: `template` inside the common header and footer. The pages are in English
    /// (`lang="en"`); text in another language carries its own `lang`.
    func page(
        _ template: String, title: String, role: AccessRole?,
        status: HTTPResponse.Status = .ok, _ values: [String: Any] = [:]
    ) -> Response {
        var context = values
        context["title"] = title
        context["lang"] = "en"
        if let role {
            context["signedIn"] = true
            context["role"] = role.rawValue
            context["reader"] = role != .applicant
            context["secretariat"] = role == .secretariat
        }
        // The sign-out button and every form that changes something carry the session's
        // anti-forgery token in their address (see CSRFGuard).
        if let csrf = PageSession.csrf { context["csrf"] = csrf }
        let text = library.render(context, withTemplate: template) ?? "template \(template) is missing"
        return JSONResponse.html(text, status: status)
    }

    /// The page for a refused or failed request, with the same status the API would give.
    func errorPage(_ error: ServiceError, role: AccessRole?) -> Response {
        let values: [String: Any] = [
            "status": "\(error.status.code)",
            "reason": error.status.reasonPhrase,
            // A person in a browser signs in; the API's wording (a bearer header) is for scripts.
            "message": error.status == .unauthorized
                ? "You are not signed in, or your session has ended (signed out, 8 hours without use, 24 hours after signing in, or the token was revoked)."
                : error.message,
            "problems": error.problems,
            "hasProblems": !error.problems.isEmpty,
            "needsLogin": error.status == .unauthorized,
        ]
        var context = values
        context["title"] = "\(error.status.code) \(error.status.reasonPhrase)"
        context["lang"] = "en"
        if let role {
            context["signedIn"] = true
            context["role"] = role.rawValue
            context["reader"] = role != .applicant
            context["secretariat"] = role == .secretariat
        }
        // The sign-out button and every form that changes something carry the session's
        // anti-forgery token in their address (see CSRFGuard).
        if let csrf = PageSession.csrf { context["csrf"] = csrf }
        let text = library.render(context, withTemplate: "error") ?? error.message
        return JSONResponse.html(text, status: error.status)
    }
}
