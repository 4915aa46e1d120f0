public import FellowshipCore

/// Synthetic fellowship applications for demonstrations and tests (`fellowship generate`).
///
/// The output depends only on the countries, the meeting, the venue, the seed and the
/// count, and is identical on every machine and Swift version: all randomness comes from
/// `SeededRandom`, all arithmetic on money and time is integer, and the only trigonometry
/// (air-fare distances) uses `DeterministicMath`.
///
/// The mix is meant to look like a real call for fellowships, so that every part of the
/// rule shows up: most applicants come from eligible countries (more from Africa and
/// Asia-Pacific, least developed countries well represented), some countries send several
/// delegates (so the per-country cap binds), about 9 % come from countries that are not
/// eligible, and a few percent fail each of the other gates (not a Member-State delegate,
/// registration not approved, form incomplete, late, annual limit reached). About 2 % of
/// the people apply twice, so that superseding shows up, including once with the same
/// submission instant (the id decides).
public struct SampleGenerator: Sendable {
    /// Where the meeting takes place: air fares are estimated from the distance to it.
    public struct Venue: Hashable, Sendable {
        public var latitude: Double
        public var longitude: Double

        public init(latitude: Double, longitude: Double) {
            self.latitude = latitude
            self.longitude = longitude
        }

        public static let geneva = Venue(latitude: 46.2044, longitude: 6.1432)
    }

    public let countries: [Country]
    public let meeting: Meeting
    public let venue: Venue
    public let seed: UInt64

    /// What the generator derives once per country.
    struct Profile: Sendable {
        var country: Country
        var culture: NamePool.Culture
        /// False when the name pools have no culture for this country (a regional default).
        var specificCulture: Bool
        /// UTC offset of the capital in May (daylight-saving time where observed), minutes.
        var offsetMinutes: Int
        var kilometres: Int
        var typicalFareCents: Int64
    }

    let profiles: [Profile]

    public init(countries: [Country], meeting: Meeting, venue: Venue = .geneva, seed: UInt64) {
        self.countries = countries
        self.meeting = meeting
        self.venue = venue
        self.seed = seed
        profiles = countries.map { country in
            let (culture, specific) = NamePool.culture(iso3: country.iso3, region: country.region)
            let capital = TicketCostModel.capital(of: country)
            let kilometres =
                capital.map {
                    TicketCostModel.kilometres(
                        fromLatitude: $0.latitude, longitude: $0.longitude,
                        toLatitude: venue.latitude, longitude: venue.longitude)
                } ?? TicketCostModel.fallbackKilometres
            return Profile(
                country: country, culture: culture, specificCulture: specific,
                offsetMinutes: Self.utcOffsetMinutes(iso3: country.iso3, longitude: capital?.longitude),
                kilometres: kilometres,
                typicalFareCents: TicketCostModel.typicalFareCents(kilometres: kilometres, country: country))
        }
    }

    // MARK: - Applications

    /// One application before ids are given and rows are put in submission order.
    private struct Draft {
        var profile: Int
        var person: Int
        var gender: Gender
        var style: NamePool.Style = .plain
        var name = ""
        var delegation: Delegation = .member_state
        var approved = true
        var complete = true
        /// Seconds since the epoch (UTC).
        var submitted: Int64 = 0
        var request: FellowshipRequest = .either
        var ticket: Money? = nil
        var contributions = 0
        var role: Role = .none
        var specialNeeds = false
        var priorPartial = 0
        var priorFull = 0
    }

    private enum PairKind {
        /// The form was sent twice at the same instant: the greater id counts.
        case identical
        /// Corrected and sent again before the deadline: the later one counts.
        case laterOnTime
        /// Sent again after the deadline: the earlier, on-time one counts.
        case lateSecond
        /// Both after the deadline: the later one counts (and is late).
        case bothLate
    }

