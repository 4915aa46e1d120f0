/// Text made safe for HTML, element content and attribute values alike: the one escaping of
/// the service's pages (`HTMLEscaping`, every template value) and of the decision letters
/// (`LetterText`).
///
/// Why per Unicode scalar, not per `Character`: a `"` or `<` followed by a combining mark
/// (`"\u{301}`) is one Character that is neither, and would pass through unescaped; inside an
/// attribute that ends the attribute early. Working on scalars, no mark can hide a quote, a
/// `<` or a `&`.
///
/// It also neutralises what could mislead a reader without breaking the markup: bidirectional
/// controls (which can reorder the text around a name, so that a page or a letter reads
/// differently from what it says) and other control characters. They are shown as a visible
/// code such as `[U+202E]` rather than dropped, so nothing a user gave disappears silently.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
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
    public static func isShownAsCode(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The visible code a neutralised scalar is shown as.
    public static func code(_ scalar: Unicode.Scalar) -> String {
        "[\(scalar.codePoint)]"
    }
}
