/// A point in time, parsed from an ISO 8601 timestamp that carries its UTC offset.
///
/// Deadlines and submissions are compared as instants, never as local wall-clock text:
/// `2020-05-25T23:59:59+02:00` and `2020-05-25T21:59:59Z` are the same moment.
public struct Instant: Hashable, Comparable, Sendable {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public var nanosecondsSinceEpoch: Int64
    /// The text it was parsed from, kept for output and explanations.
    public var text: String

    public init(nanosecondsSinceEpoch: Int64, text: String) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
        self.text = text
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }
    public static func == (lhs: Instant, rhs: Instant) -> Bool {
        lhs.nanosecondsSinceEpoch == rhs.nanosecondsSinceEpoch
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(nanosecondsSinceEpoch) }
}

/// A calendar date without time or zone (`2020-07-06`).
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Whether the day exists in its month (leap years included).
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}
