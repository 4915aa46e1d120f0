import Foundation

extension NamePool {
    /// The name data of `names.json`: which culture each country's delegates write their
    /// names in, the pools of each culture, and the full names never to compose.
    ///
    /// The data is a resource rather than Swift literals so that the library the server
    /// links carries none of it, and so that a pool can be read and corrected as text. It is
    /// part of the build: a file that does not decode is a defect of the build, reported by
    /// the sample tests, not an input a user gave.
    struct Pools: Sendable {
        var blocked: Set<String>
        var cultureOfCountry: [String: String]
        var cultures: [String: Culture]

        /// The file as written: lists as the compact text that `parts`, `families` and
        /// `nicknames` read.
        private struct File: Decodable {
            struct CountryGroup: Decodable {
                var culture: String
                /// ISO 3166 alpha-3 codes separated by spaces.
                var iso3: String
            }

            struct CultureEntry: Decodable {
                var id: String
                var order: String
                var nativePermille: Int
                var female: String
                var male: String
                var family: String
                var slavicFeminine: Bool?
                var femaleFamily: String?
                var secondFamilyPermille: Int?
                var middleInitialPermille: Int?
                var nicknames: String?
                var familyNameStyles: Bool?
            }

            var blockedFullNames: [String]
            var countries: [CountryGroup]
            var cultures: [CultureEntry]
        }

        init(resource url: URL?) {
            guard let url, let bytes = try? Data(contentsOf: url) else {
                preconditionFailure("the FellowshipSamples bundle lacks names.json")
            }
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let file: File
            do {
                file = try decoder.decode(File.self, from: bytes)
            } catch {
                preconditionFailure("names.json of FellowshipSamples does not decode: \(error)")
            }
            blocked = Set(file.blockedFullNames)
            var map: [String: String] = [:]
            for group in file.countries {
                for code in group.iso3.split(separator: " ") { map[String(code)] = group.culture }
            }
            cultureOfCountry = map
            var cultures: [String: Culture] = [:]
            for entry in file.cultures {
                guard let order = Order(fileName: entry.order) else {
                    preconditionFailure("names.json: culture \(entry.id) has an unknown order \(entry.order)")
                }
                let slavic = entry.slavicFeminine ?? false
                cultures[entry.id] = Culture(
                    id: entry.id, order: order, nativePermille: entry.nativePermille,
                    female: NamePool.parts(entry.female), male: NamePool.parts(entry.male),
                    family: NamePool.families(entry.family, slavic: slavic),
                    femaleFamily: entry.femaleFamily.map { NamePool.families($0, slavic: slavic) },
                    secondFamilyPermille: entry.secondFamilyPermille ?? 0,
                    middleInitialPermille: entry.middleInitialPermille ?? 0,
                    nicknames: entry.nicknames.map(NamePool.nicknames) ?? [:],
                    familyNameStyles: entry.familyNameStyles ?? true)
            }
            self.cultures = cultures
        }
    }
}

extension NamePool.Order {
    /// The order as `names.json` spells it.
    init?(fileName: String) {
        switch fileName {
        case "given_family": self = .givenFamily
        case "family_given": self = .familyGiven
        case "family_given_joined": self = .familyGivenJoined
        default: return nil
        }
    }
}
