import FellowshipCore
import Foundation

/// Fictional full names for the sample data, written the way delegates of each country
/// would plausibly write them on a registration form: in the national script or in Latin
/// transliteration, in the country's name order, sometimes as "Family, Given", with the
/// family name in capitals (ITU document style) or with a nickname in quotes.
///
/// Every name is a random combination of common given and family names. Combinations that
/// make the full name of a well-known public person are refused and drawn again (see
/// `blocked`), and family names strongly associated with one public figure are not in the
/// pools at all. Any remaining resemblance to a real person is accidental.
struct NamePool {
    /// One name part in the national script and in Latin transliteration (the same text
    /// for cultures that write in Latin script).
    struct Part: Sendable {
        var native: String
        var latin: String
    }

    /// A family name in its masculine and feminine forms (identical where the language
    /// does not inflect family names).
    struct FamilyPart: Sendable {
        var male: Part
        var female: Part
    }

    enum Order: Sendable {
        /// "Aminata Diallo".
        case givenFamily
        /// "Sok Sreymom", "Nguyễn Thị Lan": family name first, separated by a space.
        case familyGiven
        /// "王秀英" in the national script (no space), "Wang Xiuying" in Latin.
        case familyGivenJoined
    }

    /// How a name is written on the form.
    enum Style: Sendable {
        case plain
        /// "Diallo, Aminata" (needs quoting in CSV).
        case comma
        /// `Joseph "Jo" Mensah` (needs quoting in CSV).
        case nickname
        /// "DIALLO Aminata", as ITU lists of participants print names.
        case upperFamily
    }

    struct Culture: Sendable {
        var id: String
        var order: Order
        /// How often (per mille) a name is written in the national script rather than Latin.
        var nativePermille: Int
        var female: [Part]
        var male: [Part]
        var family: [FamilyPart]
        /// Second name parts for women where they differ from men's (Burmese).
        var femaleFamily: [FamilyPart]? = nil
        /// How often a second family name is added (Spanish, Portuguese).
        var secondFamilyPermille: Int = 0
        /// How often a middle initial is written (Philippines).
        var middleInitialPermille: Int = 0
        /// Latin given name -> nickname.
        var nicknames: [String: String] = [:]
        /// Whether the second part is a family (or father's) name that a form may put first
        /// ("Diallo, Aminata", "DIALLO Aminata"); false where names have no family name.
        var familyNameStyles: Bool = true

        var hasNativeScript: Bool { nativePermille > 0 }
        var hasNicknames: Bool { !nicknames.isEmpty }
    }

    // MARK: - Composing a name

    /// One full name for a person of `gender` from `culture`, written in `style`.
    ///
    /// `.nickname` falls back to `.plain` when the culture has no nicknames; `.comma`,
    /// `.nickname` and `.upperFamily` always write Latin script.
    static func name(_ culture: Culture, gender: Gender, style requested: Style, random: inout SeededRandom) -> String {
        var style = requested
        if style == .nickname && !culture.hasNicknames { style = .plain }
        if (style == .comma || style == .upperFamily) && !culture.familyNameStyles { style = .plain }
        var result = ""
        for _ in 0..<32 {
            let female: Bool
            switch gender {
            case .female: female = true
            case .male: female = false
            case .other, .undisclosed: female = random.chance(permille: 500)
            }
            var givenPool = female ? culture.female : culture.male
            if style == .nickname {
                let withNickname = givenPool.filter { culture.nicknames[$0.latin] != nil }
                if !withNickname.isEmpty { givenPool = withNickname }
            }
            let given = random.pick(givenPool)
            let familyPool = female ? (culture.femaleFamily ?? culture.family) : culture.family
            let familyEntry = random.pick(familyPool)
            let family = female ? familyEntry.female : familyEntry.male
            let native = style == .plain && culture.hasNativeScript && random.chance(permille: culture.nativePermille)
            var second: Part? = nil
            if culture.secondFamilyPermille > 0 && random.chance(permille: culture.secondFamilyPermille) {
                let other = random.pick(culture.family)
                let part = female ? other.female : other.male
                if part.latin != family.latin { second = part }
            }
            var initial: String? = nil
            if culture.middleInitialPermille > 0 && style == .plain
                && random.chance(permille: culture.middleInitialPermille)
            {
                initial = String(random.pick(Array("ABCDGLMPRSTV"))) + "."
            }
            result = render(
                culture: culture, given: given, family: family, second: second, initial: initial,
                native: native, style: style)
            if !blocked(given: given, family: family) { return result }
        }
        return result
    }

