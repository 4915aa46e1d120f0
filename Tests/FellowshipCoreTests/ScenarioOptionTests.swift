import Testing

@testable import FellowshipCore

/// `--set`, `--variant`, `--budgets` and `--budget-range`: what they do to the policy, and
/// every error message, word for word.
@Suite("Scenario options")
struct ScenarioOptionTests {
    static let policyText = """
        {
          "region_targets": "countries",
          "weights": {"ldc": 3}
        }

        """

    static let policy = Fixtures.source("policy.json", policyText)

    func variants(_ sets: [String], _ variants: [String] = []) throws(ScenarioOptionErrors) -> [ScenarioVariant] {
        try PolicyOverrides.variants(policy: Self.policy, sets: sets, variants: variants)
    }

    /// The messages of a failing call, and whether it is a usage error.
    func problems(_ sets: [String], _ variants: [String] = []) -> (messages: [String], usage: Bool)? {
        do {
            _ = try self.variants(sets, variants)
            return nil
        } catch {
            return (error.problems.map(\.message), error.isUsage)
        }
    }

    @Test("--set changes any field by its dotted path; VALUE is JSON when it is JSON, else a string")
    func setsApply() throws {
        let result = try variants([
            "country_cap=1", "weights.gender_shortfall=12", "weights.roles.chair=7.5", "gender_target=0.6",
            "region_targets={\"AFR\": 0.4, \"ASP\": 0.3}", "solver.time_limit_seconds=30", "x_note=hello, world",
        ])
        #expect(result.count == 1)
        #expect(result[0].name == "base")
        var expected = Policy()
        expected.countryCap = 1
        expected.weights.genderShortfall = 12
        expected.weights.roles[.chair] = 7.5
        expected.genderTarget = 0.6
        expected.regionTargets = .explicit([.AFR: 0.4, .ASP: 0.3])
        expected.solver.timeLimitSeconds = 30
        #expect(result[0].policy == expected)
        #expect(result[0].assignments.first == "country_cap=1")
        // A bare word is a string: "countries" is the default region rule.
        let words = try variants(["region_targets=countries"])
        #expect(words[0].policy.regionTargets == .countries)
        // Without any override the policy is the file's, exactly as InputLoader reads it.
        #expect(try variants([])[0].policy == Policy())
    }

