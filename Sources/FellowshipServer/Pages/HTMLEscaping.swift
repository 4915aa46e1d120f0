import FellowshipCore
import Foundation
import HTTPTypes
import Mustache

/// The escaping of every value the page templates place in HTML, text and attributes alike:
/// `HTMLText.escape`, per Unicode scalar, bidirectional and other controls shown as codes
/// (the same escaping as the decision letters').
///
/// Why not swift-mustache's own HTML escaping: it compares whole Characters (grapheme
/// clusters), so a `"` followed by a combining mark (`"\u{301}`) is one Character that is not
/// `"`, and it passes through unescaped: inside an attribute that ends the attribute early.
struct HTMLEscaping: MustacheContentType {
    /// The name templates are rendered under (`{{% CONTENT_TYPE: FELLOWSHIP_HTML}}`), set by
    /// `PageTemplates` on every template it loads.
    static let name = "FELLOWSHIP_HTML"

    func escapeText(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}

/// Loads the page templates so that every value any of them places in HTML, present or
/// future, goes through `HTMLEscaping`: the content type is set on each template (partials
/// included, since swift-mustache resets it for each partial), and a template that tries to
/// switch it off is refused when the service starts.
enum PageTemplates {
    /// Triple mustaches (`{{{name}}}`, `{{&name}}`) insert markup unescaped; only these values,
    /// which the service builds as markup itself, may be inserted so: the scenario chart and
    /// the decisions page's summary charts (`DecisionSummary`, every text in them escaped).
    static let markupValues: Set<String> = ["chart", "svg"]

    /// Registers the content type once per process (swift-mustache keeps a global table).
    private static let registered: Void = {
        MustacheContentTypes.register(HTMLEscaping(), named: HTMLEscaping.name)
    }()

    /// The library of every `.mustache` file in `directory` (by file name without extension).
    static func library(directory: String) throws -> MustacheLibrary {
        _ = registered
        var library = MustacheLibrary()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".mustache") }.sorted()
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ServiceError(.internalServerError, "page template \(file) cannot be read")
            }
            let text = String(decoding: data, as: UTF8.self)
            try check(text, file: file)
            library.register(
                try MustacheTemplate(string: "{{% CONTENT_TYPE: \(HTMLEscaping.name)}}" + text),
                named: String(file.dropLast(".mustache".count)))
        }
        return library
    }

    /// Refuses a template that switches the content type or inserts an unlisted value unescaped.
    static func check(_ text: String, file: String) throws {
        if text.contains("CONTENT_TYPE") {
            throw ServiceError(
                .internalServerError,
                "page template \(file) sets a content type; the pages' escaping may not be changed")
        }
        var rest = Substring(text)
        while let range = rest.range(of: "{{{") ?? rest.range(of: "{{&") {
            let after = rest[range.upperBound...]
            let name = after.prefix { $0 != "}" }.trimmingCharacters(in: .whitespaces)
            if !markupValues.contains(name) {
                throw ServiceError(
                    .internalServerError,
                    "page template \(file) inserts \(name) unescaped; only \(markupValues.sorted().joined(separator: ", ")) may be"
                )
            }
            rest = after
        }
    }
}