    /// `count` applications, in submission order, with ids `A-0001`…
    public func applications(count: Int) -> [Application] {
        guard count > 0, !profiles.isEmpty else { return [] }
        var random = SeededRandom(seed: seed)
        let deadline = Self.floorDivide(meeting.fellowshipDeadline.nanosecondsSinceEpoch, 1_000_000_000)

        // Countries: eligible ones by region, LDC status, prominence and a per-seed
        // propensity; the others mostly upper-middle income.
        var weightRandom = SeededRandom(seed: seed, stream: 1)
        let eligible = profiles.indices.filter { profiles[$0].country.eligible }
        let notEligible = profiles.indices.filter { !profiles[$0].country.eligible }
        let eligibleTable = WeightedTable(weights: eligible.map { eligibleWeight(profiles[$0], &weightRandom) })
        var otherWeights = notEligible.map { otherWeight(profiles[$0], &weightRandom) }
        if !otherWeights.contains(where: { $0 > 0 }) { otherWeights = otherWeights.map { _ in 1 } }
        let otherTable = WeightedTable(weights: otherWeights)

        let pairCount = count >= 20 ? max(1, (count * 18 + 500) / 1000) : (count >= 4 ? 1 : 0)
        let persons = count - pairCount
        func flags(_ permille: Int) -> [Bool] {
            var marked = Array(repeating: false, count: persons)
            for index in random.sample((persons * permille + 500) / 1000, of: persons) { marked[index] = true }
            return marked
        }
        var fromOtherCountry = flags(90)
        if eligible.isEmpty { fromOtherCountry = Array(repeating: true, count: persons) }
        if notEligible.isEmpty { fromOtherCountry = Array(repeating: false, count: persons) }
        let notMember = flags(50)
        let notApproved = flags(40)
        let incomplete = flags(40)
        let late = flags(50)
        let annualLimit = flags(30)

        var drafts: [Draft] = []
        drafts.reserveCapacity(count)
        let personNumbers = uniquePersonNumbers(persons, count: count, random: &random)
        for index in 0..<persons {
            let profile =
                fromOtherCountry[index]
                ? notEligible[otherTable.draw(&random)] : eligible[eligibleTable.draw(&random)]
            var draft = Draft(profile: profile, person: personNumbers[index], gender: Self.gender(&random))
            if notMember[index] {
                draft.delegation =
                    [Delegation.sector_member, .academia, .associate, .other][
                        random.index(weights: [40, 30, 15, 15])]
            }
            draft.approved = !notApproved[index]
            draft.complete = !incomplete[index]
            draft.submitted =
                late[index]
                ? deadline + lateDelay(&random) : onTimeSubmission(deadline, profiles[profile].offsetMinutes, &random)
            draft.request = [FellowshipRequest.either, .ticket, .dsa][random.index(weights: [45, 35, 20])]
            if draft.request != .dsa || random.chance(permille: 150) {
                draft.ticket = TicketCostModel.quote(typicalCents: profiles[profile].typicalFareCents, random: &random)
            }
            draft.role =
                [Role.none, .editor, .rapporteur, .vice_chair, .chair][random.index(weights: [800, 90, 60, 30, 20])]
            draft.contributions = random.index(weights: [340, 260, 180, 100, 60, 40, 20])
            if draft.role != .none && draft.contributions == 0 { draft.contributions = 1 }
            draft.specialNeeds = random.chance(permille: 40)
            if annualLimit[index] {
                if random.chance(permille: 500) {
                    draft.priorFull = 1
                    draft.priorPartial = random.chance(permille: 300) ? 1 : 0
                } else {
                    draft.priorPartial = random.chance(permille: 100) ? 3 : 2
                }
            } else {
                draft.priorPartial = random.chance(permille: 130) ? 1 : 0
            }
            drafts.append(draft)
        }

        assignNameStyles(&drafts, random: &random)
        for index in drafts.indices {
            drafts[index].name = NamePool.name(
                profiles[drafts[index].profile].culture, gender: drafts[index].gender,
                style: drafts[index].style, random: &random)
        }

        // Resubmissions: the same person applies again; the copies come after the originals
        // in generation order, so with equal instants the copy gets the greater id.
        let originals = random.sample(pairCount, of: persons)
        for (pairIndex, original) in originals.enumerated() {
            let kind: PairKind
            switch pairIndex {
            case 0: kind = .identical
            case 1: kind = .laterOnTime
            case 2: kind = .lateSecond
            default:
                kind =
                    [PairKind.laterOnTime, .lateSecond, .identical, .bothLate][random.index(weights: [60, 15, 10, 15])]
            }
            drafts.append(resubmission(of: &drafts[original], kind: kind, deadline: deadline, random: &random))
        }

        // One applicant submits at the deadline instant itself (on time: the rule says "after").
        if persons >= 50 {
            let taken = Set(originals)
            let candidates = (0..<persons).filter { !taken.contains($0) && drafts[$0].submitted <= deadline }
            if !candidates.isEmpty { drafts[random.pick(candidates)].submitted = deadline }
        }

        let order = drafts.indices.sorted { (drafts[$0].submitted, $0) < (drafts[$1].submitted, $1) }
        let idWidth = max(4, String(count).count)
        let personWidth = Self.personDigits(count)
        return order.enumerated().map { position, index in
            let draft = drafts[index]
            let profile = profiles[draft.profile]
            return Application(
                id: "A-" + Self.zeroPadded(position + 1, idWidth),
                personID: "P-" + Self.zeroPadded(draft.person, personWidth),
                name: draft.name, gender: draft.gender, country: profile.country.iso3,
                delegation: draft.delegation, registrationApproved: draft.approved,
                submittedAt: Self.instant(draft.submitted, offsetMinutes: profile.offsetMinutes),
                request: draft.request, ticketCost: draft.ticket, contributions: draft.contributions,
                role: draft.role, specialNeeds: draft.specialNeeds, complete: draft.complete,
                priorPartialFY: draft.priorPartial, priorFullFY: draft.priorFull,
                line: position + 2)
        }
    }