    @Test("--variant: named lines on top of the --sets; commas inside JSON values do not split")
    func variantsApply() throws {
        let result = try variants(
            ["weights.ldc=5"],
            [
                "base", "cap1:country_cap=1", "r:region_targets={\"AFR\":0.4,\"ASP\":0.3},country_cap=3", "empty:",
                "ldc:weights.ldc=0",
            ])
        #expect(result.map(\.name) == ["base", "cap1", "r", "empty", "ldc"])
        #expect(result.map(\.policy.weights.ldc) == [5, 5, 5, 5, 0])
        #expect(result.map(\.policy.countryCap) == [2, 1, 3, 2, 2])
        #expect(result[2].policy.regionTargets == .explicit([.AFR: 0.4, .ASP: 0.3]))
        #expect(
            result[2].assignments == ["weights.ldc=5", "region_targets={\"AFR\":0.4,\"ASP\":0.3}", "country_cap=3"])
        #expect(result[0].policy == result[3].policy)
    }

    @Test(
        "bad values get the policy file's messages, naming the option",
        arguments: [
            (
                "weights.gendr_shortfall=12",
                "--set weights.gendr_shortfall=12: unknown field; expected one of base, contribution, contribution_cap, roles, ldc, special_needs, country_coverage, region_shortfall, gender_shortfall (extra fields must start with x_)"
            ),
            ("country_cap=-1", "--set country_cap=-1: expected a whole number >= 0, got -1"),
            ("country_cap=1.5", "--set country_cap=1.5: expected a whole number >= 0, got 1.5"),
            ("gender_target=2", "--set gender_target=2: expected a finite number in [0, 1], got 2"),
            ("gender_target=abc", "--set gender_target=abc: expected a number, got a string"),
            (
                "weights.roles={\"chair\":-1}",
                "--set weights.roles={\"chair\":-1}: weights.roles.chair: expected a finite number >= 0, got -1"
            ),
            (
                "region_targets={\"AFR\":0.75,\"ASP\":0.5}",
                "--set region_targets={\"AFR\":0.75,\"ASP\":0.5}: the shares sum to 1.25, more than 1"
            ),
            (
                "region_targets=everyone",
                "--set region_targets=everyone: expected \"countries\" or an object of region shares such as {\"AFR\": 0.4}"
            ),
            (
                "region_targets.AFR=0.4",
                "--set region_targets.AFR=0.4: region_targets is a string in the policy, not an object, so it has no field AFR; set it whole instead, such as region_targets={\"AFR\": 0.4}"
            ),
            (
                "weight.base=3",
                "--set weight.base=3: weight: unknown field; expected one of budget, country_cap, max_dsa_per_country, gender_target, region_targets, weights, solver (extra fields must start with x_)"
            ),
        ])
    func invalidValues(_ set: String, _ message: String) throws {
        let found = try #require(problems([set]))
        #expect(found.messages == [message])
        #expect(found.usage == false)
    }

    @Test(
        "badly written options are usage errors",
        arguments: [
            ("budget", "--set budget: expected KEY=VALUE, such as --set country_cap=1"),
            (
                "budget=50000",
                "--set budget=50000: simulate varies the budget; give the amounts with --budgets or --budget-range"
            ),
            ("=3", "--set =3: the key is empty; expected KEY=VALUE, such as --set country_cap=1"),
            ("country_cap=", "--set country_cap=: the value is empty; expected KEY=VALUE, such as --set country_cap=1"),
            (
                "weights..base=1",
                "--set weights..base=1: the key \"weights..base\" has an empty part; keys are field names joined by dots, such as weights.roles.chair"
            ),
            (
                "gender_target=0,5",
                "--set gender_target=0,5: \"0,5\" is not a number; write numbers as in JSON, such as 12, 0.5 or 1e-3"
            ),
            (
                "region_targets={\"AFR\":0.4",
                "--set region_targets={\"AFR\":0.4: not valid JSON: expected ',' or '}' after the value of \"AFR\""
            ),
        ])
    func usageErrors(_ set: String, _ message: String) throws {
        let found = try #require(problems([set]))
        #expect(found.messages == [message])
        #expect(found.usage)
    }

    @Test(
        "bad --variant options",
        arguments: [
            (
                ":country_cap=1",
                "--variant :country_cap=1: the variant has no name; expected NAME:KEY=VALUE,KEY=VALUE, such as --variant cap1:country_cap=1"
            ),
            (
                "country_cap=1",
                "--variant country_cap=1: the variant has no name (the text before the first ':' names it and may not contain '='); expected NAME:KEY=VALUE,KEY=VALUE, such as --variant cap1:country_cap=1"
            ),
            (
                "a:country_cap=1,",
                "--variant a:country_cap=1,: an empty assignment (two commas, or a comma at an end); expected NAME:KEY=VALUE,KEY=VALUE, such as --variant cap1:country_cap=1"
            ),
            ("a:country_cap", "--variant a:country_cap: expected KEY=VALUE, such as --variant a:country_cap=1"),
            (
                "a:country_cap=1,country_cap=2",
                "--variant a:country_cap=1,country_cap=2: country_cap is set twice in this variant"
            ),
            (
                "a:budget=1",
                "--variant a:budget=1: simulate varies the budget; give the amounts with --budgets or --budget-range"
            ),
        ])
    func variantUsageErrors(_ variant: String, _ message: String) throws {
        let found = try #require(problems([], [variant]))
        #expect(found.messages == [message])
        #expect(found.usage)
    }

    @Test("every bad override is reported at once, in order, each once; usage wins the exit status")
    func allAtOnce() throws {
        let values = try #require(
            problems(
                ["country_cap=-1", "weights.ldc=x"], ["a:weights.ldc=-2", "b:weights.ldc=1", "c:gender_target=7"]))
        #expect(
            values.messages == [
                "--set country_cap=-1: expected a whole number >= 0, got -1",
                "--set weights.ldc=x: expected a number, got a string",
                "--variant a:weights.ldc=-2: expected a finite number >= 0, got -2",
                "--variant c:gender_target=7: expected a finite number in [0, 1], got 7",
            ])
        #expect(values.usage == false)
        let mixed = try #require(
            problems(["country_cap=-1", "budget", "country_cap=2"], ["a:x=1", "a:country_cap=1"]))
        #expect(
            mixed.messages == [
                "--set budget: expected KEY=VALUE, such as --set country_cap=1",
                "--set country_cap=2: country_cap is already set by --set country_cap=-1",
                "--variant a:country_cap=1: the name \"a\" is already used by another --variant",
                "--set country_cap=-1: expected a whole number >= 0, got -1",
                "--variant a:x=1: unknown field; expected one of budget, country_cap, max_dsa_per_country, gender_target, region_targets, weights, solver (extra fields must start with x_)",
            ])
        #expect(mixed.usage)
        // In the order written, not the order the policy's fields are checked in.
        let order = try #require(problems(["weights.gendr_shortfall=12", "solver.mip_gap=2", "country_cap=-1"]))
        #expect(
            order.messages.map { String($0.prefix(35)) } == [
                "--set weights.gendr_shortfall=12: u", "--set solver.mip_gap=2: expected a ",
                "--set country_cap=-1: expected a wh",
            ])
        let twice = try #require(problems(["country_cap=1", "country_cap=2"]))
        #expect(twice.messages == ["--set country_cap=2: country_cap is already set by --set country_cap=1"])
    }

    @Test("budgets: lists and ranges together, sorted and distinct, TO included when on a step")
    func budgets() throws {
        let parsed = try BudgetList.parse(
            lists: ["40000, 60000", "12500"], ranges: ["10000:20000:2500", "0:1000:300"]
        ).get()
        #expect(
            parsed.map(\.decimalText) == [
                "0.00", "300.00", "600.00", "900.00", "10000.00", "12500.00", "15000.00", "17500.00", "20000.00",
                "40000.00", "60000.00",
            ])
        let cents = try BudgetList.parse(lists: ["999.99"], ranges: ["0.5:1.5:0.25"]).get()
        #expect(cents.map(\.decimalText) == ["0.50", "0.75", "1.00", "1.25", "1.50", "999.99"])
    }

    @Test("bad budgets: all problems at once")
    func badBudgets() {
        func messages(_ lists: [String], _ ranges: [String]) -> [String] {
            switch BudgetList.parse(lists: lists, ranges: ranges) {
            case .success: return []
            case .failure(let errors):
                #expect(errors.isUsage)
                return errors.problems.map(\.message)
            }
        }
        let amount = "expected an amount such as 60000 or 60000.00 (digits, at most two decimals, not negative)"
        #expect(
            messages(["40000,,5", "abc", "-5", "1.234"], ["1:2", "1:x:1", "5:1:1", "1:5:0", "0:100000:1"]) == [
                "--budgets 40000,,5: an empty amount (two commas, or a comma at an end)",
                "--budgets abc: \(amount), got \"abc\"",
                "--budgets -5: \(amount), got \"-5\"",
                "--budgets 1.234: \(amount), got \"1.234\"",
                "--budget-range 1:2: expected FROM:TO:STEP, such as 40000:100000:2500",
                "--budget-range 1:x:1: TO: \(amount), got \"x\"",
                "--budget-range 5:1:1: FROM is more than TO",
                "--budget-range 1:5:0: STEP must be more than 0",
                "--budget-range 0:100000:1: gives 100001 budgets; at most 1000 are allowed",
            ])
        #expect(
            messages([], []) == [
                "give the budgets to try with --budgets (such as --budgets 40000,60000,80000) or --budget-range (such as --budget-range 40000:100000:5000)"
            ])
        #expect(
            messages([], ["0:999:1", "5000.50:5000.50:1"]) == [
                "--budgets and --budget-range give 1001 budgets; at most 1000 are allowed"
            ])
    }
}
