import Foundation

@testable import FellowshipCore

/// Small inputs written inline, so every test shows the exact bytes it feeds in.
enum Fixtures {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func dataFile(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

    static let countriesCSV = """
        iso3,name,region,ldc,lldc,sids,income_group,eligible
        SEN,Senegal,AFR,yes,no,no,lower_middle,yes
        NPL,Nepal,ASP,yes,yes,no,lower_middle,yes
        BOL,"Bolivia (Plurinational State of)",AMS,no,yes,no,lower_middle,yes
        FRA,France,EUR,no,no,no,high,no
        EGY,Egypt,ARB,no,no,no,lower_middle,yes

        """

    static let meetingJSON = """
        {
          "id": "SG20-2020-07",
          "title": "ITU-T Study Group 20 meeting",
          "venue": "Geneva, Switzerland",
          "start_date": "2020-07-06",
          "end_date": "2020-07-16",
          "fellowship_deadline": "2020-05-25T23:59:59+02:00",
          "currency": "CHF",
          "dsa_per_day": 320.00,
          "dsa_days": 12,
          "financial_year": 2020
        }
        """

    static let applicationsHeader =
        "id,person_id,name,gender,country,delegation,registration_approved,submitted_at,request,ticket_cost,contributions,role,special_needs,complete,prior_partial_fy,prior_full_fy"

    /// One valid application row with fields overridden by column name.
    static func applicationRow(_ id: String, _ overrides: [String: String] = [:]) -> String {
        var fields: [String: String] = [
            "id": id, "person_id": "P-\(id)", "name": "Name \(id)", "gender": "female", "country": "SEN",
            "delegation": "member_state", "registration_approved": "yes",
            "submitted_at": "2020-05-20T10:15:00+02:00", "request": "either", "ticket_cost": "1480.00",
            "contributions": "1", "role": "none", "special_needs": "no", "complete": "yes",
            "prior_partial_fy": "0", "prior_full_fy": "0",
        ]
        for (key, value) in overrides { fields[key] = value }
        return applicationsHeader.split(separator: ",").map { fields[String($0)]! }.joined(separator: ",")
    }

    static func applicationsCSV(_ rows: [String]) -> String {
        ([applicationsHeader] + rows).joined(separator: "\n") + "\n"
    }

    static func source(_ name: String, _ text: String) -> InputSource {
        InputSource(name: name, bytes: Array(text.utf8))
    }

    /// Loads the inline inputs; any argument may be replaced.
    static func load(
        applications: String, policy: String = "{}", meeting: String = meetingJSON, countries: String = countriesCSV
    ) throws(InputErrors) -> AllocationInputs {
        try InputLoader.load(
            meeting: source("meeting.json", meeting), applications: source("applications.csv", applications),
            policy: source("policy.json", policy), countries: source("countries.csv", countries))
    }

    /// The problems reported for the inputs, as `FILE:LINE: column: problem` lines.
    static func problems(
        applications: String = applicationsCSV([applicationRow("A-1")]), policy: String = "{}",
        meeting: String = meetingJSON, countries: String = countriesCSV
    ) -> [String] {
        do {
            _ = try load(applications: applications, policy: policy, meeting: meeting, countries: countries)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }
}
