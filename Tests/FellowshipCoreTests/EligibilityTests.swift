import Testing

@testable import FellowshipCore

/// The gates of MODEL.md section 1, each on its own and in combination, and every
/// superseding case.
@Suite("Eligibility gates")
struct EligibilityTests {
    func gates(_ rows: [String], committed: [String: PriorAwards] = [:]) throws -> [[Gate]] {
        let inputs = try Fixtures.load(applications: Fixtures.applicationsCSV(rows))
        let countries = Dictionary(uniqueKeysWithValues: inputs.countries.map { ($0.iso3, $0) })
        return EligibilityScreen.gates(
            applications: inputs.applications, countries: countries,
            meeting: inputs.meeting, committed: committed)
    }

    @Test("an application that passes every gate is eligible")
    func eligible() throws {
        #expect(try gates([Fixtures.applicationRow("A-1")]) == [[]])
    }

    @Test(
        "each gate on its own",
        arguments: [
            (["country": "FRA"], Gate.country_not_eligible),
            (["delegation": "sector_member"], .not_member_state),
            (["delegation": "academia"], .not_member_state),
            (["registration_approved": "no"], .registration_not_approved),
            (["complete": "no"], .incomplete_application),
            (["submitted_at": "2020-05-26T00:00:00+02:00"], .late_application),
            (["submitted_at": "2020-05-25T22:00:00Z"], .late_application),
            (["prior_full_fy": "1"], .annual_limit_reached),
            (["prior_partial_fy": "2"], .annual_limit_reached),
        ])
    func singleGate(overrides: [String: String], gate: Gate) throws {
        #expect(try gates([Fixtures.applicationRow("A-1", overrides)]) == [[gate]])
    }

    @Test("the deadline instant itself is on time; offsets are compared as instants")
    func deadlineBoundary() throws {
        let result = try gates([
            Fixtures.applicationRow("A-1", ["submitted_at": "2020-05-25T23:59:59+02:00"]),
            Fixtures.applicationRow("A-2", ["submitted_at": "2020-05-25T21:59:59Z"]),
            Fixtures.applicationRow("A-3", ["submitted_at": "2020-05-25T21:59:59.001Z"]),
            Fixtures.applicationRow("A-4", ["submitted_at": "2020-05-25T17:59:59-04:00"]),
        ])
        #expect(result == [[], [], [.late_application], []])
    }

    @Test("one partial fellowship so far is still within the annual limit")
    func onePartialAllowed() throws {
        #expect(try gates([Fixtures.applicationRow("A-1", ["prior_partial_fy": "1"])]) == [[]])
    }

    @Test("awards committed in the store count towards the annual limit")
    func committedAwards() throws {
        let rows = [Fixtures.applicationRow("A-1", ["prior_partial_fy": "1"]), Fixtures.applicationRow("A-2")]
        #expect(try gates(rows, committed: ["P-A-1": PriorAwards(partial: 1)]) == [[.annual_limit_reached], []])
        #expect(try gates(rows, committed: ["P-A-2": PriorAwards(full: 1)]) == [[], [.annual_limit_reached]])
    }

    @Test("all failing gates are listed in the published order")
    func allGatesInOrder() throws {
        let row = Fixtures.applicationRow(
            "A-1",
            [
                "country": "FRA", "delegation": "other", "registration_approved": "no", "complete": "no",
                "submitted_at": "2020-06-01T00:00:00Z", "prior_full_fy": "1",
            ])
        #expect(
            try gates([row]) == [
                [
                    .country_not_eligible, .not_member_state, .registration_not_approved,
                    .incomplete_application, .late_application, .annual_limit_reached,
                ]
            ])
    }

    // MARK: Superseding

    func person(_ id: String, _ submitted: String, _ extra: [String: String] = [:]) -> String {
        Fixtures.applicationRow(id, ["person_id": "P-same", "submitted_at": submitted].merging(extra) { $1 })
    }

    @Test("the latest on-time application counts; earlier ones are superseded")
    func latestOnTimeCounts() throws {
        let result = try gates([
            person("A-1", "2020-05-01T10:00:00Z"),
            person("A-2", "2020-05-10T10:00:00Z"),
            person("A-3", "2020-05-05T10:00:00Z"),
        ])
        #expect(result == [[.superseded], [], [.superseded]])
    }

    @Test("a late resubmission does not replace an on-time application")
    func lateResubmissionIgnored() throws {
        let result = try gates([
            person("A-1", "2020-05-01T10:00:00Z"),
            person("A-2", "2020-06-01T10:00:00Z"),
        ])
        #expect(result == [[], [.late_application, .superseded]])
    }

    @Test("when every application is late, the latest one counts (and is late)")
    func allLate() throws {
        let result = try gates([
            person("A-1", "2020-06-02T10:00:00Z"),
            person("A-2", "2020-06-01T10:00:00Z"),
        ])
        #expect(result == [[.late_application], [.late_application, .superseded]])
    }

    @Test("same instant: the greater id in byte order counts")
    func tieOnInstantGoesToGreaterID() throws {
        let result = try gates([
            person("B-10", "2020-05-01T10:00:00+02:00"),
            person("B-9", "2020-05-01T08:00:00Z"),
            person("B-1", "2020-05-01T10:00:00+02:00"),
        ])
        // Byte order: "B-9" > "B-10" > "B-1".
        #expect(result == [[.superseded], [], [.superseded]])
    }

    @Test("a later form that fails another gate still replaces the earlier one")
    func laterIncompleteFormStillCounts() throws {
        let result = try gates([
            person("A-1", "2020-05-01T10:00:00Z"),
            person("A-2", "2020-05-02T10:00:00Z", ["complete": "no"]),
        ])
        #expect(result == [[.superseded], [.incomplete_application]])
    }

    @Test("different people are never superseded by each other")
    func differentPeople() throws {
        let result = try gates([Fixtures.applicationRow("A-1"), Fixtures.applicationRow("A-2")])
        #expect(result == [[], []])
    }
}

