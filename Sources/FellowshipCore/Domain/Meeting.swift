/// The meeting that fellowships are allocated for (`meeting.json`).
public struct Meeting: Hashable, Sendable {
    public var id: String
    public var title: String
    public var venue: String
    public var startDate: CalendarDate
    public var endDate: CalendarDate
    /// Applications submitted after this instant fail the `late_application` gate.
    public var fellowshipDeadline: Instant
    /// ISO 4217 code of the currency all amounts are in.
    public var currency: String
    public var dsaPerDay: Money
    public var dsaDays: Int
    public var financialYear: Int

    public init(
        id: String, title: String, venue: String, startDate: CalendarDate, endDate: CalendarDate,
        fellowshipDeadline: Instant, currency: String, dsaPerDay: Money, dsaDays: Int, financialYear: Int
    ) {
        self.id = id
        self.title = title
        self.venue = venue
        self.startDate = startDate
        self.endDate = endDate
        self.fellowshipDeadline = fellowshipDeadline
        self.currency = currency
        self.dsaPerDay = dsaPerDay
        self.dsaDays = dsaDays
        self.financialYear = financialYear
    }

    /// The cost of one daily-subsistence-allowance fellowship: `dsa_per_day * dsa_days`.
    public var dsaCost: Money { dsaPerDay * Int64(dsaDays) }
}