    private func resubmission(
        of original: inout Draft, kind: PairKind, deadline: Int64,
        random: inout SeededRandom
    ) -> Draft {
        let offset = profiles[original.profile].offsetMinutes
        let onTime = original.submitted <= deadline
        switch kind {
        case .identical, .laterOnTime, .lateSecond:
            if !onTime { original.submitted = onTimeSubmission(deadline, offset, &random) }
        case .bothLate:
            if onTime { original.submitted = deadline + lateDelay(&random) }
        }
        var copy = original
        switch kind {
        case .identical:
            break
        case .laterOnTime:
            // The first form was incomplete or asked for something else; the second fixes it.
            if original.submitted > deadline - 2 * 86_400 {
                original.submitted -= Int64(random.int(in: 3...9)) * 86_400
            }
            let room = Int(min(deadline - original.submitted, 12 * 86_400))
            copy.submitted = original.submitted + Int64(random.int(in: 600...max(600, room)))
            if random.chance(permille: 600) {
                original.complete = false
                copy.complete = true
            } else {
                copy.request = original.request == .either ? .ticket : .either
                if copy.ticket == nil {
                    copy.ticket = TicketCostModel.quote(
                        typicalCents: profiles[copy.profile].typicalFareCents, random: &random)
                }
            }
        case .lateSecond:
            copy.submitted = deadline + lateDelay(&random)
            copy.contributions = min(6, copy.contributions + 1)
        case .bothLate:
            copy.submitted = original.submitted + Int64(random.int(in: 3_600...(3 * 86_400)))
            copy.complete = true
        }
        return copy
    }

    /// Marks a few names to be written "Family, Given", with the family name in capitals, or
    /// with a nickname in quotes; at least one of the first and the last when there are ten
    /// or more people, so that every sample exercises CSV quoting.
    private func assignNameStyles(_ drafts: inout [Draft], random: inout SeededRandom) {
        for index in drafts.indices {
            let culture = profiles[drafts[index].profile].culture
            let draw = random.int(below: 1000)
            if draw < 15 && culture.familyNameStyles {
                drafts[index].style = .comma
            } else if draw >= 15 && draw < 55 && culture.familyNameStyles {
                drafts[index].style = .upperFamily
            } else if draw >= 55 && draw < 62 && culture.hasNicknames {
                drafts[index].style = .nickname
            }
        }
        guard drafts.count >= 10 else { return }
        for style in [NamePool.Style.comma, .nickname] where !drafts.contains(where: { $0.style == style }) {
            let candidates = drafts.indices.filter { index in
                let culture = profiles[drafts[index].profile].culture
                guard drafts[index].style == .plain else { return false }
                return style == .comma ? culture.familyNameStyles : culture.hasNicknames
            }
            if !candidates.isEmpty { drafts[random.pick(candidates)].style = style }
        }
    }

