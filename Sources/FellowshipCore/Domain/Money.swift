/// An amount of the meeting's currency, exact to the cent.
///
/// Money is never held in floating point: budgets are compared with sums of costs,
/// and a rounding error of one cent would change who is funded.
public struct Money: Hashable, Comparable, Sendable {
    /// The amount in hundredths of the currency unit.
    public var cents: Int64

    public init(cents: Int64) { self.cents = cents }

    public static let zero = Money(cents: 0)

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
    public static func * (lhs: Money, rhs: Int64) -> Money { Money(cents: lhs.cents * rhs) }

    /// The amount as a `Double`, for the solver's coefficient matrix only.
    public var approximateValue: Double { Double(cents) / 100 }

    /// Plain decimal text with exactly two decimals, e.g. `1480.00`.
    public var decimalText: String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let units = magnitude / 100
        let hundredths = magnitude % 100
        return sign + String(units) + "." + (hundredths < 10 ? "0" : "") + String(hundredths)
    }

    /// Parses plain decimal text with at most two decimals (`60000`, `320.5`, `1480.00`).
    ///
    /// Returns `nil` for anything else: signs, exponents, grouping separators, or more than
    /// two decimals. Callers report why (they know whether the text was negative).
    public init?(decimalText text: some StringProtocol) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let whole = parts[0]
        guard !whole.isEmpty, whole.count <= 15, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if parts.count == 2 && fraction.isEmpty { return nil }
        while fraction.count < 2 { fraction += "0" }
        guard let units = Int64(whole), let hundredths = Int64(fraction) else { return nil }
        self.cents = units * 100 + hundredths
    }
}
