/// A parsed JSON value that remembers the line it starts on.
///
/// The standard decoders forget positions and turn `320.00` into a binary double; this
/// keeps each number's literal text (money is read from it exactly) and each value's line
/// (every problem is reported as `FILE:LINE: key.path: problem`).
public struct JSONNode: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case object([Member])
        case array([JSONNode])
        case string(String)
        /// The number's literal text as written, e.g. `320.00` or `1e-3`.
        case number(String)
        case bool(Bool)
        case null
    }

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONNode
    }

    public var value: Value
    public var line: Int

    public init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }

    /// The member named `key`, when this is an object that has it.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// A short name of the kind of value, for messages ("a string", "an object").
    var kindName: String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }
}

/// A strict RFC 8259 parser producing `JSONNode`s.
///
/// Duplicate keys are refused: with two values for one policy field, either choice would
/// silently drop what the user wrote.
struct JSONParser {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1

    struct Failure: Error {
        var line: Int
        var message: String
    }

    static func parse(_ text: String) -> Result<JSONNode, Failure> {
        var parser = JSONParser(bytes: Array(text.utf8))
        do {
            parser.skipWhitespace()
            let node = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            if parser.position < parser.bytes.count {
                throw Failure(line: parser.line, message: "unexpected text after the JSON value")
            }
            return .success(node)
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(line: parser.line, message: "\(error)"))
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current {
            switch byte {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A:
                position += 1
                line += 1
            default: return
            }
        }
    }

    private func fail(_ message: String) -> Failure { Failure(line: line, message: message) }

    private mutating func parseValue(depth: Int) throws -> JSONNode {
        guard depth < 64 else { throw fail("values nested more than 64 deep") }
        guard let byte = current else { throw fail("unexpected end of the file; a value is missing") }
        let startLine = line
        switch byte {
        case UInt8(ascii: "{"): return JSONNode(try parseObject(depth: depth), line: startLine)
        case UInt8(ascii: "["): return JSONNode(try parseArray(depth: depth), line: startLine)
        case UInt8(ascii: "\""): return JSONNode(.string(try parseString()), line: startLine)
        case UInt8(ascii: "t"):
            try expectWord("true")
            return JSONNode(.bool(true), line: startLine)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return JSONNode(.bool(false), line: startLine)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return JSONNode(.null, line: startLine)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(.number(try parseNumber()), line: startLine)
        default:
            throw fail("unexpected character '\(String(decoding: [byte], as: UTF8.self))'; expected a JSON value")
        }
    }

    private mutating func expectWord(_ word: String) throws {
        let wordBytes = Array(word.utf8)
        guard position + wordBytes.count <= bytes.count,
            Array(bytes[position..<(position + wordBytes.count)]) == wordBytes
        else { throw fail("invalid literal; expected \(word)") }
        position += wordBytes.count
    }

    private mutating func parseObject(depth: Int) throws -> JSONNode.Value {
        position += 1
        var members: [JSONNode.Member] = []
        var seen: Set<String> = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
            let keyLine = line
            let key = try parseString()
            guard seen.insert(key).inserted else {
                throw Failure(line: keyLine, message: "the key \"\(key)\" appears twice in one object")
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw fail("expected ':' after the key \"\(key)\"") }
            position += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            members.append(JSONNode.Member(key: key, value: value))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(members)
            default: throw fail("expected ',' or '}' after the value of \"\(key)\"")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws -> JSONNode.Value {
        position += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(elements)
            default: throw fail("expected ',' or ']' in the array")
            }
        }
    }

    private mutating func parseString() throws -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var chunkStart = position
        func flush(_ parser: JSONParser, upTo end: Int) {
            scalars.append(contentsOf: String(decoding: parser.bytes[chunkStart..<end], as: UTF8.self).unicodeScalars)
        }
        while true {
            guard let byte = current else { throw fail("a string is never closed") }
            switch byte {
            case UInt8(ascii: "\""):
                flush(self, upTo: position)
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush(self, upTo: position)
                position += 1
                guard let escape = current else { throw fail("a string is never closed") }
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try parseHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard current == UInt8(ascii: "\\"), position + 1 < bytes.count,
                            bytes[position + 1] == UInt8(ascii: "u")
                        else { throw fail("an unpaired surrogate in a \\u escape") }
                        position += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw fail("an unpaired surrogate in a \\u escape")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail("an invalid \\u escape") }
                    scalars.append(scalar)
                default:
                    throw fail("an invalid escape in a string")
                }
                chunkStart = position
            case 0x00...0x1F:
                throw fail("a control character (such as a line break) inside a string; escape it")
            default:
                position += 1
            }
        }
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("an incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail("an invalid \\u escape")
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    private mutating func parseNumber() throws -> String {
        let start = position
        func isDigit(_ byte: UInt8?) -> Bool {
            byte.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false
        }
        if current == UInt8(ascii: "-") { position += 1 }
        guard isDigit(current) else { throw fail("invalid number") }
        if current == UInt8(ascii: "0") {
            position += 1
            if isDigit(current) { throw fail("invalid number: leading zeros are not allowed") }
        } else {
            while isDigit(current) { position += 1 }
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard isDigit(current) else { throw fail("invalid number: digits must follow the decimal point") }
            while isDigit(current) { position += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard isDigit(current) else { throw fail("invalid number: digits must follow the exponent") }
            while isDigit(current) { position += 1 }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }
}

extension JSONParser {
    /// Decodes and parses a whole JSON file, reporting encoding and syntax problems.
    static func document(_ bytes: [UInt8], file: String, problems: inout ProblemCollector) -> JSONNode? {
        switch TextDecoding.decode(bytes, file: file) {
        case .failure(let problem):
            problems.append(contentsOf: [problem])
            return nil
        case .success(let text):
            switch parse(text) {
            case .failure(let failure):
                problems.report(line: failure.line, column: "(file)", "not valid JSON: \(failure.message)")
                return nil
            case .success(let node):
                return node
            }
        }
    }
}