@Suite("Scores and costs")
struct ScoreTests {
    @Test("score terms follow the policy weights, contributions capped")
    func scoreTerms() throws {
        let inputs = try Fixtures.load(
            applications: Fixtures.applicationsCSV([
                Fixtures.applicationRow("A-1", ["contributions": "5", "role": "rapporteur", "special_needs": "yes"]),
                Fixtures.applicationRow("A-2", ["country": "BOL", "contributions": "0", "role": "chair"]),
            ]))
        let screening = Screening(inputs: inputs)
        let first = try #require(screening.scores[0])
        #expect(first.terms.map(\.term) == ["base", "contribution", "role", "ldc", "special_needs"])
        #expect(first.terms.map(\.points) == [10, 9, 4, 3, 2])
        #expect(first.total == 28)
        let second = try #require(screening.scores[1])
        #expect(second.terms.map(\.term) == ["base", "role"])
        #expect(second.total == 15)
    }

    @Test("fractional weights and caps")
    func fractionalWeights() throws {
        let inputs = try Fixtures.load(
            applications: Fixtures.applicationsCSV([Fixtures.applicationRow("A-1", ["contributions": "4"])]),
            policy: "{\"weights\": {\"base\": 2.5, \"contribution\": 1.5, \"contribution_cap\": 2.5, \"ldc\": 0}}")
        #expect(Screening(inputs: inputs).scores[0]?.total == 2.5 + 1.5 * 2.5)
    }

    @Test("costs are exact to the cent; components follow the request")
    func costs() throws {
        let inputs = try Fixtures.load(
            applications: Fixtures.applicationsCSV([
                Fixtures.applicationRow("A-1", ["request": "ticket", "ticket_cost": "1523.45"]),
                Fixtures.applicationRow("A-2", ["request": "dsa", "ticket_cost": "999.99"]),
                Fixtures.applicationRow("A-3", ["request": "either", "ticket_cost": "0.10"]),
            ]))
        let candidates = Screening(inputs: inputs).problem.candidates
        #expect(candidates.map(\.ticketCost) == [Money(cents: 152_345), nil, Money(cents: 10)])
        #expect(candidates.map(\.dsaCost) == [nil, Money(cents: 384_000), Money(cents: 384_000)])
        #expect(candidates[2].componentsByCost == [.ticket, .dsa])
    }

    @Test("ranks follow submission instant, then id in byte order")
    func ranks() throws {
        let inputs = try Fixtures.load(
            applications: Fixtures.applicationsCSV([
                Fixtures.applicationRow("A-2", ["submitted_at": "2020-05-02T00:00:00Z"]),
                Fixtures.applicationRow("A-10", ["submitted_at": "2020-05-01T00:00:00Z"]),
                Fixtures.applicationRow("A-1", ["submitted_at": "2020-05-01T02:00:00+02:00"]),
            ]))
        #expect(Screening(inputs: inputs).problem.candidates.map(\.id) == ["A-1", "A-10", "A-2"])
    }

    @Test("region targets from countries: each region's share of countries with an eligible application")
    func regionTargetsFromCountries() throws {
        let inputs = try Fixtures.load(
            applications: Fixtures.applicationsCSV([
                Fixtures.applicationRow("A-1", ["country": "SEN"]),
                Fixtures.applicationRow("A-2", ["country": "SEN"]),
                Fixtures.applicationRow("A-3", ["country": "NPL"]),
                Fixtures.applicationRow("A-4", ["country": "EGY"]),
                Fixtures.applicationRow("A-5", ["country": "BOL", "complete": "no"]),
            ]))
        let problem = Screening(inputs: inputs).problem
        let third: Double = 1.0 / 3
        let expected: [Region: Double] = [.AFR: third, .ASP: third, .ARB: third]
        #expect(problem.regionShares == expected)
    }
}