    private func eligibleWeight(_ profile: Profile, _ random: inout SeededRandom) -> Int {
        var weight: Double
        switch profile.country.region {
        case .AFR: weight = 1.3
        case .ASP: weight = 1.2
        case .ARB: weight = 1.0
        case .CIS: weight = 0.9
        case .AMS, .EUR: weight = 0.8
        }
        if profile.country.ldc { weight *= 1.5 }
        if Self.prominentEligible.contains(profile.country.iso3) { weight *= 1.6 }
        let u = random.unit()
        weight *= 0.3 + 1.4 * u * u
        return max(1, Int((weight * 1000).rounded()))
    }

    private func otherWeight(_ profile: Profile, _ random: inout SeededRandom) -> Int {
        let u = random.unit()
        guard profile.specificCulture else { return 0 }
        var weight = profile.country.incomeGroup == .high ? 0.25 : 1.0
        if Self.prominentOther.contains(profile.country.iso3) { weight *= 3 }
        weight *= 0.5 + u
        return max(1, Int((weight * 1000).rounded()))
    }

    /// Member States that send many delegates to ITU-T meetings (illustrative).
    static let prominentEligible: Set<String> = [
        "NGA", "KEN", "EGY", "GHA", "IND", "PAK", "BGD", "TZA", "UGA", "ZMB", "ZWE", "SEN", "CIV", "CMR",
        "TUN", "MAR", "SDN", "RWA", "ETH", "COD", "BFA", "NPL", "VNM", "PHL", "LKA", "UKR", "DZA", "BEN",
        "MWI", "AFG", "HTI", "BOL", "KGZ", "UZB", "MNG",
    ]
    static let prominentOther: Set<String> = [
        "CHN", "BRA", "RUS", "TUR", "IRN", "ARG", "MEX", "COL", "IDN", "THA", "MYS", "ZAF", "GAB", "IRQ",
        "JOR", "LBN",
    ]

    private static func gender(_ random: inout SeededRandom) -> Gender {
        [Gender.female, .male, .other, .undisclosed][random.index(weights: [450, 500, 20, 30])]
    }

    private func uniquePersonNumbers(_ persons: Int, count: Int, random: inout SeededRandom) -> [Int] {
        let digits = Self.personDigits(count)
        var low = 1
        for _ in 1..<digits { low *= 10 }
        let high = low * 10 - 1
        var used: Set<Int> = []
        used.reserveCapacity(persons)
        var numbers: [Int] = []
        numbers.reserveCapacity(persons)
        while numbers.count < persons {
            let candidate = random.int(in: low...high)
            if used.insert(candidate).inserted { numbers.append(candidate) }
        }
        return numbers
    }

    /// Five digits while they leave plenty of room, more for large samples.
    static func personDigits(_ count: Int) -> Int {
        count * 4 <= 90_000 ? 5 : String(count).count + 1
    }

    // MARK: - Time

    /// A submission time in the eight weeks before the deadline, more of them in the last
    /// week, at a plausible local hour.
    private func onTimeSubmission(_ deadline: Int64, _ offsetMinutes: Int, _ random: inout SeededRandom) -> Int64 {
        let offset = Int64(offsetMinutes) * 60
        let deadlineLocal = deadline + offset
        let deadlineDay = Self.floorDivide(deadlineLocal, 86_400)
        let u = random.unit()
        let daysBefore = Int64(56 * u * u)
        let hour = random.index(weights: Self.hourWeights)
        let secondOfDay = Int64(hour * 3600 + random.int(below: 60) * 60 + random.int(below: 60))
        var local = (deadlineDay - daysBefore) * 86_400 + secondOfDay
        if local > deadlineLocal { local -= 86_400 }
        return local - offset
    }

