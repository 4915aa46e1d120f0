import Foundation
import Testing

@testable import FellowshipCore
@testable import FellowshipSamples

/// The seeded sample generator: determinism, CSV quoting, round trip through the project's
/// own parser, and a mix that shows every gate.
@Suite("SampleGenerator")
struct SampleGeneratorTests {
    /// The package directory, found from this file's path (Tests/FellowshipCoreTests/…).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func source(_ relative: String) throws -> InputSource {
        let url = packageRoot.appendingPathComponent(relative)
        return InputSource(name: relative, bytes: [UInt8](try Data(contentsOf: url)))
    }

    static func generator(seed: UInt64 = 2020) throws -> SampleGenerator {
        let countries = try InputLoader.countries(source("Data/countries.csv"))
        let meeting = try InputLoader.meeting(source("Data/meetings/sg20-2020-07.json"))
        return SampleGenerator(countries: countries, meeting: meeting, seed: seed)
    }

    static func countryTable() throws -> [String: Country] {
        let countries = try InputLoader.countries(source("Data/countries.csv"))
        return Dictionary(uniqueKeysWithValues: countries.map { ($0.iso3, $0) })
    }

    // MARK: - Determinism

    @Test("the same seed gives the same CSV, byte for byte")
    func sameSeed() throws {
        let first = SampleGenerator.csv(try Self.generator(seed: 2020).applications(count: 300))
        let second = SampleGenerator.csv(try Self.generator(seed: 2020).applications(count: 300))
        #expect(first == second)
        #expect(first.utf8.count > 300 * 60)
    }

    @Test("another seed gives another sample")
    func differentSeed() throws {
        let a = try Self.generator(seed: 2020).applications(count: 200)
        let b = try Self.generator(seed: 2021).applications(count: 200)
        #expect(SampleGenerator.csv(a) != SampleGenerator.csv(b))
        // Not just a shifted copy: most rows differ in name and country.
        let differing = zip(a, b).filter { $0.name != $1.name || $0.country != $1.country }.count
        #expect(differing > 150)
    }

    @Test("xoshiro256** seeded by SplitMix64 matches the reference algorithm")
    func referenceRandom() {
        var random = SeededRandom(seed: 2020)
        #expect(random.next() == 0x2334_C896_B4CF_8E03)
        #expect(random.next() == 0x47FE_7245_5925_0B1E)
        #expect(random.next() == 0xD307_7886_7463_2026)
        #expect(random.next() == 0x0A4A_E432_6790_208B)
        var zero = SeededRandom(seed: 0)
        #expect(zero.next() == 0x99EC_5F36_CB75_F2B4)
    }

    @Test("bounded draws stay in range and cover it")
    func boundedDraws() {
        var random = SeededRandom(seed: 7)
        var seen = Array(repeating: 0, count: 7)
        for _ in 0..<7000 { seen[random.int(below: 7)] += 1 }
        #expect(seen.allSatisfy { $0 > 850 && $0 < 1150 })
        let sample = random.sample(10, of: 20)
        #expect(Set(sample).count == 10 && sample.allSatisfy { (0..<20).contains($0) })
        #expect(random.index(weights: [0, 0, 5, 0]) == 2)
        for _ in 0..<1000 {
            let unit = random.unit()
            #expect(unit >= 0 && unit < 1)
        }
    }

    // MARK: - Distances and fares

    @Test(
        "great-circle distances to Geneva match the haversine formula",
        arguments: [
            ("SEN", 4134), ("KEN", 6075), ("IND", 6352), ("FJI", 16814), ("MKD", 1304), ("NZL", 18952),
        ])
    func distance(iso3: String, kilometres: Int) throws {
        let country = try #require(try Self.countryTable()[iso3])
        let capital = try #require(TicketCostModel.capital(of: country))
        let venue = SampleGenerator.Venue.geneva
        let computed = TicketCostModel.kilometres(
            fromLatitude: capital.latitude, longitude: capital.longitude,
            toLatitude: venue.latitude, longitude: venue.longitude)
        #expect(computed == kilometres)
    }

    @Test("the portable sine agrees with the platform's to the last bits")
    func portableSine() {
        for step in -40...40 {
            let x = Double(step) * 0.0785
            #expect(abs(DeterministicMath.sin(x) - sin(x)) < 1e-15)
            #expect(abs(DeterministicMath.cos(x / 2) - cos(x / 2)) < 1e-15)
        }
        #expect(abs(DeterministicMath.asin(0.5) - Double.pi / 6) < 1e-15)
    }

    @Test("a typical fare: Nairobi return is 2 * (180 + 0.11 * 6075) * 1.15 + 150")
    func typicalFare() throws {
        let countries = try Self.countryTable()
        let kenya = try #require(countries["KEN"])
        // 2 * (18000 + 11 * 6075) = 169650 cents; Africa +15 %: 195097; taxes: 210097 cents.
        #expect(TicketCostModel.typicalFareCents(kilometres: 6075, country: kenya) == 210_097)
        // Haiti: LDC and small island: +10 % +15 %.
        let haiti = try #require(countries["HTI"])
        #expect(TicketCostModel.typicalFareCents(kilometres: 7651, country: haiti) == 270_402)
    }

    // MARK: - CSV

    @Test(
        "CSV fields are quoted exactly when needed",
        arguments: [
            ("plain", "plain"),
            ("Diallo, Aminata", "\"Diallo, Aminata\""),
            ("Joseph \"Jo\" Mensah", "\"Joseph \"\"Jo\"\" Mensah\""),
            ("two\nlines", "\"two\nlines\""),
            ("carriage\rreturn", "\"carriage\rreturn\""),
            (" leading", "\" leading\""),
            ("trailing ", "\"trailing \""),
            ("", ""),
            ("María José O'Brien", "María José O'Brien"),
            ("محمد بن علي", "محمد بن علي"),
        ])
    func quoting(text: String, expected: String) {
        #expect(CSVWriter.field(text) == expected)
    }

    @Test("a row joins fields with commas and ends with a line feed")
    func row() {
        #expect(CSVWriter.row(["a", "b,c", "", "d\"e"]) == "a,\"b,c\",,\"d\"\"e\"\n")
        #expect(CSVWriter.row([]) == "\n")
    }

    @Test("the header is the 16 columns of FORMATS.md in order")
    func header() throws {
        let csv = SampleGenerator.csv(try Self.generator().applications(count: 3))
        let firstLine = try #require(csv.split(separator: "\n").first)
        #expect(
            firstLine
                == "id,person_id,name,gender,country,delegation,registration_approved,submitted_at,request,ticket_cost,contributions,role,special_needs,complete,prior_partial_fy,prior_full_fy"
        )
        #expect(csv.hasSuffix("\n") && !csv.contains("\r\n"))
    }

    // MARK: - Round trip

    @Test("a generated file round-trips through the project's own parser")
    func roundTrip() throws {
        let generated = try Self.generator(seed: 99).applications(count: 350)
        let csv = SampleGenerator.csv(generated)
        let inputs = try InputLoader.load(
            meeting: Self.source("Data/meetings/sg20-2020-07.json"),
            applications: InputSource(name: "applications.csv", bytes: Array(csv.utf8)),
            policy: InputSource(name: "policy.json", bytes: Array("{}".utf8)),
            countries: Self.source("Data/countries.csv"))
        #expect(inputs.applications.count == 350)
        #expect(inputs.applications == generated)
        #expect(inputs.applications.map(\.submittedAt.text) == generated.map(\.submittedAt.text))
        #expect(inputs.applications.map(\.name) == generated.map(\.name))
        // The file exercises quoting: commas and doubled quotes inside names.
        #expect(generated.contains { $0.name.contains(",") })
        #expect(generated.contains { $0.name.contains("\"") })
    }

    // MARK: - The mix

    @Test("400 applications show every gate")
    func everyGate() throws {
        let generator = try Self.generator()
        let applications = generator.applications(count: 400)
        let gates = EligibilityScreen.gates(
            applications: applications, countries: try Self.countryTable(), meeting: generator.meeting)
        for gate in Gate.allCases {
            let failing = gates.filter { $0.contains(gate) }.count
            #expect(failing > 0, "no application fails \(gate.rawValue)")
            #expect(failing < 60, "\(failing) applications fail \(gate.rawValue)")
        }
        let eligible = gates.filter(\.isEmpty).count
        #expect(eligible >= 260 && eligible <= 310)
    }

    @Test("ids, person ids, resubmissions and the identical-instant pair")
    func identities() throws {
        let applications = try Self.generator().applications(count: 200)
        #expect(applications.count == 200)
        #expect(applications.map(\.id) == (1...200).map { "A-" + SampleGenerator.zeroPadded($0, 4) })
        #expect(applications.allSatisfy { $0.personID.hasPrefix("P-") && $0.personID.count == 7 })
        let byPerson = Dictionary(grouping: applications, by: \.personID)
        let repeated = byPerson.values.filter { $0.count > 1 }
        #expect(repeated.count >= 3 && repeated.count <= 5)
        #expect(repeated.allSatisfy { $0.count == 2 && $0[0].name == $0[1].name && $0[0].country == $0[1].country })
        #expect(repeated.contains { $0[0].submittedAt == $0[1].submittedAt })
        // Rows are in submission order.
        #expect(zip(applications, applications.dropFirst()).allSatisfy { $0.submittedAt <= $1.submittedAt })
    }

    @Test("200 applications: request mix, genders, fares, scripts")
    func mix() throws {
        let generator = try Self.generator()
        let applications = generator.applications(count: 200)
        let requests = Dictionary(grouping: applications, by: \.request).mapValues(\.count)
        #expect((70...110).contains(requests[.either, default: 0]))
        #expect((50...90).contains(requests[.ticket, default: 0]))
        #expect((25...55).contains(requests[.dsa, default: 0]))
        #expect(applications.allSatisfy { $0.request == .dsa || $0.ticketCost != nil })
        let women = applications.filter { $0.gender == .female }.count
        #expect((70...110).contains(women))
        let fares = applications.compactMap(\.ticketCost)
        #expect(fares.allSatisfy { $0.cents >= 40_000 && $0.cents <= 700_000 })
        #expect(fares.contains { $0.cents % 100 == 0 } && fares.contains { $0.cents % 100 != 0 })
        let countries = Set(applications.map(\.country))
        #expect(countries.count >= 50)
        let perCountry = Dictionary(grouping: applications, by: \.country).mapValues(\.count)
        #expect(perCountry.values.filter { $0 >= 3 }.count >= 5)
        // Names in several scripts: Latin with diacritics, Arabic, Cyrillic, Devanagari, Ge'ez, …
        func has(_ range: ClosedRange<UInt32>) -> Bool {
            applications.contains { $0.name.unicodeScalars.contains { range.contains($0.value) } }
        }
        let scripts: [ClosedRange<UInt32>] = [
            0x00C0...0x024F, 0x0600...0x06FF, 0x0400...0x04FF, 0x0900...0x097F, 0x1200...0x137F,
            0x0980...0x09FF, 0x0E00...0x0E7F, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0x0530...0x058F,
            0x10A0...0x10FF, 0x0370...0x03FF, 0x0590...0x05FF,
        ]
        #expect(scripts.filter(has).count >= 4)
        #expect(has(0x00C0...0x024F) && has(0x0600...0x06FF))
    }

    @Test("submission instants: eight weeks before the deadline, late ones within about two weeks after")
    func submissionTimes() throws {
        let generator = try Self.generator()
        let deadline = generator.meeting.fellowshipDeadline.nanosecondsSinceEpoch / 1_000_000_000
        let applications = generator.applications(count: 500)
        for application in applications {
            let seconds = application.submittedAt.nanosecondsSinceEpoch / 1_000_000_000
            #expect(seconds >= deadline - 58 * 86_400 && seconds <= deadline + 16 * 86_400)
            guard case .success(let parsed) = ValueParsing.instant(application.submittedAt.text) else {
                Issue.record("unparseable \(application.submittedAt.text)")
                continue
            }
            #expect(parsed == application.submittedAt)
        }
        // One submission exactly at the deadline instant (on time).
        #expect(applications.contains { $0.submittedAt == generator.meeting.fellowshipDeadline })
        #expect(SampleGenerator.isoText(1_590_443_999, offsetMinutes: 120) == "2020-05-25T23:59:59+02:00")
        #expect(SampleGenerator.isoText(1_590_443_999, offsetMinutes: 330) == "2020-05-26T03:29:59+05:30")
        #expect(SampleGenerator.isoText(1_590_443_999, offsetMinutes: -300) == "2020-05-25T16:59:59-05:00")
    }

    @Test("names never spell a blocked public figure")
    func blockedNames() throws {
        let applications = try Self.generator(seed: 5).applications(count: 5000)
        let names = Set(applications.map(\.name))
        #expect(names.isDisjoint(with: NamePool.blocklist))
        #expect(NamePool.feminine("Петров") == "Петрова" && NamePool.feminine("Nikolovski") == "Nikolovska")
    }

    @Test("10 000 applications are generated quickly and with more per country")
    func scale() throws {
        let generator = try Self.generator()
        let start = ContinuousClock.now
        let applications = generator.applications(count: 10_000)
        let elapsed = ContinuousClock.now - start
        #expect(applications.count == 10_000)
        #expect(Set(applications.map(\.id)).count == 10_000)
        #expect(applications.last?.id == "A-10000" && applications.first?.id == "A-00001")
        #expect(elapsed < .seconds(20))  // debug build; well under a second in release
        let perCountry = Dictionary(grouping: applications, by: \.country).mapValues(\.count)
        #expect(perCountry.values.max() ?? 0 > 200)
    }
}