    private static func render(
        culture: Culture, given: Part, family: Part, second: Part?, initial: String?,
        native: Bool, style: Style
    ) -> String {
        if native {
            let familyText = second.map { family.native + " " + $0.native } ?? family.native
            switch culture.order {
            case .givenFamily: return given.native + " " + familyText
            case .familyGiven: return familyText + " " + given.native
            case .familyGivenJoined: return familyText + given.native
            }
        }
        let familyText = second.map { family.latin + " " + $0.latin } ?? family.latin
        let familyFirst = culture.order != .givenFamily
        switch style {
        case .plain:
            if familyFirst { return familyText + " " + given.latin }
            return [given.latin, initial, familyText].compactMap { $0 }.joined(separator: " ")
        case .comma:
            return familyText + ", " + given.latin
        case .upperFamily:
            return familyText.uppercased() + " " + given.latin
        case .nickname:
            let nick = culture.nicknames[given.latin].map { " \"" + $0 + "\"" } ?? ""
            if familyFirst { return familyText + " " + given.latin + nick }
            return given.latin + nick + " " + familyText
        }
    }

    /// Whether given + family (in either order, either script) is the name of a well-known
    /// public person.
    static func blocked(given: Part, family: Part) -> Bool {
        blocklist.contains(given.latin + " " + family.latin) || blocklist.contains(family.latin + " " + given.latin)
            || blocklist.contains(given.native + " " + family.native)
            || blocklist.contains(family.native + given.native)
    }

    /// Full names of public figures that the pools could otherwise produce.
    static var blocklist: Set<String> { data.blocked }

    // MARK: - Countries

    /// The naming culture of a Member State, and whether it was chosen for that country
    /// (false: a regional default for a country the pools do not cover).
    static func culture(iso3: String, region: Region) -> (culture: Culture, specific: Bool) {
        if let id = cultureOfCountry[iso3], let culture = cultures[id] { return (culture, true) }
        let fallback: String
        switch region {
        case .AFR: fallback = "eastAfrica"
        case .AMS: fallback = "spanish"
        case .ARB: fallback = "arabic"
        case .ASP: fallback = "melanesian"
        case .CIS: fallback = "russian"
        case .EUR: fallback = "german"
        }
        return (cultures[fallback]!, false)
    }

    /// The naming culture's id of each Member State that the pools cover, by ISO 3166 alpha-3.
    static var cultureOfCountry: [String: String] { data.cultureOfCountry }

    // MARK: - Pools

    /// Parses "native|latin; latin; …" (entries separated by ";").
    static func parts(_ list: String) -> [Part] {
        list.split(separator: ";").map { entry in
            let text = entry.trimmingSpaces()
            let sides = text.split(separator: "|", maxSplits: 1).map { $0.trimmingSpaces() }
            return sides.count == 2 ? Part(native: sides[0], latin: sides[1]) : Part(native: text, latin: text)
        }
    }

    /// Parses family names: "native|latin" entries, each side optionally "masculine/feminine";
    /// with `slavic`, feminine forms are derived (-ов → -ова, -ski → -ska, …) where not given.
    static func families(_ list: String, slavic: Bool = false) -> [FamilyPart] {
        parts(list).map { part in
            func split(_ text: String) -> (String, String) {
                let forms = text.split(separator: "/", maxSplits: 1).map(String.init)
                if forms.count == 2 { return (forms[0], forms[1]) }
                return (text, slavic ? feminine(text) : text)
            }
            let native = split(part.native)
            let latin = split(part.latin)
            return FamilyPart(
                male: Part(native: native.0, latin: latin.0), female: Part(native: native.1, latin: latin.1))
        }
    }

    /// The feminine form of a Slavic or Central Asian family name.
    static func feminine(_ name: String) -> String {
        if name.hasSuffix("ский") { return String(name.dropLast(2)) + "ая" }
        if name.hasSuffix("ски") { return String(name.dropLast()) + "а" }
        if name.hasSuffix("ski") { return String(name.dropLast()) + "a" }
        for suffix in ["ов", "ев", "ёв", "ин"] where name.hasSuffix(suffix) { return name + "а" }
        for suffix in ["ov", "ev", "ow", "ew", "in"] where name.hasSuffix(suffix) { return name + "a" }
        return name
    }

    static func nicknames(_ list: String) -> [String: String] {
        var map: [String: String] = [:]
        for entry in list.split(separator: ";") {
            let sides = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
            if sides.count == 2 { map[sides[0]] = sides[1] }
        }
        return map
    }

    /// The naming cultures by id.
    static var cultures: [String: Culture] { data.cultures }

    /// The pools, read once from the target's `names.json` resource.
    static let data = Pools(resource: Bundle.module.url(forResource: "names", withExtension: "json"))
}

extension Substring {
    /// The text without leading and trailing ASCII spaces.
    fileprivate func trimmingSpaces() -> String {
        var view = self
        while view.first == " " { view = view.dropFirst() }
        while view.last == " " { view = view.dropLast() }
        return String(view)
    }
}
