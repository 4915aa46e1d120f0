/// Writes RFC 4180 CSV: the exact inverse of the project's CSV reader.
///
/// Fields are quoted only when they have to be: when they contain a comma, a double quote,
/// a carriage return or a line feed, or when they begin or end with a space or tab (which
/// a reader could otherwise trim). Inner double quotes are doubled. Rows end with a single
/// line feed (`\n`), the same in every file this project writes.
public enum CSVWriter {
    /// The line terminator of every row.
    public static let lineEnding = "\n"

    /// One field, quoted if it needs to be.
    public static func field(_ text: String) -> String {
        guard needsQuoting(text) else { return text }
        var quoted = "\""
        quoted.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.unicodeScalars.append("\"") }
            quoted.unicodeScalars.append(scalar)
        }
        quoted.unicodeScalars.append("\"")
        return quoted
    }

    /// One row: the fields joined with commas and terminated by `lineEnding`.
    public static func row(_ fields: [String]) -> String {
        var line = ""
        for (index, text) in fields.enumerated() {
            if index > 0 { line += "," }
            line += field(text)
        }
        return line + lineEnding
    }

    /// A whole table: the header row followed by the rows.
    public static func table(header: [String], rows: [[String]]) -> String {
        var text = row(header)
        for fields in rows { text += row(fields) }
        return text
    }

    static func needsQuoting(_ text: String) -> Bool {
        // Scalars, not Characters: "\r\n" is a single Character but two scalars.
        for scalar in text.unicodeScalars {
            switch scalar {
            case ",", "\"", "\r", "\n": return true
            default: continue
            }
        }
        if let first = text.unicodeScalars.first, first == " " || first == "\t" { return true }
        if let last = text.unicodeScalars.last, last == " " || last == "\t" { return true }
        return false
    }
}
