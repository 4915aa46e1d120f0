/// Parsers for the scalar value types of the input formats.
///
/// Each returns either the value or a message that says what was expected and what was
/// found, so the caller only adds the location.
enum ValueParsing {
    static func quoted(_ text: String) -> String {
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return "\"" + shown + "\""
    }

    static func boolean(_ text: String) -> Result<Bool, ValueProblem> {
        switch text.lowercased() {
        case "yes", "true", "1": .success(true)
        case "no", "false", "0": .success(false)
        default: .failure(ValueProblem("expected yes or no (or true/false, 1/0), got \(quoted(text))"))
        }
    }

    static func money(_ text: String) -> Result<Money, ValueProblem> {
        if let amount = Money(decimalText: text) { return .success(amount) }
        if text.hasPrefix("-"), Money(decimalText: text.dropFirst()) != nil {
            return .failure(ValueProblem("must not be negative, got \(quoted(text))"))
        }
        return .failure(
            ValueProblem(
                "expected an amount such as 1480.00 (digits, at most two decimals), got \(quoted(text))"))
    }

    static func count(_ text: String) -> Result<Int, ValueProblem> {
        if let value = Int(text), value >= 0, text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return .success(value)
        }
        if text.hasPrefix("-"), Int(text) != nil {
            return .failure(ValueProblem("must not be negative, got \(quoted(text))"))
        }
        return .failure(ValueProblem("expected a whole number >= 0, got \(quoted(text))"))
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ text: String, of _: T.Type) -> Result<T, ValueProblem>
    where T.RawValue == String {
        if let value = T(rawValue: text) { return .success(value) }
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        return .failure(ValueProblem("expected one of \(allowed); got \(quoted(text))"))
    }

    static func calendarDate(_ text: String) -> Result<CalendarDate, ValueProblem> {
        let failure = ValueProblem("expected a date such as 2020-07-06, got \(quoted(text))")
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2)
        else { return .failure(failure) }
        let date = CalendarDate(year: year, month: month, day: day)
        guard date.isValid else { return .failure(ValueProblem("\(quoted(text)) is not a day of the calendar")) }
        return .success(date)
    }

    /// The years an instant may fall in: those whole years whose nanoseconds since 1970 fit in
    /// 64 bits, whatever the offset.
    static let instantYears = 1678...2261

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM`.
    ///
    /// A timestamp without an offset is refused: it names no instant, and deadlines are
    /// compared as instants.
    static func instant(_ text: String) -> Result<Instant, ValueProblem> {
        let failure = ValueProblem(
            "expected an ISO 8601 instant with offset such as 2020-05-20T10:15:00+02:00, got \(quoted(text))")
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T"),
            case .success(let date) = calendarDate(String(decoding: bytes[0..<10], as: UTF8.self)),
            let hour = digits(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"), let minute = digits(bytes, 14, 2)
        else { return .failure(failure) }
        var index = 16
        var second = 0
        var nanoseconds: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let value = digits(bytes, index + 1, 2) else { return .failure(failure) }
            second = value
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var count = 0
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                    guard count < 9 else { return .failure(failure) }
                    nanoseconds = nanoseconds * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                    count += 1
                    index += 1
                }
                guard count > 0 else { return .failure(failure) }
                for _ in count..<9 { nanoseconds *= 10 }
            }
        }
        guard index < bytes.count else {
            return .failure(ValueProblem("\(quoted(text)) has no UTC offset; add Z or an offset such as +02:00"))
        }
        var offsetMinutes = 0
        if bytes[index] == UInt8(ascii: "Z") {
            guard index + 1 == bytes.count else { return .failure(failure) }
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            guard bytes.count == index + 6, let offsetHour = digits(bytes, index + 1, 2),
                bytes[index + 3] == UInt8(ascii: ":"), let offsetMinute = digits(bytes, index + 4, 2),
                offsetHour <= 23, offsetMinute <= 59
            else { return .failure(failure) }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return .failure(failure)
        }
        guard hour <= 23, minute <= 59, second <= 59 else {
            return .failure(ValueProblem("\(quoted(text)) is not a time of day"))
        }
        // An instant is kept in nanoseconds since 1970 (64 bits: about 1677 to 2262); a year
        // outside that would overflow (it trapped the reader, found by Schemathesis).
        guard instantYears.contains(date.year) else {
            return .failure(
                ValueProblem(
                    "\(quoted(text)) is outside the years \(instantYears.lowerBound) to \(instantYears.upperBound) an instant may fall in"
                ))
        }
        let seconds =
            date.daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            - Int64(offsetMinutes * 60)
        return .success(Instant(nanosecondsSinceEpoch: seconds * 1_000_000_000 + nanoseconds, text: text))
    }

    private static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

/// What is wrong with one value, before its location is known.
struct ValueProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