    /// How long after the deadline a late form arrives, in seconds (at least one).
    private func lateDelay(_ random: inout SeededRandom) -> Int64 {
        switch random.index(weights: [35, 40, 25]) {
        case 0: Int64(random.int(in: 1...(6 * 3600)))
        case 1: Int64(random.int(in: (6 * 3600)...(3 * 86_400)))
        default: Int64(random.int(in: (3 * 86_400)...(12 * 86_400)))
        }
    }

    /// Relative frequency of each local hour of submission.
    static let hourWeights = [4, 2, 1, 1, 1, 2, 4, 8, 14, 18, 20, 20, 14, 14, 18, 18, 16, 12, 8, 7, 7, 7, 6, 5]

    static func instant(_ seconds: Int64, offsetMinutes: Int) -> Instant {
        Instant(nanosecondsSinceEpoch: seconds * 1_000_000_000, text: isoText(seconds, offsetMinutes: offsetMinutes))
    }

    /// `2020-05-20T10:15:00+02:00`: the instant as local time at the given UTC offset.
    static func isoText(_ seconds: Int64, offsetMinutes: Int) -> String {
        let local = seconds + Int64(offsetMinutes) * 60
        let day = floorDivide(local, 86_400)
        let secondOfDay = Int(local - day * 86_400)
        let (year, month, dayOfMonth) = civilDate(daysSinceEpoch: day)
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        return zeroPadded(year, 4) + "-" + zeroPadded(month, 2) + "-" + zeroPadded(dayOfMonth, 2)
            + "T" + zeroPadded(secondOfDay / 3600, 2) + ":" + zeroPadded(secondOfDay / 60 % 60, 2)
            + ":" + zeroPadded(secondOfDay % 60, 2)
            + sign + zeroPadded(magnitude / 60, 2) + ":" + zeroPadded(magnitude % 60, 2)
    }

    /// Year, month and day of a day number (days since 1970-01-01, proleptic Gregorian;
    /// H. Hinnant's algorithm, the inverse of `CalendarDate.daysSinceEpoch`).
    static func civilDate(daysSinceEpoch: Int64) -> (Int, Int, Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    static func zeroPadded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // MARK: - CSV

    /// The columns of `applications.csv`, in the order of FORMATS.md.
    public static let csvHeader = [
        "id", "person_id", "name", "gender", "country", "delegation", "registration_approved", "submitted_at",
        "request", "ticket_cost", "contributions", "role", "special_needs", "complete", "prior_partial_fy",
        "prior_full_fy",
    ]

    /// `applications.csv` text: the header and one row per application.
    public static func csv(_ applications: [Application]) -> String {
        func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }
        var text = CSVWriter.row(csvHeader)
        text.reserveCapacity(applications.count * 150)
        for application in applications {
            text += CSVWriter.row([
                application.id, application.personID, application.name, application.gender.rawValue,
                application.country, application.delegation.rawValue, yesNo(application.registrationApproved),
                application.submittedAt.text, application.request.rawValue,
                application.ticketCost?.decimalText ?? "", String(application.contributions),
                application.role.rawValue, yesNo(application.specialNeeds), yesNo(application.complete),
                String(application.priorPartialFY), String(application.priorFullFY),
            ])
        }
        return text
    }

    // MARK: - UTC offsets

    /// The capital's UTC offset in May 2020 (the submission period), in minutes; countries
    /// not listed get the nearest whole hour of their longitude.
    static func utcOffsetMinutes(iso3: String, longitude: Double?) -> Int {
        if let hours = utcOffsets[iso3] { return Int((hours * 60).rounded()) }
        guard let longitude else { return 0 }
        return min(12, max(-12, Int((longitude / 15).rounded()))) * 60
    }

