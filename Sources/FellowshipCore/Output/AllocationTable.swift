/// The readable summary of a run printed by `allocate --format table`.
///
/// Only ids, never names: the table is often pasted into mail and logs.
public enum AllocationTable {
    public static func render(_ result: AllocationResult) -> String {
        let inputs = result.screening.inputs
        let meeting = inputs.meeting
        let tally = result.tally
        var lines: [String] = []
        lines.append("\(meeting.id): \(meeting.title), \(meeting.venue)")
        lines.append(
            "Status       \(result.status.rawValue) (GLPK \(result.solverVersion), \(seconds(result.solverSeconds)))")
        lines.append(
            "Objective    V = \(JSONValue.formatReal(result.value))  bound \(JSONValue.formatReal(result.bound))  gap \(JSONValue.formatReal(result.gap))"
        )
        lines.append(
            "Applications \(inputs.applications.count), eligible \(result.problem.candidates.count), awarded \(tally.awards)"
        )
        lines.append(
            "Spent        \(grouped(tally.spent)) of \(grouped(result.problem.budget)) \(meeting.currency) (\(percent(Double(tally.spent.cents), Double(result.problem.budget.cents))))"
        )
        lines.append(
            "Women        \(tally.women) of \(tally.awards) awards (\(percent(Double(tally.women), Double(tally.awards))))"
        )
        lines.append("Countries    \(tally.coveredCountries) covered")
        lines.append("By region    " + result.awardsByRegion.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: "  "))
        lines.append("")
        let header = ["Applicant", "Country", "Region", "Component", "Cost", "Score"]
        var rows: [[String]] = []
        for decision in result.decisions where decision.outcome == .awarded {
            let index = inputs.applications.firstIndex { $0.id == decision.applicant }!
            let rank = result.screening.rankOfApplication[index]!
            let candidate = result.problem.candidates[rank]
            rows.append([
                decision.applicant, inputs.applications[index].country, candidate.region.rawValue,
                decision.component!.rawValue, grouped(decision.cost!), JSONValue.formatReal(decision.score!),
            ])
        }
        lines.append("Awards (\(rows.count))")
        lines.append(contentsOf: TextTable.render(header: header, rows: rows, rightAligned: [4, 5]))
        return lines.joined(separator: "\n") + "\n"
    }

    static func seconds(_ value: Double) -> String {
        let centis = Int((value * 100).rounded())
        return "\(centis / 100).\(centis % 100 < 10 ? "0" : "")\(centis % 100) s"
    }

    static func percent(_ part: Double, _ whole: Double) -> String {
        guard whole > 0 else { return "n/a" }
        let tenths = Int((part / whole * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10) %"
    }

    /// `59870.00` as `59,870.00`.
    static func grouped(_ amount: Money) -> String {
        let text = amount.decimalText
        let parts = text.split(separator: ".")
        var digits = String(parts[0])
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return groups.joined(separator: ",") + "." + parts[1]
    }
}

/// Plain monospaced columns for terminal tables.
public enum TextTable {
    public static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingCharacters(in: " ")
        }
        return [line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)
    }
}
