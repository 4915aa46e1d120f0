import Foundation
import Mustache

/// The escaping of every value the page templates place in HTML, text and attributes alike.
///
/// Why not swift-mustache's own HTML escaping: it compares whole Characters (grapheme
/// clusters), so a `"` followed by a combining mark (`"\u{301}`) is one Character that is not
/// `"`, and it passes through unescaped: inside an attribute that ends the attribute early.
/// This escaping works on Unicode scalars, so no mark can hide a quote, a `<` or a `&`.
///
/// It also neutralises what could mislead a reader without breaking the markup: bidirectional
/// controls (which can reorder the text around a name, so that a page reads differently from
/// what it says), and other control characters. They are shown as a visible code such as
/// `[U+202E]` rather than dropped, so nothing a user gave disappears silently.
struct HTMLEscaping: MustacheContentType {
    /// The name templates are rendered under (`{{% CONTENT_TYPE: FELLOWSHIP_HTML}}`), set by
    /// `PageTemplates` on every template it loads.
    static let name = "FELLOWSHIP_HTML"

    func escapeText(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output.append(contentsOf: "&amp;".unicodeScalars)
            case "<": output.append(contentsOf: "&lt;".unicodeScalars)
            case ">": output.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": output.append(contentsOf: "&quot;".unicodeScalars)
            case "'": output.append(contentsOf: "&#39;".unicodeScalars)
            case "`": output.append(contentsOf: "&#96;".unicodeScalars)
            case "=": output.append(contentsOf: "&#61;".unicodeScalars)
            default:
                if isShownAsCode(scalar) {
                    output.append(contentsOf: code(scalar).unicodeScalars)
                } else {
                    output.append(scalar)
                }
            }
        }
        return String(output)
    }

    /// Bidirectional controls, and control characters other than tab and line breaks.
    static func isShownAsCode(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    static func code(_ scalar: Unicode.Scalar) -> String {
        "[\(scalar.codePoint)]"
    }
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
            library.register(try MustacheTemplate(string: "{{% CONTENT_TYPE: \(HTMLEscaping.name)}}" + text),
                             named: String(file.dropLast(".mustache".count)))
        }
        return library
    }

    /// Refuses a template that switches the content type or inserts an unlisted value unescaped.
    static func check(_ text: String, file: String) throws {
        if text.contains("CONTENT_TYPE") {
            throw ServiceError(.internalServerError, "page template \(file) sets a content type; the pages' escaping may not be changed")
        }
        var rest = Substring(text)
        while let range = rest.range(of: "{{{") ?? rest.range(of: "{{&") {
            let after = rest[range.upperBound...]
            let name = after.prefix { $0 != "}" }.trimmingCharacters(in: .whitespaces)
            if !markupValues.contains(name) {
                throw ServiceError(.internalServerError, "page template \(file) inserts \(name) unescaped; only \(markupValues.sorted().joined(separator: ", ")) may be")
            }
            rest = after
        }
    }
}
