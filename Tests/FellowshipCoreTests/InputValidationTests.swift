import Foundation
import Testing

@testable import FellowshipCore

/// Every kind of bad input gets its precise `FILE:LINE: column: problem` message, all
/// problems are listed in one pass, and nothing is loaded.
@Suite("Input validation")
struct InputValidationTests {
    @Test("valid inline inputs load")
    func validInputsLoad() throws {
        let inputs = try Fixtures.load(applications: Fixtures.applicationsCSV([Fixtures.applicationRow("A-1")]))
        #expect(inputs.applications.count == 1)
        #expect(inputs.applications[0].ticketCost == Money(cents: 148_000))
        #expect(inputs.meeting.dsaCost == Money(cents: 384_000))
        #expect(inputs.countries.count == 5)
        #expect(inputs.policy == Policy())
    }

    @Test("a missing column is named, on the header line")
    func missingColumn() {
        let header = Fixtures.applicationsHeader.replacingOccurrences(of: ",role", with: "")
        let row = Fixtures.applicationRow("A-1").split(separator: ",").enumerated()
            .filter { $0.offset != 11 }.map { String($0.element) }.joined(separator: ",")
        #expect(
            Fixtures.problems(applications: header + "\n" + row + "\n")
                == ["applications.csv:1: role: missing required column"])
    }

    @Test("an unknown column is an error unless it starts with x_")
    func unknownColumn() {
        let text = Fixtures.applicationsHeader + ",rol,x_note\n" + Fixtures.applicationRow("A-1") + ",a,b\n"
        #expect(
            Fixtures.problems(applications: text) == [
                "applications.csv:1: rol: unknown column; expected columns are id, person_id, name, gender, country, delegation, registration_approved, submitted_at, request, ticket_cost, contributions, role, special_needs, complete, prior_partial_fy, prior_full_fy (extra columns must start with x_)"
            ])
    }

    @Test("x_ columns are kept, not dropped")
    func extensionColumnsKept() throws {
        let text = Fixtures.applicationsHeader + ",x_note\n" + Fixtures.applicationRow("A-1") + ",\"hello, world\"\n"
        let inputs = try Fixtures.load(applications: text)
        #expect(inputs.applications[0].extensions == ["x_note": "hello, world"])
    }

    @Test("an unknown country")
    func unknownCountry() {
        #expect(
            Fixtures.problems(
                applications: Fixtures.applicationsCSV([Fixtures.applicationRow("A-1", ["country": "XYZ"])]))
                == [
                    "applications.csv:2: country: unknown country \"XYZ\"; it must be an iso3 code listed in the countries file"
                ])
    }

    @Test(
        "malformed dates and instants",
        arguments: [
            (
                "2020-05-20 10:15:00+02:00",
                "expected an ISO 8601 instant with offset such as 2020-05-20T10:15:00+02:00, got \"2020-05-20 10:15:00+02:00\""
            ),
            ("2020-05-20T10:15:00", "\"2020-05-20T10:15:00\" has no UTC offset; add Z or an offset such as +02:00"),
            (
                "2020-02-30T10:15:00Z",
                "expected an ISO 8601 instant with offset such as 2020-05-20T10:15:00+02:00, got \"2020-02-30T10:15:00Z\""
            ),
            ("2020-05-20T25:15:00Z", "\"2020-05-20T25:15:00Z\" is not a time of day"),
            // Years whose nanoseconds since 1970 do not fit in 64 bits: an arithmetic overflow
            // (a crash) before the range check (issue #11, found by Schemathesis).
            (
                "1507-09-02T04:21:23Z",
                "\"1507-09-02T04:21:23Z\" is outside the years 1678 to 2261 an instant may fall in"
            ),
            (
                "9999-12-31T23:59:59-23:59",
                "\"9999-12-31T23:59:59-23:59\" is outside the years 1678 to 2261 an instant may fall in"
            ),
        ])
    func malformedInstant(text: String, message: String) {
        #expect(
            Fixtures.problems(
                applications: Fixtures.applicationsCSV([Fixtures.applicationRow("A-1", ["submitted_at": text])]))
                == ["applications.csv:2: submitted_at: \(message)"])
    }

    @Test(
        "malformed and negative amounts",
        arguments: [
            ("-5.00", "must not be negative, got \"-5.00\""),
            ("12.345", "expected an amount such as 1480.00 (digits, at most two decimals), got \"12.345\""),
            ("1,480.00", "expected an amount such as 1480.00 (digits, at most two decimals), got \"1,480.00\""),
            ("", "is empty; a value is required"),
            ("1e3", "expected an amount such as 1480.00 (digits, at most two decimals), got \"1e3\""),
        ])
    func malformedMoney(text: String, message: String) {
        let row = Fixtures.applicationRow("A-1", ["ticket_cost": text.contains(",") ? "\"\(text)\"" : text])
        #expect(
            Fixtures.problems(applications: Fixtures.applicationsCSV([row]))
                == ["applications.csv:2: ticket_cost: \(message)"])
    }

    @Test("ticket_cost may be empty for a DSA-only request")
    func ticketCostOptionalForDSA() throws {
        let inputs = try Fixtures.load(
            applications: Fixtures.applicationsCSV(
                [Fixtures.applicationRow("A-1", ["request": "dsa", "ticket_cost": ""])]))
        #expect(inputs.applications[0].ticketCost == nil)
    }

    @Test("bad counts, booleans and choices")
    func badScalars() {
        let row = Fixtures.applicationRow(
            "A-1",
            [
                "contributions": "-1", "special_needs": "maybe", "gender": "f", "prior_full_fy": "1.5",
            ])
        #expect(
            Fixtures.problems(applications: Fixtures.applicationsCSV([row])) == [
                "applications.csv:2: gender: expected one of female, male, other, undisclosed; got \"f\"",
                "applications.csv:2: contributions: must not be negative, got \"-1\"",
                "applications.csv:2: special_needs: expected yes or no (or true/false, 1/0), got \"maybe\"",
                "applications.csv:2: prior_full_fy: expected a whole number >= 0, got \"1.5\"",
            ])
    }

    @Test("booleans accept yes/no, true/false and 1/0 in any case")
    func booleanSpellings() throws {
        let rows = ["YES", "True", "1"].enumerated().map { index, spelling in
            Fixtures.applicationRow(
                "A-\(index)", ["complete": spelling, "special_needs": ["No", "FALSE", "0"][index]])
        }
        let inputs = try Fixtures.load(applications: Fixtures.applicationsCSV(rows))
        #expect(inputs.applications.allSatisfy { $0.complete && !$0.specialNeeds })
    }

    @Test("a duplicate id names the first line")
    func duplicateID() {
        let rows = [Fixtures.applicationRow("A-1"), Fixtures.applicationRow("A-2"), Fixtures.applicationRow("A-1")]
        #expect(
            Fixtures.problems(applications: Fixtures.applicationsCSV(rows))
                == ["applications.csv:4: id: duplicate application id \"A-1\" (first on line 2)"])
    }

    @Test("an empty file")
    func emptyFile() {
        #expect(Fixtures.problems(applications: "") == ["applications.csv:1: (file): the file is empty"])
        #expect(
            Fixtures.problems(applications: Fixtures.applicationsHeader + "\n")
                == ["applications.csv:1: (file): the file has a header but no applications"])
    }

    @Test("a file that is not UTF-8")
    func notUTF8() {
        var bytes = Array((Fixtures.applicationsHeader + "\n").utf8)
        bytes += Array(Fixtures.applicationRow("A-1", ["name": "Jos"]).utf8)
        let badOffset = bytes.count - 60
        bytes.insert(0xE9, at: badOffset)  // a Latin-1 é in the middle of the row
        let errors = #expect(throws: InputErrors.self) {
            try InputLoader.load(
                meeting: Fixtures.source("meeting.json", Fixtures.meetingJSON),
                applications: InputSource(name: "applications.csv", bytes: bytes),
                policy: Fixtures.source("policy.json", "{}"),
                countries: Fixtures.source("countries.csv", Fixtures.countriesCSV))
        }
        #expect(
            errors?.problems.map(\.description)
                == ["applications.csv:2: (file): not valid UTF-8 (byte \(badOffset + 1) of the file); save it as UTF-8"]
        )
    }

    @Test("quoted fields may hold commas, quotes and line breaks; lines are physical lines")
    func quotedFields() throws {
        let row1 = Fixtures.applicationRow("A-1", ["name": "\"Diallo, Aminata \"\"Mina\"\"\""])
        let row2 = Fixtures.applicationRow("A-2", ["name": "\"Two\nLines\""])
        let row3 = Fixtures.applicationRow("A-3", ["gender": "x"])
        let text = Fixtures.applicationsCSV([row1, row2, row3])
        #expect(
            Fixtures.problems(applications: text) == [
                "applications.csv:5: gender: expected one of female, male, other, undisclosed; got \"x\""
            ])
        let inputs = try Fixtures.load(applications: Fixtures.applicationsCSV([row1, row2]))
        #expect(inputs.applications[0].name == "Diallo, Aminata \"Mina\"")
        #expect(inputs.applications[1].name == "Two\nLines")
        #expect(inputs.applications[1].line == 3)
    }

    @Test("structural CSV problems")
    func structuralProblems() {
        let short = Fixtures.applicationsCSV([Fixtures.applicationRow("A-1"), "A-2,P-2"])
        #expect(
            Fixtures.problems(applications: short) == [
                "applications.csv:3: (file): the row has 2 fields but the header has 16"
            ])
        let unclosed = Fixtures.applicationsCSV([Fixtures.applicationRow("A-1", ["name": "\"Open"])])
        #expect(
            Fixtures.problems(applications: unclosed) == [
                "applications.csv:2: (file): a quoted field is never closed (missing closing quote)"
            ])
        let blank = Fixtures.applicationsCSV([Fixtures.applicationRow("A-1"), "", Fixtures.applicationRow("A-2")])
        #expect(
            Fixtures.problems(applications: blank) == [
                "applications.csv:3: (file): blank line inside the table; remove it or fill in the row"
            ])
    }

    @Test("policy values out of range are each reported with their key path and line")
    func policyOutOfRange() {
        let policy = """
            {
              "budget": -1,
              "country_cap": 1.5,
              "gender_target": 1.2,
              "region_targets": {"AFR": 0.7, "XYZ": 0.1, "ASP": 0.6},
              "weights": {"ldc": -3, "roles": {"chair": "high"}, "bse": 10},
              "solver": {"mip_gap": -0.1}
            }
            """
        #expect(
            Fixtures.problems(policy: policy) == [
                "policy.json:2: budget: must not be negative, got \"-1\"",
                "policy.json:3: country_cap: expected a whole number >= 0, got 1.5",
                "policy.json:4: gender_target: expected a finite number in [0, 1], got 1.2",
                "policy.json:5: region_targets.XYZ: unknown region; expected one of AFR, AMS, ARB, ASP, CIS, EUR",
                "policy.json:6: weights.bse: unknown field; expected one of base, contribution, contribution_cap, roles, ldc, special_needs, country_coverage, region_shortfall, gender_shortfall (extra fields must start with x_)",
                "policy.json:6: weights.ldc: expected a finite number >= 0, got -3",
                "policy.json:6: weights.roles.chair: expected a number, got a string",
                "policy.json:7: solver.mip_gap: expected a finite number in [0, 1], got -0.1",
            ])
    }

    @Test("region shares may not sum above 1")
    func regionSharesSum() {
        #expect(
            Fixtures.problems(policy: "{\"region_targets\": {\"AFR\": 0.7, \"ASP\": 0.6}}")
                == ["policy.json:1: region_targets: the shares sum to 1.2999999999999998, more than 1"])
    }

    @Test("policy: partial weights keep the other defaults")
    func partialPolicy() throws {
        let inputs = try Fixtures.load(
            applications: Fixtures.applicationsCSV([Fixtures.applicationRow("A-1")]),
            policy: "{\"budget\": 1000.5, \"weights\": {\"roles\": {\"chair\": 7}}, \"x_comment\": \"ok\"}")
        var expected = Policy()
        expected.budget = Money(cents: 100_050)
        expected.weights.roles[.chair] = 7
        #expect(inputs.policy == expected)
    }

    @Test("invalid JSON is reported with its line")
    func invalidJSON() {
        #expect(
            Fixtures.problems(policy: "{\n  \"budget\": 100,\n  \"budget\": 200\n}")
                == ["policy.json:3: (file): not valid JSON: the key \"budget\" appears twice in one object"])
        #expect(
            Fixtures.problems(policy: "{\n  \"budget\": 100,\n}")
                == ["policy.json:3: (file): not valid JSON: expected a quoted key"])
    }

    @Test("meeting fields: missing, malformed and inconsistent")
    func meetingProblems() {
        let meeting = """
            {
              "id": "M",
              "title": "T",
              "venue": "Geneva",
              "start_date": "2020-07-16",
              "end_date": "2020-07-06",
              "fellowship_deadline": "2020-05-25",
              "currency": "chf",
              "dsa_per_day": 320.001,
              "dsa_days": -2
            }
            """
        #expect(
            Fixtures.problems(meeting: meeting) == [
                "meeting.json:1: financial_year: missing required field",
                "meeting.json:6: end_date: the meeting ends (2020-07-06) before it starts (2020-07-16)",
                "meeting.json:7: fellowship_deadline: expected an ISO 8601 instant with offset such as 2020-05-20T10:15:00+02:00, got \"2020-05-25\"",
                "meeting.json:8: currency: expected an ISO 4217 code of three capital letters such as CHF, got \"chf\"",
                "meeting.json:9: dsa_per_day: expected an amount such as 1480.00 (digits, at most two decimals), got \"320.001\"",
                "meeting.json:10: dsa_days: expected a whole number from 0 to 366, got -2",
            ])
    }

    @Test("countries: duplicates and bad values")
    func countryProblems() {
        let countries =
            Fixtures.countriesCSV + "SEN,Senegal again,AFR,yes,no,no,low,yes\nxx,Bad,MARS,yes,no,no,rich,yes\n"
        #expect(
            Fixtures.problems(countries: countries) == [
                "countries.csv:7: iso3: duplicate code SEN (first on line 2)",
                "countries.csv:8: iso3: expected an ISO 3166-1 alpha-3 code of three capital letters, got \"xx\"",
                "countries.csv:8: region: expected one of AFR, AMS, ARB, ASP, CIS, EUR; got \"MARS\"",
                "countries.csv:8: income_group: expected one of low, lower_middle, upper_middle, high; got \"rich\"",
            ])
    }

    @Test("problems in several files are all reported in one pass")
    func allFilesAtOnce() {
        let problems = Fixtures.problems(
            applications: Fixtures.applicationsCSV([
                Fixtures.applicationRow("A-1", ["role": "boss"]),
                Fixtures.applicationRow("A-2", ["complete": "perhaps"]),
            ]),
            policy: "{\"country_cap\": -1}",
            meeting: Fixtures.meetingJSON.replacingOccurrences(of: "\"CHF\"", with: "\"Swiss francs\""))
        #expect(
            problems == [
                "meeting.json:8: currency: expected an ISO 4217 code of three capital letters such as CHF, got \"Swiss francs\"",
                "applications.csv:2: role: expected one of none, editor, rapporteur, vice_chair, chair; got \"boss\"",
                "applications.csv:3: complete: expected yes or no (or true/false, 1/0), got \"perhaps\"",
                "policy.json:1: country_cap: expected a whole number >= 0, got -1",
            ])
    }
}
