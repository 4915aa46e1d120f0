/// Turns the raw bytes of an input file into text, or explains where it is not UTF-8.
enum TextDecoding {
    /// Decodes UTF-8, dropping a leading byte-order mark.
    ///
    /// Invalid input is reported with the line and byte offset of the first bad sequence:
    /// guessing another encoding would silently change names and ids.
    static func decode(_ bytes: [UInt8], file: String) -> Result<String, InputProblem> {
        if bytes.isEmpty {
            return .failure(InputProblem(file: file, line: 1, column: "(file)", message: "the file is empty"))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let offset = firstInvalidUTF8Offset(body) {
            let line = 1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            return .failure(
                InputProblem(
                    file: file, line: line, column: "(file)",
                    message: "not valid UTF-8 (byte \(offset + 1) of the file); save it as UTF-8"))
        }
        let text = String(decoding: body, as: UTF8.self)
        if text.allSatisfy({ $0.isWhitespace }) {
            return .failure(InputProblem(file: file, line: 1, column: "(file)", message: "the file is empty"))
        }
        return .success(text)
    }

    /// The offset (from the start of the whole buffer) of the first byte that does not
    /// begin or continue a well-formed UTF-8 sequence, or nil if all of it is well-formed.
    private static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length: Int
            var lowerSecond: UInt8 = 0x80
            var upperSecond: UInt8 = 0xBF
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                lowerSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                upperSecond = 0x9F
            case 0xF0:
                length = 4
                lowerSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                upperSecond = 0x8F
            default: return index
            }
            if length > 1 {
                guard index + length <= bytes.endIndex else { return index }
                let second = bytes[index + 1]
                guard second >= lowerSecond && second <= upperSecond else { return index }
                for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
                    return index
                }
            }
            index += length
        }
        return nil
    }
}
