import FellowshipCore
import Foundation

/// The policy form of a meeting page: its fields, prefilled from the current policy, and the
/// policy.json it writes when sent (checked as an uploaded policy.json is).
enum PolicyForm {
    /// The weight fields, in the order of policy.json, with their labels.
    static let weights: [(key: String, label: String)] = [
        ("base", "Base points"), ("contribution", "Points per written contribution"),
        ("contribution_cap", "Most contributions counted"), ("ldc", "Least developed country"),
        ("special_needs", "Specific needs"), ("country_coverage", "Bonus per country covered"),
        ("region_shortfall", "Penalty per award a region is short"),
        ("gender_shortfall", "Penalty per award women are short"),
    ]

    /// The form's values for `policy` (the current one, or the published defaults).
    static func values(_ policy: Policy) -> [String: Any] {
        let w = policy.weights
        let weightValues: [String: Double] = [
            "base": w.base, "contribution": w.contribution, "contribution_cap": w.contributionCap, "ldc": w.ldc,
            "special_needs": w.specialNeeds, "country_coverage": w.countryCoverage,
            "region_shortfall": w.regionShortfall, "gender_shortfall": w.genderShortfall,
        ]
        var explicit: [Region: Double] = [:]
        var byCountries = true
        if case .explicit(let shares) = policy.regionTargets {
            explicit = shares
            byCountries = false
        }
        return [
            "budget": policy.budget.decimalText, "countryCap": policy.countryCap, "maxDSA": policy.maxDSAPerCountry,
            "genderTarget": JSONValue.formatReal(policy.genderTarget),
            "regionsByCountries": byCountries,
            "regionFields": Region.allCases.map { region -> [String: Any] in
                [
                    "code": region.rawValue, "name": region.englishName,
                    "value": explicit[region].map(JSONValue.formatReal) ?? "",
                ]
            },
            "weightFields": weights.map { field -> [String: Any] in
                ["key": field.key, "label": field.label, "value": JSONValue.formatReal(weightValues[field.key] ?? 0)]
            },
            "roleFields": Role.allCases.map { role -> [String: Any] in
                [
                    "key": role.rawValue, "label": role.rawValue.replacingOccurrences(of: "_", with: " "),
                    "value": JSONValue.formatReal(w.role(role)),
                ]
            },
            "mipGap": JSONValue.formatReal(policy.solver.mipGap),
            "timeLimit": JSONValue.formatReal(policy.solver.timeLimitSeconds),
        ]
    }

    /// Every field name the form has.
    static let fieldNames: Set<String> = {
        var names: Set<String> = [
            "budget", "country_cap", "max_dsa_per_country", "gender_target", "region_targets",
            "mip_gap", "time_limit_seconds",
        ]
        for region in Region.allCases { names.insert("region_\(region.rawValue)") }
        for field in weights { names.insert("weight_\(field.key)") }
        for role in Role.allCases { names.insert("role_\(role.rawValue)") }
        return names
    }()

    /// The policy.json text the sent form stands for.
    static func document(_ form: FormFields) -> String {
        var document = FormDocument()
        document.add("budget", form["budget"], as: .number)
        document.add("country_cap", form["country_cap"], as: .number)
        document.add("max_dsa_per_country", form["max_dsa_per_country"], as: .number)
        document.add("gender_target", form["gender_target"], as: .number)
        switch form["region_targets"] {
        case "explicit"?:
            let given = Region.allCases.filter { form["region_\($0.rawValue)"] != nil }
            // No share given at all is still an explicit choice: every region's share is 0.
            if given.isEmpty { document.addRaw("region_targets", "{}") }
            for region in given {
                document.add("region_targets.\(region.rawValue)", form["region_\(region.rawValue)"], as: .number)
            }
        case nil, "countries"?:
            document.add("region_targets", "countries", as: .text)
        case let other?:
            // Not a choice the form offers: passed on, so that the policy reader names it.
            document.add("region_targets", other, as: .text)
        }
        for field in weights { document.add("weights.\(field.key)", form["weight_\(field.key)"], as: .number) }
        for role in Role.allCases {
            document.add("weights.roles.\(role.rawValue)", form["role_\(role.rawValue)"], as: .number)
        }
        document.add("solver.mip_gap", form["mip_gap"], as: .number)
        document.add("solver.time_limit_seconds", form["time_limit_seconds"], as: .number)
        return document.text
    }
}

/// The meeting form of the meetings page: the meeting.json its fields stand for.
enum MeetingForm {
    static let fields: [(key: String, label: String, kind: FormDocument.Kind, hint: String)] = [
        ("id", "Meeting id", .text, "A short code such as SG20-2020-07: letters, digits, dashes."),
        ("title", "Title", .text, ""),
        ("venue", "Venue", .text, "City and country."),
        ("start_date", "First day", .text, "YYYY-MM-DD"),
        ("end_date", "Last day", .text, "YYYY-MM-DD"),
        (
            "fellowship_deadline", "Fellowship deadline", .text,
            "Date, time and offset, such as 2020-05-25T23:59:59+02:00."
        ),
        ("currency", "Currency", .text, "ISO 4217 code, such as CHF."),
        ("dsa_per_day", "DSA per day", .number, "An amount such as 320.00."),
        ("dsa_days", "DSA days", .number, "Whole days."),
        ("financial_year", "Financial year", .number, "Such as 2020."),
    ]

    static func document(_ form: FormFields) -> String {
        var document = FormDocument()
        for field in fields { document.add(field.key, form[field.key], as: field.kind) }
        return document.text
    }

    /// The fields with what was typed (kept when the form is shown again with its problems).
    static func values(_ form: FormFields?) -> [[String: Any]] {
        fields.map { field in
            [
                "key": field.key, "label": field.label, "hint": field.hint, "hasHint": !field.hint.isEmpty,
                "value": form?[field.key] ?? "",
            ]
        }
    }
}
