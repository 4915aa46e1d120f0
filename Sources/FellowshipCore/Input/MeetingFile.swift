/// Reads and validates `meeting.json`. Every field is required.
enum MeetingFile {
    static let keys = [
        "id", "title", "venue", "start_date", "end_date", "fellowship_deadline",
        "currency", "dsa_per_day", "dsa_days", "financial_year",
    ]

    static func parse(_ bytes: [UInt8], file: String, problems: inout ProblemCollector) -> Meeting? {
        guard let node = JSONParser.document(bytes, file: file, problems: &problems) else { return nil }
        let before = problems.problems.count
        guard let fields = JSONFields(node, path: "", known: keys, problems: &problems) else { return nil }
        let id = fields.string("id", &problems)
        if let id, let unsafe = SafeIdentifier.problem(id), let line = fields["id"]?.line {
            problems.report(line: line, column: "id", unsafe)
        }
        let title = fields.string("title", &problems)
        let venue = fields.string("venue", &problems)
        let start = fields.parsedString("start_date", &problems, ValueParsing.calendarDate)
        let end = fields.parsedString("end_date", &problems, ValueParsing.calendarDate)
        let deadline = fields.parsedString("fellowship_deadline", &problems, ValueParsing.instant)
        let currency = fields.string("currency", &problems)
        if let currency, !(currency.utf8.count == 3 && currency.utf8.allSatisfy { (65...90).contains($0) }) {
            problems.report(
                line: fields["currency"]!.line, column: "currency",
                "expected an ISO 4217 code of three capital letters such as CHF, got \(ValueParsing.quoted(currency))")
        }
        let dsaPerDay = fields.money("dsa_per_day", &problems)
        let dsaDays = fields.integer("dsa_days", in: 0...366, &problems)
        let year = fields.integer("financial_year", in: 1900...9999, &problems)
        if let start, let end, end < start {
            problems.report(
                line: fields["end_date"]!.line, column: "end_date",
                "the meeting ends (\(end)) before it starts (\(start))")
        }
        guard problems.problems.count == before, let id, let title, let venue, let start, let end, let deadline,
            let currency, let dsaPerDay, let dsaDays, let year
        else { return nil }
        return Meeting(
            id: id, title: title, venue: venue, startDate: start, endDate: end,
            fellowshipDeadline: deadline, currency: currency, dsaPerDay: dsaPerDay,
            dsaDays: dsaDays, financialYear: year)
    }
}
