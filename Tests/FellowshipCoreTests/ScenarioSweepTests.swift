import Foundation
import Testing

@testable import FellowshipCore

/// Budget sweeps: every point is the `allocate` run at that budget and policy, V never falls
/// as the budget grows, the next 1,000 and the saturation budget are what separate solves say,
/// and the outputs are the same whatever the number of threads.
@Suite("Scenario sweeps")
struct ScenarioSweepTests {
    static func at(_ minute: Int) -> String { "2020-05-20T10:\(minute < 10 ? "0" : "")\(minute):00Z" }

    /// Nine eligible applications in four countries (and one ineligible): ticket-only, DSA-only
    /// and either, costs with cents, roles, an LDC bonus, specific needs.
    static let applications = Fixtures.applicationsCSV([
        Fixtures.applicationRow("A-1", ["submitted_at": at(1), "ticket_cost": "1480.00"]),
        Fixtures.applicationRow(
            "A-2",
            ["submitted_at": at(2), "gender": "male", "request": "ticket", "ticket_cost": "2100.00", "role": "editor"]),
        Fixtures.applicationRow(
            "A-3", ["submitted_at": at(3), "request": "dsa", "ticket_cost": "", "contributions": "0"]),
        Fixtures.applicationRow(
            "A-4",
            ["submitted_at": at(4), "gender": "male", "country": "NPL", "ticket_cost": "2600.00", "contributions": "3"]),
        Fixtures.applicationRow(
            "A-5", ["submitted_at": at(5), "country": "NPL", "request": "ticket", "ticket_cost": "1900.50"]),
        Fixtures.applicationRow(
            "A-6",
            ["submitted_at": at(6), "gender": "male", "country": "BOL", "ticket_cost": "1200.00", "contributions": "0"]),
        Fixtures.applicationRow(
            "A-7",
            [
                "submitted_at": at(7), "country": "BOL", "request": "ticket", "ticket_cost": "950.25",
                "special_needs": "yes",
            ]),
        Fixtures.applicationRow(
            "A-8", ["submitted_at": at(8), "gender": "male", "country": "EGY", "request": "dsa", "ticket_cost": ""]),
        Fixtures.applicationRow(
            "A-9", ["submitted_at": at(9), "country": "EGY", "ticket_cost": "3000.00", "role": "chair"]),
        Fixtures.applicationRow("A-10", ["submitted_at": at(10), "country": "FRA"]),
    ])

    static let budgets = [0, 1000, 2000, 3000.5, 4500, 6000, 9000, 12000, 16000, 25000].map {
        Money(cents: Int64($0 * 100))
    }

    /// The variants as --variant options, and the same policies written as policy.json text
    /// (the separate `allocate` runs read these, not the override machinery).
    static let variantOptions = ["base", "cap1:country_cap=1", "women:gender_target=0.6,weights.gender_shortfall=20"]
    static let policyTexts = [
        "base": "{%@}",
        "cap1": "{\"country_cap\": 1, %@}",
        "women": "{\"gender_target\": 0.6, \"weights\": {\"gender_shortfall\": 20}, %@}",
    ]

    static func inputs() throws -> AllocationInputs { try Fixtures.load(applications: applications) }

    static func sweep(width: Int? = nil) throws -> ScenarioSweep {
        let variants = try PolicyOverrides.variants(
            policy: Fixtures.source("policy.json", "{}"), sets: [], variants: variantOptions)
        return try ScenarioSimulator.run(inputs: inputs(), variants: variants, budgets: budgets, width: width)
    }

    /// A separate `allocate` run of a variant at a budget.
    static func allocate(_ variant: String, _ budget: Money) throws -> AllocationResult {
        let text = policyTexts[variant]!.replacingOccurrences(of: "%@", with: "\"budget\": \(budget.decimalText)")
            .replacingOccurrences(of: ", }", with: "}")
        let inputs = try Fixtures.load(applications: applications, policy: text)
        #expect(inputs.policy.budget == budget)
        return try Allocator.allocate(Screening(inputs: inputs))
    }

