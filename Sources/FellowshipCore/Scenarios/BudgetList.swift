/// The budgets of a sweep, from `--budgets 40000,60000` and `--budget-range FROM:TO:STEP`.
public enum BudgetList {
    /// At most this many distinct budgets in one sweep (per variant).
    public static let maximumCount = 1000

    static let amountShape = "an amount such as 60000 or 60000.00 (digits, at most two decimals, not negative)"

    /// The distinct budgets of all `--budgets` lists and `--budget-range`s, ascending.
    /// Every problem is a usage problem; all of them are returned at once.
    public static func parse(lists: [String], ranges: [String]) -> Result<[Money], ScenarioOptionErrors> {
        var problems: [ScenarioOptionProblem] = []
        var budgets = Set<Money>()
        for list in lists {
            let origin = "--budgets " + list
            for item in list.split(separator: ",", omittingEmptySubsequences: false) {
                let text = String(item).trimmingCharacters(in: " \t")
                if text.isEmpty {
                    problems.append(.init(.usage, "\(origin): an empty amount (two commas, or a comma at an end)"))
                } else if let amount = Money(decimalText: text) {
                    budgets.insert(amount)
                } else {
                    problems.append(
                        .init(.usage, "\(origin): expected \(amountShape), got \(ValueParsing.quoted(text))"))
                }
            }
        }
        for range in ranges {
            let origin = "--budget-range " + range
            let parts = range.split(separator: ":", omittingEmptySubsequences: false).map {
                String($0).trimmingCharacters(in: " \t")
            }
            guard parts.count == 3 else {
                problems.append(.init(.usage, "\(origin): expected FROM:TO:STEP, such as 40000:100000:2500"))
                continue
            }
            var amounts: [Money] = []
            for (name, text) in zip(["FROM", "TO", "STEP"], parts) {
                if let amount = Money(decimalText: text) {
                    amounts.append(amount)
                } else {
                    problems.append(
                        .init(.usage, "\(origin): \(name): expected \(amountShape), got \(ValueParsing.quoted(text))"))
                }
            }
            guard amounts.count == 3 else { continue }
            let (from, to, step) = (amounts[0], amounts[1], amounts[2])
            guard step > .zero else {
                problems.append(.init(.usage, "\(origin): STEP must be more than 0"))
                continue
            }
            guard from <= to else {
                problems.append(.init(.usage, "\(origin): FROM is more than TO"))
                continue
            }
            let count = (to.cents - from.cents) / step.cents + 1
            guard count <= Int64(maximumCount) else {
                problems.append(.init(.usage, "\(origin): gives \(count) budgets; at most \(maximumCount) are allowed"))
                continue
            }
            for index in 0..<count { budgets.insert(Money(cents: from.cents + index * step.cents)) }
        }
        if problems.isEmpty && budgets.isEmpty {
            problems.append(
                .init(
                    .usage,
                    "give the budgets to try with --budgets (such as --budgets 40000,60000,80000) or --budget-range (such as --budget-range 40000:100000:5000)"
                ))
        }
        if problems.isEmpty && budgets.count > maximumCount {
            problems.append(
                .init(
                    .usage,
                    "--budgets and --budget-range give \(budgets.count) budgets; at most \(maximumCount) are allowed"))
        }
        return problems.isEmpty ? .success(budgets.sorted()) : .failure(ScenarioOptionErrors(problems))
    }
}
