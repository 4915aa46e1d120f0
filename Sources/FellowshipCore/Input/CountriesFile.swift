/// Reads and validates `countries.csv`.
enum CountriesFile {
    static let columns = ["iso3", "name", "region", "ldc", "lldc", "sids", "income_group", "eligible"]

    static func parse(_ bytes: [UInt8], file: String, problems: inout ProblemCollector) -> [Country]? {
        let before = problems.problems.count
        guard let table = CSVTable.document(bytes, file: file, problems: &problems),
            let rows = CSVRows(table: table, required: columns, problems: &problems)
        else { return nil }
        var countries: [Country] = []
        var firstLine: [String: Int] = [:]
        for record in table.records {
            let iso3 = rows.parse("iso3", record, &problems) { text -> Result<String, ValueProblem> in
                text.utf8.count == 3 && text.utf8.allSatisfy({ (65...90).contains($0) })
                    ? .success(text)
                    : .failure(
                        ValueProblem(
                            "expected an ISO 3166-1 alpha-3 code of three capital letters, got \(ValueParsing.quoted(text))"
                        ))
            }
            if let iso3 {
                if let earlier = firstLine[iso3] {
                    problems.report(
                        line: record.line, column: "iso3", "duplicate code \(iso3) (first on line \(earlier))")
                } else {
                    firstLine[iso3] = record.line
                }
            }
            let name = rows.required("name", record, &problems)
            let region = rows.parse("region", record, &problems) { ValueParsing.choice($0, of: Region.self) }
            let ldc = rows.parse("ldc", record, &problems, ValueParsing.boolean)
            let lldc = rows.parse("lldc", record, &problems, ValueParsing.boolean)
            let sids = rows.parse("sids", record, &problems, ValueParsing.boolean)
            let income = rows.parse("income_group", record, &problems) { ValueParsing.choice($0, of: IncomeGroup.self) }
            let eligible = rows.parse("eligible", record, &problems, ValueParsing.boolean)
            if let iso3, let name, let region, let ldc, let lldc, let sids, let income, let eligible {
                countries.append(
                    Country(
                        iso3: iso3, name: name, region: region, ldc: ldc, lldc: lldc, sids: sids,
                        incomeGroup: income, eligible: eligible, extensions: rows.extensions(record)))
            }
        }
        if table.records.isEmpty {
            problems.report(line: table.headerLine, column: "(file)", "the file has a header but no countries")
        }
        return problems.problems.count == before ? countries : nil
    }
}