    @Test("every point equals a separate allocate run at that budget and policy")
    func pointsEqualAllocate() throws {
        let sweep = try Self.sweep()
        #expect(sweep.points.count == 3 * Self.budgets.count)
        #expect(
            sweep.points.map(\.variant)
                == ["base", "cap1", "women"].flatMap { Array(repeating: $0, count: Self.budgets.count) })
        for point in sweep.points {
            let run = try Self.allocate(point.variant, point.budget)
            let tally = run.tally
            #expect(point.status == run.status)
            #expect(point.value == run.value, "\(point.variant) at \(point.budget.decimalText)")
            #expect(point.awards == tally.awards)
            #expect(point.spent == tally.spent)
            #expect(point.women == tally.women)
            #expect(point.countries == tally.coveredCountries)
            #expect(point.byRegion == run.awardsByRegion.map(\.1))
        }
        // The instance is not trivial: awards grow, the cap and the gender weight matter.
        let base = sweep.points(of: "base")
        let cap1 = sweep.points(of: "cap1")
        #expect(base.first!.awards == 0 && base.last!.awards == 8)
        #expect(cap1.last!.awards == 4)
        #expect(
            base.map(\.awards) != sweep.points(of: "women").map(\.awards)
                || base.map(\.value) != sweep.points(of: "women").map(\.value))
    }

    @Test("V never decreases as the budget grows")
    func monotone() throws {
        let sweep = try Self.sweep()
        for variant in ["base", "cap1", "women"] {
            let values = sweep.points(of: variant).map(\.value)
            for (lower, higher) in zip(values, values.dropFirst()) { #expect(higher >= lower) }
            #expect(values.last! > values.first!)
        }
    }

    @Test("the value of the next 1,000 is V*(B + 1000) - V*(B) of separate runs")
    func nextThousand() throws {
        let sweep = try Self.sweep()
        for point in sweep.points {
            let here = try Self.allocate(point.variant, point.budget).value
            let next = try Self.allocate(point.variant, point.budget + Money(cents: 100_000)).value
            let reported = try #require(point.nextThousandValue)
            #expect(abs(reported - (next - here)) <= 1e-6, "\(point.variant) at \(point.budget.decimalText)")
            #expect(reported >= 0)
        }
        // At the top of the sweep money no longer helps.
        #expect(sweep.points(of: "base").last!.nextThousandValue == 0)
        #expect(sweep.points(of: "base")[1].nextThousandValue! > 0)
    }

    @Test("saturation: V at that budget is V with unlimited money, and one cent less is not enough")
    func saturation() throws {
        let sweep = try Self.sweep()
        #expect(sweep.saturation.map(\.variant) == ["base", "cap1", "women"])
        for entry in sweep.saturation {
            #expect(entry.status == .optimal)
            let budget = try #require(entry.budget)
            let value = try #require(entry.value)
            let unlimited = try Self.allocate(entry.variant, Money(cents: 100_000_000))
            let tolerance = AllocationProblem.tolerance(unlimited.value)
            #expect(abs(value - unlimited.value) <= tolerance)
            #expect(abs(try Self.allocate(entry.variant, budget).value - unlimited.value) <= tolerance)
            // One cent less, solved by exhaustive enumeration (no solver tolerances at all).
            var problem = unlimited.problem
            problem.budget = budget
            #expect(abs(try #require(BruteForce.optimum(problem)) - unlimited.value) <= tolerance)
            problem.budget = budget - Money(cents: 1)
            #expect(try #require(BruteForce.optimum(problem)) < unlimited.value - tolerance)
        }
        // Base policy: everyone the caps allow (SEN's third applicant is capped), each with the
        // cheapest component the DSA rule leaves: 1480 + 2100 + 2600 + 1900.50 + 1200 + 950.25
        // + 3840 + 3000.
        #expect(sweep.saturation[0].budget == Money(cents: 1_707_075))
        // One award per country: the best of each, cheapest first when tied.
        #expect(sweep.saturation[1].budget! < sweep.saturation[0].budget!)
    }

    @Test("the same sweep on one thread and on several gives the same documents")
    func deterministic() throws {
        let serial = try Self.sweep(width: 1)
        let parallel = try Self.sweep(width: 4)
        let again = try Self.sweep()
        #expect(serial.points == parallel.points)
        #expect(serial.saturation == parallel.saturation)
        #expect(serial.document.document == parallel.document.document)
        #expect(again.document.document == parallel.document.document)
        #expect(serial.csv == parallel.csv)
        #expect(ScenarioChart.svg(serial) == ScenarioChart.svg(parallel))
    }

    @Test("the scenarios JSON follows FORMATS.md, with the variant and the next 1,000 added")
    func document() throws {
        let sweep = try Self.sweep()
        guard case .object(let members) = sweep.document else {
            Issue.record("not an object")
            return
        }
        #expect(
            members.map(\.0) == [
                "model_version", "meeting", "currency", "next_step", "variants", "scenarios", "saturation",
            ])
        let text = sweep.document.document
        let next = try Self.allocate("base", Money(cents: 100_000)).value
        #expect(
            text.hasPrefix(
                "{\n  \"model_version\": 1,\n  \"meeting\": \"SG20-2020-07\",\n  \"currency\": \"CHF\",\n  \"next_step\": 1000.00,\n"
            ))
        #expect(
            text.contains(
                "  \"variants\": [\n    {\"name\": \"base\", \"set\": []},\n    {\"name\": \"cap1\", \"set\": [\"country_cap=1\"]},\n"
            ))
        #expect(
            text.contains(
                "    {\"variant\": \"base\", \"budget\": 0.00, \"status\": \"optimal\", \"value\": 0, \"awards\": 0, \"spent\": 0.00, \"women\": 0, \"countries\": 0, \"by_region\": {\"AFR\": 0, \"AMS\": 0, \"ARB\": 0, \"ASP\": 0, \"CIS\": 0, \"EUR\": 0}, \"next_1000_value\": \(JSONValue.formatReal(next))},\n"
            ))
        let point = sweep.points(of: "base")[3]
        #expect(
            text.contains(
                "{\"variant\": \"base\", \"budget\": 3000.50, \"status\": \"optimal\", \"value\": \(JSONValue.formatReal(point.value)), \"awards\": \(point.awards), \"spent\": \(point.spent.decimalText),"
            ))
        let saturation = sweep.saturation[0]
        #expect(
            text.contains(
                "  \"saturation\": [\n    {\"variant\": \"base\", \"status\": \"optimal\", \"budget\": 17070.75, \"value\": \(JSONValue.formatReal(saturation.value!))},\n"
            ))
    }

    @Test("CSV: one row per point, the columns named; the table lists every point and the saturation")
    func csvAndTable() throws {
        let sweep = try Self.sweep()
        let lines = sweep.csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == sweep.points.count + 2)
        #expect(
            lines[0]
                == "variant,budget,status,value,awards,spent,women,countries,AFR,AMS,ARB,ASP,CIS,EUR,next_1000_value,saturation_budget"
        )
        let first = sweep.points[0]
        #expect(
            lines[1]
                == "base,0.00,optimal,0,0,0.00,0,0,0,0,0,0,0,0,\(JSONValue.formatReal(first.nextThousandValue!)),17070.75"
        )
        #expect(lines.last == "")
        let table = sweep.table
        #expect(table.contains("Variant     Budget  Status"))
        #expect(table.contains("  base: 17,070.75 CHF, V = \(JSONValue.formatReal(sweep.saturation[0].value!))"))
        #expect(table.split(separator: "\n").filter { $0.hasPrefix("cap1 ") }.count == Self.budgets.count)
    }

    @Test("progress is reported up to the total of each stage")
    func progress() throws {
        final class Log: @unchecked Sendable {
            let lock = NSLock()
            var entries: [ScenarioProgress] = []
        }
        let log = Log()
        let variants = [ScenarioVariant(name: "base", policy: Policy())]
        _ = try ScenarioSimulator.run(
            inputs: Self.inputs(), variants: variants, budgets: Array(Self.budgets.prefix(3)), width: 2
        ) { progress in
            log.lock.lock()
            log.entries.append(progress)
            log.lock.unlock()
        }
        let budgets = log.entries.filter { $0.stage == "budgets" }
        #expect(budgets.map(\.done).sorted() == [1, 2, 3, 4])
        #expect(budgets.allSatisfy { $0.total == 4 })
        #expect(log.entries.last!.done == log.entries.last!.total)
    }

    @Test("the bundled meeting, countries and default policy with forty applications")
    func realData() throws {
        var random = TestRandom(seed: 20)
        let countries = ["SEN", "NPL", "BOL", "EGY", "KEN", "HTI", "UGA", "BGD", "TZA", "ETH", "GHA", "LAO"]
        var rows: [String] = []
        for index in 1...40 {
            let request = random.pick(["ticket", "either", "either", "dsa"])
            let fields: [String: String] = [
                "gender": random.pick(["female", "male", "male", "other"]), "country": random.pick(countries),
                "submitted_at": "2020-05-\(10 + random.int(0...9))T\(10 + random.int(0...9)):00:00+02:00",
                "request": request,
                "ticket_cost": request == "dsa" ? "" : "\(random.int(600...2600)).\(random.int(10...99))",
                "contributions": String(random.int(0...4)), "role": random.pick(["none", "none", "editor", "chair"]),
            ]
            rows.append(Fixtures.applicationRow("R-\(index)", fields))
        }
        let countriesText = try String(contentsOfFile: Fixtures.dataFile("Data/countries.csv"), encoding: .utf8)
        let meetingText = try String(
            contentsOfFile: Fixtures.dataFile("Data/meetings/sg20-2020-07.json"), encoding: .utf8)
        let policyText = try String(contentsOfFile: Fixtures.dataFile("Data/policies/default.json"), encoding: .utf8)
        let inputs = try Fixtures.load(
            applications: Fixtures.applicationsCSV(rows), policy: policyText,
            meeting: meetingText, countries: countriesText)
        let variants = try PolicyOverrides.variants(
            policy: Fixtures.source("policy.json", policyText), sets: [],
            variants: ["base", "cap1:country_cap=1"])
        let budgets = [10_000, 25_000, 40_000].map { Money(cents: Int64($0) * 100) }
        let sweep = try ScenarioSimulator.run(inputs: inputs, variants: variants, budgets: budgets)
        for point in sweep.points {
            var policy = variants.first { $0.name == point.variant }!.policy
            policy.budget = point.budget
            var pointInputs = inputs
            pointInputs.policy = policy
            let run = try Allocator.allocate(Screening(inputs: pointInputs))
            #expect(point.value == run.value)
            #expect(point.awards == run.tally.awards)
            #expect(point.spent == run.tally.spent)
        }
        #expect(sweep.points(of: "base").map(\.awards) == sweep.points(of: "base").map(\.awards).sorted())
        #expect(sweep.points(of: "base")[0].awards > 0)
        for entry in sweep.saturation {
            var policy = variants.first { $0.name == entry.variant }!.policy
            policy.budget = try #require(entry.budget)
            var atSaturation = inputs
            atSaturation.policy = policy
            #expect(
                abs(try Allocator.allocate(Screening(inputs: atSaturation)).value - entry.value!)
                    <= AllocationProblem.tolerance(entry.value!))
        }
    }
}
