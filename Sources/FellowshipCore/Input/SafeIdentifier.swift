/// The character rule of FORMATS.md 1.1 for application and meeting ids: 1 to 64 characters
/// from `A-Z a-z 0-9 . _ -`.
///
/// Why: ids travel into URLs, file names, HTML attributes, log lines and the audit chain. A
/// closed, ASCII-only alphabet makes each of those places safe by construction (no spaces, no
/// quotes, no slashes, no look-alike Unicode), whatever else escapes them.
public enum SafeIdentifier {
    /// The longest id accepted.
    public static let maximumLength = 64

    /// Whether `text` follows the rule.
    public static func isValid(_ text: String) -> Bool { problem(text) == nil }

    /// What is wrong with `text` as an id, in words a user can act on, or nil when it is valid.
    public static func problem(_ text: String) -> String? {
        let scalars = text.unicodeScalars
        if scalars.isEmpty { return "is empty; an id of 1 to 64 characters from A-Z a-z 0-9 . _ - is required" }
        if let bad = scalars.first(where: { !isAllowed($0) }) {
            return "not a valid id: \(describe(bad)) is not allowed "
                + "(ids are 1 to 64 characters from A-Z a-z 0-9 . _ -)"
        }
        if scalars.count > maximumLength {
            return
                "\(ValueParsing.quoted(String(text.prefix(20))))… is \(scalars.count) characters long; ids have at most 64"
        }
        return nil
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2E, 0x5F, 0x2D: return true
        default: return false
        }
    }

    /// A character named so that an invisible or confusable one is still recognisable.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = scalar.codePoint
        if scalar.value >= 0x21 && scalar.value < 0x7F { return "the character '\(Character(scalar))' (\(code))" }
        return "the character \(code)"
    }
}
