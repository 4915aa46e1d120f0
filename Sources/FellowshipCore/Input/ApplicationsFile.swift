/// Reads and validates `applications.csv`.
enum ApplicationsFile {
    static let columns = [
        "id", "person_id", "name", "gender", "country", "delegation", "registration_approved",
        "submitted_at", "request", "ticket_cost", "contributions", "role", "special_needs",
        "complete", "prior_partial_fy", "prior_full_fy",
    ]
    /// Columns a file may leave out (FORMATS.md 1.1).
    static let optionalColumns = ["language"]

    /// Parses the applications; `countries` (when known) checks every country code.
    static func parse(
        _ bytes: [UInt8], file: String, countries: Set<String>?, problems: inout ProblemCollector
    ) -> [Application]? {
        let before = problems.problems.count
        guard let table = CSVTable.document(bytes, file: file, problems: &problems),
            let rows = CSVRows(table: table, required: columns, optional: optionalColumns, problems: &problems)
        else { return nil }
        var applications: [Application] = []
        var firstLine: [String: Int] = [:]
        for record in table.records {
            let id = rows.required("id", record, &problems)
            if let id, let unsafe = SafeIdentifier.problem(id) {
                problems.report(line: record.line, column: "id", unsafe)
            }
            if let id {
                if let earlier = firstLine[id] {
                    problems.report(
                        line: record.line, column: "id",
                        "duplicate application id \(ValueParsing.quoted(id)) (first on line \(earlier))")
                } else {
                    firstLine[id] = record.line
                }
            }
            let person = rows.required("person_id", record, &problems)
            let name = rows.required("name", record, &problems)
            let gender = rows.parse("gender", record, &problems) { ValueParsing.choice($0, of: Gender.self) }
            let country = rows.required("country", record, &problems)
            if let country, let countries, !countries.contains(country) {
                problems.report(
                    line: record.line, column: "country",
                    "unknown country \(ValueParsing.quoted(country)); it must be an iso3 code listed in the countries file"
                )
            }
            let delegation = rows.parse("delegation", record, &problems) {
                ValueParsing.choice($0, of: Delegation.self)
            }
            let approved = rows.parse("registration_approved", record, &problems, ValueParsing.boolean)
            let submitted = rows.parse("submitted_at", record, &problems, ValueParsing.instant)
            let request = rows.parse("request", record, &problems) {
                ValueParsing.choice($0, of: FellowshipRequest.self)
            }
            var ticketCost: Money? = nil
            var ticketOK = true
            if request == .dsa && rows.text("ticket_cost", record).isEmpty {
                ticketCost = nil
            } else if request != nil || !rows.text("ticket_cost", record).isEmpty {
                ticketCost = rows.parse("ticket_cost", record, &problems, ValueParsing.money)
                ticketOK = ticketCost != nil
            }
            let contributions = rows.parse("contributions", record, &problems, ValueParsing.count)
            let role = rows.parse("role", record, &problems) { ValueParsing.choice($0, of: Role.self) }
            let specialNeeds = rows.parse("special_needs", record, &problems, ValueParsing.boolean)
            let complete = rows.parse("complete", record, &problems, ValueParsing.boolean)
            let priorPartial = rows.parse("prior_partial_fy", record, &problems, ValueParsing.count)
            let priorFull = rows.parse("prior_full_fy", record, &problems, ValueParsing.count)
            let language = ApplicantLanguageColumn.parse(rows, record, &problems)
            if let id, let person, let name, let gender, let country, let delegation, let approved, let submitted,
                let request, ticketOK, let contributions, let role, let specialNeeds, let complete,
                let priorPartial, let priorFull, let language
            {
                applications.append(
                    Application(
                        id: id, personID: person, name: name, gender: gender, country: country, delegation: delegation,
                        registrationApproved: approved, submittedAt: submitted, request: request,
                        ticketCost: ticketCost,
                        contributions: contributions, role: role, specialNeeds: specialNeeds, complete: complete,
                        priorPartialFY: priorPartial, priorFullFY: priorFull, line: record.line,
                        extensions: rows.extensions(record)))
                applications[applications.count - 1].language = language
            }
        }
        if table.records.isEmpty && problems.problems.count == before {
            problems.report(line: table.headerLine, column: "(file)", "the file has a header but no applications")
        }
        return problems.problems.count == before ? applications : nil
    }
}
