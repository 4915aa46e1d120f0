/// The outputs of a sweep: the scenarios JSON of FORMATS.md, CSV and a readable table.
extension ScenarioSweep {
    /// The scenarios document of FORMATS.md (its keys as named there, in that order, plus
    /// `variant` and `next_1000_value` per point, and the variants and saturation budgets).
    public var document: JSONValue {
        .object([
            ("model_version", .integer(1)),
            ("meeting", .string(meetingID)),
            ("currency", .string(currency)),
            ("next_step", .money(ScenarioSimulator.nextStep)),
            (
                "variants",
                .array(
                    variants.map { variant in
                        .object([
                            ("name", .string(variant.name)), ("set", .array(variant.assignments.map(JSONValue.string))),
                        ])
                    })
            ),
            (
                "scenarios",
                .array(
                    points.map { point in
                        .object([
                            ("variant", .string(point.variant)),
                            ("budget", .money(point.budget)),
                            ("status", .string(point.status.rawValue)),
                            ("value", .real(point.value)),
                            ("awards", .integer(point.awards)),
                            ("spent", .money(point.spent)),
                            ("women", .integer(point.women)),
                            ("countries", .integer(point.countries)),
                            ("by_region", .object(point.awardsByRegion.map { ($0.0.rawValue, .integer($0.1)) })),
                            ("next_1000_value", point.nextThousandValue.map(JSONValue.real) ?? .null),
                        ])
                    })
            ),
            (
                "saturation",
                .array(
                    saturation.map { entry in
                        .object([
                            ("variant", .string(entry.variant)),
                            ("status", .string(entry.status.rawValue)),
                            ("budget", entry.budget.map(JSONValue.money) ?? .null),
                            ("value", entry.value.map(JSONValue.real) ?? .null),
                        ])
                    })
            ),
        ])
    }

    /// The CSV columns, in order.
    public static let csvHeader =
        ["variant", "budget", "status", "value", "awards", "spent", "women", "countries"]
        + Region.allCases.map(\.rawValue) + ["next_1000_value", "saturation_budget"]

    /// One row per point; the variant's saturation budget is repeated on each of its rows.
    public var csv: String {
        let saturationBudget = Dictionary(
            saturation.map { ($0.variant, $0.budget) }, uniquingKeysWith: { first, _ in first })
        let rows = points.map { point -> [String] in
            [
                point.variant, point.budget.decimalText, point.status.rawValue, JSONValue.formatReal(point.value),
                String(point.awards), point.spent.decimalText, String(point.women), String(point.countries),
            ]
                + point.byRegion.map(String.init)
                + [
                    point.nextThousandValue.map(JSONValue.formatReal) ?? "",
                    (saturationBudget[point.variant] ?? nil)?.decimalText ?? "",
                ]
        }
        return CSVWriter.table(header: Self.csvHeader, rows: rows)
    }

    /// The readable table printed by `simulate --format table`.
    public var table: String {
        var lines: [String] = []
        lines.append("\(meetingID): \(meetingTitle)")
        lines.append("Applications \(applications), eligible \(eligible); amounts in \(currency)")
        lines.append("")
        let header =
            ["Variant", "Budget", "Status", "V", "Awards", "Spent", "Women", "Countries"]
            + Region.allCases.map(\.rawValue) + ["Next 1,000"]
        let rows = points.map { point -> [String] in
            [
                point.variant, AllocationTable.grouped(point.budget), point.status.rawValue,
                JSONValue.formatReal(point.value),
                String(point.awards), AllocationTable.grouped(point.spent), String(point.women),
                String(point.countries),
            ]
                + point.byRegion.map(String.init)
                + [point.nextThousandValue.map { "+" + JSONValue.formatReal($0) } ?? "n/a"]
        }
        lines.append(
            contentsOf: TextTable.render(
                header: header, rows: rows, rightAligned: Set(1..<header.count).subtracting([2])))
        lines.append("")
        lines.append("Saturation budget (least budget at which V is as high as with unlimited money):")
        for entry in saturation {
            let budget = entry.budget.map { AllocationTable.grouped($0) + " " + currency } ?? "unknown"
            let value = entry.value.map(JSONValue.formatReal) ?? "unknown"
            let note = entry.status == .optimal ? "" : " (time limit reached: not proven)"
            lines.append("  \(entry.variant): \(budget), V = \(value)\(note)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