    static let utcOffsets: [String: Double] = [
        // AFR
        "AGO": 1, "BEN": 1, "BWA": 2, "BFA": 0, "BDI": 2, "CMR": 1, "CPV": -1, "CAF": 1, "TCD": 1, "COD": 1,
        "COG": 1, "CIV": 0, "GNQ": 1, "ERI": 3, "SWZ": 2, "ETH": 3, "GAB": 1, "GMB": 0, "GHA": 0, "GIN": 0,
        "GNB": 0, "KEN": 3, "LSO": 2, "LBR": 0, "MDG": 3, "MWI": 2, "MLI": 0, "MUS": 4, "MOZ": 2, "NAM": 2,
        "NER": 1, "NGA": 1, "RWA": 2, "STP": 0, "SEN": 0, "SYC": 4, "SLE": 0, "ZAF": 2, "SSD": 3, "TZA": 3,
        "TGO": 0, "UGA": 3, "ZMB": 2, "ZWE": 2,
        // ARB
        "DZA": 1, "BHR": 3, "COM": 3, "DJI": 3, "EGY": 2, "IRQ": 3, "JOR": 3, "KWT": 3, "LBN": 3, "LBY": 2,
        "MRT": 0, "MAR": 1, "OMN": 4, "QAT": 3, "SAU": 3, "SOM": 3, "SDN": 2, "SYR": 3, "TUN": 1, "ARE": 4,
        "YEM": 3,
        // ASP
        "AFG": 4.5, "AUS": 10, "BGD": 6, "BTN": 6, "BRN": 8, "KHM": 7, "CHN": 8, "PRK": 9, "FJI": 12,
        "IND": 5.5, "IDN": 7, "IRN": 4.5, "JPN": 9, "KIR": 12, "LAO": 7, "MYS": 8, "MDV": 5, "MHL": 12,
        "FSM": 11, "MNG": 8, "MMR": 6.5, "NRU": 12, "NPL": 5.75, "NZL": 12, "PAK": 5, "PNG": 10, "PHL": 8,
        "KOR": 9, "WSM": 13, "SGP": 8, "SLB": 11, "LKA": 5.5, "THA": 7, "TLS": 9, "TON": 13, "TUV": 12,
        "VUT": 11, "VNM": 7,
        // AMS
        "ATG": -4, "ARG": -3, "BHS": -4, "BRB": -4, "BLZ": -6, "BOL": -4, "BRA": -3, "CAN": -4, "CHL": -4,
        "COL": -5, "CRI": -6, "CUB": -4, "DMA": -4, "DOM": -4, "ECU": -5, "SLV": -6, "GRD": -4, "GTM": -6,
        "GUY": -4, "HTI": -4, "HND": -6, "JAM": -5, "MEX": -5, "NIC": -6, "PAN": -5, "PRY": -4, "PER": -5,
        "KNA": -4, "LCA": -4, "VCT": -4, "SUR": -3, "TTO": -4, "USA": -4, "URY": -3, "VEN": -4,
        // CIS
        "ARM": 4, "AZE": 4, "BLR": 3, "KAZ": 6, "KGZ": 6, "MDA": 3, "RUS": 3, "TJK": 5, "TKM": 5, "UKR": 3,
        "UZB": 5,
        // EUR
        "ALB": 2, "AND": 2, "AUT": 2, "BEL": 2, "BIH": 2, "BGR": 3, "HRV": 2, "CYP": 3, "CZE": 2, "DNK": 2,
        "EST": 3, "FIN": 3, "FRA": 2, "GEO": 4, "DEU": 2, "GRC": 3, "HUN": 2, "ISL": 0, "IRL": 1, "ISR": 3,
        "ITA": 2, "LVA": 3, "LIE": 2, "LTU": 3, "LUX": 2, "MLT": 2, "MCO": 2, "MNE": 2, "NLD": 2, "MKD": 2,
        "NOR": 2, "POL": 2, "PRT": 1, "ROU": 3, "SMR": 2, "SRB": 2, "SVK": 2, "SVN": 2, "ESP": 2, "SWE": 2,
        "CHE": 2, "TUR": 3, "GBR": 1, "VAT": 2,
    ]
}
