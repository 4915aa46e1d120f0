/// A JSON value for output, with members in the order they were given and numbers as
/// preformatted text, so documents are byte-for-byte reproducible and money keeps its
/// two decimals (`1480.00`).
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.compact == rhs.compact }

    /// A money amount with exactly two decimals.
    public static func money(_ amount: Money) -> JSONValue { .number(amount.decimalText) }

    public static func integer(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A real number rounded to 6 decimals (the precision of the tie tolerance), written
    /// without trailing zeros: `19`, `1234.5`, `901.333333`.
    public static func real(_ value: Double) -> JSONValue { .number(formatReal(value)) }

    public static func formatReal(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let scaled = (value * 1_000_000).rounded()
        if abs(scaled) >= 9e15 { return String(value) }
        let micros = Int64(scaled)
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        var text = sign + String(magnitude / 1_000_000)
        var fraction = String(magnitude % 1_000_000)
        if fraction != "0" {
            fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text == "-0" ? "0" : text
    }

    /// One line, no spaces.
    public var compact: String {
        var output = ""
        write(to: &output, pretty: false)
        return output
    }

    /// The layout of FORMATS.md: the top object one member per line, arrays in it one
    /// element per line, everything deeper on one line.
    public var document: String {
        guard case .object(let members) = self else { return compact + "\n" }
        var output = "{\n"
        for (index, member) in members.enumerated() {
            output += "  " + Self.quote(member.0) + ": "
            if case .array(let elements) = member.1, !elements.isEmpty {
                output += "[\n"
                for (position, element) in elements.enumerated() {
                    output += "    "
                    element.write(to: &output, pretty: true)
                    output += position + 1 < elements.count ? ",\n" : "\n"
                }
                output += "  ]"
            } else {
                member.1.write(to: &output, pretty: true)
            }
            output += index + 1 < members.count ? ",\n" : "\n"
        }
        return output + "}\n"
    }

    /// Writes the value on one line; `pretty` adds a space after `:` and `,`.
    private func write(to output: inout String, pretty: Bool) {
        let separator = pretty ? ", " : ","
        let colon = pretty ? ": " : ":"
        switch self {
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += separator }
                output += Self.quote(member.0) + colon
                member.1.write(to: &output, pretty: pretty)
            }
            output += "}"
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += separator }
                element.write(to: &output, pretty: pretty)
            }
            output += "]"
        case .string(let text): output += Self.quote(text)
        case .number(let text): output += text
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        }
    }

    /// A JSON string literal; non-ASCII text is kept as UTF-8, controls are escaped.
    public static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
