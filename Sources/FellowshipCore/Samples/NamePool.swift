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
            if culture.middleInitialPermille > 0 && style == .plain && random.chance(permille: culture.middleInitialPermille) {
                initial = String(random.pick(Array("ABCDGLMPRSTV"))) + "."
            }
            result = render(culture: culture, given: given, family: family, second: second, initial: initial,
                            native: native, style: style)
            if !blocked(given: given, family: family) { return result }
        }
        return result
    }

    private static func render(culture: Culture, given: Part, family: Part, second: Part?, initial: String?,
                               native: Bool, style: Style) -> String {
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
            || blocklist.contains(given.native + " " + family.native) || blocklist.contains(family.native + given.native)
    }

    /// Full names of public figures that the pools could otherwise produce.
    static let blocklist: Set<String> = [
        "Prince Johnson", "Moussa Traoré", "Aminata Touré", "Amadou Touré", "Moussa Sow", "Adama Traoré",
        "Boubacar Traoré", "Cheikh Diop", "Issa Diop", "Ibrahima Konaté", "Amadou Diallo", "Aminata Diallo",
        "Sibusiso Moyo", "Precious Moloi", "José dos Santos", "Ali Saleh", "Ahmed Saleh", "Khaled Said",
        "Mostafa El Sayed", "Ali Haddad", "Abdullahi Yusuf", "Mohamed Abdullahi", "Hassan Ali", "Ismail Omar",
        "Mohamed Farah", "Amit Mishra", "Sanjay Gupta", "Ravi Das", "Anand Kumar", "Manoj Kumar",
        "Imran Khan", "Salman Khan", "Sarah Khan", "Ayesha Khan", "Sana Khan", "Hamza Abbasi", "Ahsan Iqbal",
        "Faisal Qureshi", "Kiran Chaudhry", "Zahid Hussain", "Ali Karimi", "Mehdi Hashemi", "Fatemeh Hashemi",
        "Dinesh Gunawardena", "Karma Phuntsho", "Dechen Wangmo", "Tashi Dorji", "Mohamed Saeed", "Ahmed Naseem",
        "赵立新", "이지은", "김현우", "鈴木大輔", "田中誠", "Yim Sovann", "Meas Sophea", "Soe Win", "Kyaw Zaw",
        "Tin Oo", "Aung Min", "Aung Zaw", "Ramon Bautista", "Kristine Reyes", "Renato Reyes", "Hendra Setiawan",
        "Marlon James", "Shane Williams", "Simone Edwards", "Diego Torres", "Jorge Ramos", "Javier Hernández",
        "Alejandro González", "Carlos Alberto Torres", "Fernando Torres", "Santiago Peña", "José Luis Rodríguez",
        "Miguel Ángel Jiménez", "Claudia López", "Mateo Flores", "Natalia Jiménez", "Paola Rojas",
        "Daniela Ramírez", "Guillaume Martin", "Julia Fischer", "Markus Wolf", "Marco Rossi", "Giuseppe Conti",
        "Andrea Conti", "Marco Mancini", "James Taylor", "Michael Johnson", "David Mitchell", "James Anderson",
        "Ryan Murphy", "Thomas Harris", "Michael Clarke", "Matthew Kelly", "James Murphy", "Burak Yılmaz",
        "Giorgos Papadopoulos", "Γιώργος Παπαδόπουλος", "Rauf Məmmədov", "Elnur Hüseynov", "Akmal Saidov",
        "Sergey Ivanov", "Sergey Sokolov", "Andrey Kozlov", "Mikhail Fedorov", "Evgeny Kuznetsov",
        "Sergey Lebedev", "Dmitry Orlov", "Anna Popova", "Taras Shevchenko", "Andrii Shevchenko", "Andrii Melnyk",
        "Oleksandr Tkachenko", "Yurii Boiko", "Mykola Lysenko", "Kateryna Bondarenko", "Serhii Marchenko",
        "Ion Ceban", "Goran Stefanovski", "Georgi Ivanov", "Hristo Ivanov", "Filip Đorđević", "Ivan Ilić",
        "Aleksandar Nikolić", "Tigran Petrosyan", "Aram Khachatryan", "Emeka Okafor", "Segun Afolabi",
        "Uche Okafor", "Foday Sankoh", "Mohamed Kamara", "Alhaji Kamara", "Lindiwe Zulu", "Bongani Khumalo",
        "Gustavo Lima", "Thiago Silva", "Fernanda Lima", "Lucas Lima", "Leonardo Araújo",
    ]

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

    static let cultureOfCountry: [String: String] = {
        let groups: [(String, String)] = [
            ("ghanaian", "GHA"), ("nigerian", "NGA"), ("sierraLiberia", "SLE LBR"),
            ("sahel", "SEN MLI BFA NER GIN CIV GMB"), ("gulfOfGuinea", "TGO BEN"),
            ("centralAfrica", "CMR GAB COG COD CAF TCD BDI RWA GNQ"),
            ("eastAfrica", "KEN TZA UGA"), ("southSudanese", "SSD"),
            ("horn", "ETH ERI"),
            ("zambezi", "ZMB MWI ZWE"), ("southAfrican", "ZAF BWA LSO SWZ NAM"),
            ("malagasy", "MDG"),
            ("lusophone", "AGO MOZ CPV GNB STP TLS"), ("brazilian", "BRA PRT"),
            ("arabic", "DZA BHR COM EGY IRQ JOR KWT LBN LBY MRT MAR OMN QAT SAU SDN SYR TUN ARE YEM"),
            ("somali", "SOM DJI"),
            ("indian", "IND"), ("nepali", "NPL"), ("bengali", "BGD"), ("urdu", "PAK"), ("persian", "AFG IRN"),
            ("srilankan", "LKA"), ("bhutanese", "BTN"), ("maldivian", "MDV"),
            ("chinese", "CHN SGP"), ("mongolian", "MNG"), ("korean", "KOR PRK"), ("japanese", "JPN"),
            ("vietnamese", "VNM"), ("thai", "THA"), ("lao", "LAO"), ("khmer", "KHM"), ("burmese", "MMR"),
            ("philippine", "PHL"), ("malay", "IDN MYS BRN"),
            ("polynesian", "TON WSM TUV"), ("fijian", "FJI"), ("micronesian", "KIR FSM MHL NRU"),
            ("melanesian", "PNG SLB VUT"),
            ("anglo", "USA GBR CAN AUS NZL IRL"),
            ("caribbean", "JAM GUY DMA GRD LCA VCT BLZ TTO BRB ATG KNA BHS SUR"),
            ("haitian", "HTI"),
            ("spanish", "ARG BOL CHL COL CRI CUB DOM ECU SLV GTM HND MEX NIC PAN PRY PER URY VEN ESP AND"),
            ("french", "FRA BEL LUX MCO"), ("german", "DEU AUT LIE CHE"), ("italian", "ITA SMR VAT MLT"),
            ("turkish", "TUR"), ("greek", "GRC CYP"), ("georgian", "GEO"), ("armenian", "ARM"),
            ("azerbaijani", "AZE"), ("turkmen", "TKM"), ("uzbek", "UZB"), ("kazakh", "KAZ"), ("kyrgyz", "KGZ"),
            ("tajik", "TJK"), ("russian", "RUS BLR"), ("ukrainian", "UKR"), ("romanian", "MDA ROU"),
            ("macedonian", "MKD"), ("bulgarian", "BGR"), ("albanian", "ALB"),
            ("southSlavic", "SRB BIH MNE HRV SVN"), ("hebrew", "ISR"),
        ]
        var map: [String: String] = [:]
        for (culture, codes) in groups {
            for code in codes.split(separator: " ") { map[String(code)] = culture }
        }
        return map
    }()

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
            return FamilyPart(male: Part(native: native.0, latin: latin.0), female: Part(native: native.1, latin: latin.1))
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

    static let cultures: [String: Culture] = {
        var all: [Culture] = []

        // Africa
        all.append(Culture(
            id: "ghanaian", order: .givenFamily, nativePermille: 0,
            female: parts("Ama; Abena; Akosua; Efua; Adwoa; Afua; Esi; Yaa; Comfort; Grace; Esther; Mercy; Priscilla; Gifty"),
            male: parts("Kwame; Kofi; Kwabena; Yaw; Kwaku; Kojo; Kwesi; Samuel; Joseph; Daniel; Emmanuel; Isaac; Ebenezer; Eric"),
            family: families("Mensah; Owusu; Boateng; Asante; Osei; Danso; Appiah; Ofori; Agyeman; Addo; Quaye; Tetteh; Amoah; Darko; Ansah; Frimpong; Acheampong; Asamoah"),
            nicknames: nicknames("Kwabena=Kobby; Joseph=Jo; Samuel=Sammy; Ebenezer=Ebo; Emmanuel=Emma; Abena=Abby; Priscilla=Cilla; Gifty=Gigi")))
        all.append(Culture(
            id: "nigerian", order: .givenFamily, nativePermille: 0,
            female: parts("Ngozi; Chiamaka; Adaeze; Funmilayo; Folake; Ifeoma; Nkechi; Blessing; Yetunde; Zainab; Hauwa; Aisha; Oluwaseun; Temitope; Amina; Chioma"),
            male: parts("Chinedu; Emeka; Babatunde; Olumide; Tunde; Ikenna; Obinna; Musa; Ibrahim; Oluwaseun; Segun; Uche; Yusuf; Abdullahi; Chukwuma; Temitope"),
            family: families("Okafor; Adeyemi; Nwosu; Okonkwo; Adebayo; Eze; Bello; Ibekwe; Okoro; Afolabi; Ogunleye; Abubakar; Yakubu; Danladi; Olawale; Onyeka; Ogundipe; Balogun; Suleiman; Umar; Akinola"),
            nicknames: nicknames("Oluwaseun=Seun; Babatunde=Tunde; Olumide=Mide; Ifeoma=Ify; Funmilayo=Funmi; Chiamaka=Chi; Yetunde=Yeti; Temitope=Tope; Chukwuma=Chuma")))
        all.append(Culture(
            id: "sierraLiberia", order: .givenFamily, nativePermille: 0,
            female: parts("Fatmata; Mariatu; Isatu; Hawa; Aminata; Kadiatu; Musu; Comfort; Esther; Patience; Miatta; Yatta"),
            male: parts("Mohamed; Abu; Alhaji; Sorie; Foday; Samuel; Emmanuel; Augustine; Momodu; Sahr; Tamba; Joseph"),
            family: families("Kamara; Sesay; Conteh; Koroma; Bangura; Turay; Mansaray; Jalloh; Kollie; Pewee; Flomo; Dolo; Massaquoi; Tarr; Kpoto")))
        all.append(Culture(
            id: "gulfOfGuinea", order: .givenFamily, nativePermille: 0,
            female: parts("Akouvi; Afi; Edwige; Ablavi; Yawa; Mawuena; Sènami; Gisèle; Ornella; Fifamè; Rachida"),
            male: parts("Koffi; Kodjo; Komlan; Sèna; Kossi; Mawuli; Codjo; Rodrigue; Gildas; Fiacre; Ulrich; Romaric"),
            family: families("Agbodjan; Hounkpatin; Adjovi; Gbaguidi; Amoussou; Dossou; Akakpo; Lawson; Agbeko; Sossou; Hounsou; Kpodar; Ahouansou; Tchalla")))
        all.append(Culture(
            id: "sahel", order: .givenFamily, nativePermille: 0,
            female: parts("Aminata; Fatoumata; Mariam; Awa; Kadiatou; Rokia; Aïssata; Hawa; Fatou; Ramatoulaye; Sokhna; Ndèye; Khady; Salimata; Assétou; Djénéba; Nafissatou; Mariama; Bintou; Akouvi; Afi; Edwige"),
            male: parts("Moussa; Ousmane; Ibrahima; Mamadou; Abdoulaye; Boubacar; Seydou; Adama; Souleymane; Lamine; Cheikh; Modou; Issa; Yacouba; Amadou; Oumar; Koffi; Kodjo; Komlan; Sèna; Arouna; Idrissa"),
            family: families("Diallo; Traoré; Coulibaly; Ouédraogo; Diop; Sow; Ndiaye; Sawadogo; Camara; Cissé; Koné; Touré; Bah; Sanogo; Konaté; Fall; Sarr; Mbaye; Faye; Yao; Kouassi; Agbodjan; Hounkpatin; Adjovi; Gbaguidi; Amoussou; Sylla; Jallow; Ceesay; Barry; Seck; Gueye; Diarra; Ouattara; Tall; Zongo")))
        all.append(Culture(
            id: "centralAfrica", order: .givenFamily, nativePermille: 0,
            female: parts("Chantal; Josiane; Clarisse; Nadège; Solange; Grâce; Marie-Claire; Béatrice; Pascaline; Gisèle; Clémentine; Aline; Divine; Espérance; Joséphine; Yvette; Sandrine; Mireille; Claudine"),
            male: parts("Jean-Claude; Patrice; Serge; Arsène; Didier; Hervé; Fabrice; Thierry; Aimé; Prosper; Olivier; Gaston; Rodrigue; Landry; Cédric; Jean-Pierre; Innocent; Emmanuel; Alain"),
            family: families("Mbarga; Nkoulou; Ngoma; Mabiala; Kabongo; Tshibanda; Mukendi; Nzeyimana; Uwimana; Habimana; Ndikumana; Niyonzima; Mugisha; Nsengiyumva; Ondo; Moussavou; Djimadoum; Mahamat; Nguimbi; Ilunga; Kalonji; Mbuyi; Lukusa; Mbida; Essomba; Atangana; Fotso; Ngono; Mvondo; Ndong; Esono")))
        all.append(Culture(
            id: "eastAfrica", order: .givenFamily, nativePermille: 0,
            female: parts("Wanjiru; Akinyi; Achieng; Wambui; Njeri; Amina; Neema; Halima; Rehema; Zawadi; Grace; Faith; Mercy; Esther; Joyce; Nakato; Nambi; Atieno; Winnie; Irene; Ruth; Catherine"),
            male: parts("Brian; Peter; Joseph; Dennis; Kevin; Collins; Daniel; Samuel; Hassan; Juma; Baraka; Omari; Emmanuel; Geoffrey; Moses; Isaac; Edwin; Rashid; Ibrahim; Godfrey"),
            family: families("Otieno; Mwangi; Kamau; Ochieng; Njoroge; Mutua; Kiprop; Chebet; Mushi; Mollel; Massawe; Okello; Ssempala; Namukasa; Omondi; Kiptoo; Wafula; Kariuki; Kimaro; Swai; Mrema; Lyimo; Kato; Tumusiime; Byaruhanga; Opio; Odongo"),
            nicknames: nicknames("Joseph=Joe; Samuel=Sam; Geoffrey=Geoff; Catherine=Cathy; Daniel=Danny; Rehema=Rehe; Wambui=Wawa")))
        all.append(Culture(
            id: "southSudanese", order: .givenFamily, nativePermille: 0,
            female: parts("Achol; Ayen; Nyibol; Abuk; Aluel; Nyakuoth; Adhieu; Akuol"),
            male: parts("Deng; Majok; Akech; Malual; Chol; Lual; Kuol; Bol; Manyang"),
            family: families("Akol; Malual; Deng; Mayen; Chol; Lual; Kuol; Bol; Akech; Dut; Majak; Ater")))
        all.append(Culture(
            id: "horn", order: .givenFamily, nativePermille: 550,
            female: parts("ሰላም|Selam; ሕይወት|Hiwot; ማርታ|Marta; ፀሐይ|Tsehay; ሳራ|Sara; ፍቅርተ|Fikirte; ሰናይት|Senait; ትዕግሥት|Tigist; ሀና|Hana; ቤተልሔም|Betelhem; ራሔል|Rahel; ዮርዳኖስ|Yordanos; ኤልሳ|Elsa; ምሕረት|Mihret; ሊያ|Liya"),
            male: parts("ዳዊት|Dawit; ሄኖክ|Henok; ብርሃኑ|Birhanu; ዮሐንስ|Yohannes; ሙሉጌታ|Mulugeta; ተስፋዬ|Tesfaye; ሰለሞን|Solomon; ኤርሚያስ|Ermias; ናትናኤል|Natnael; ቢኒያም|Biniam; ሚካኤል|Mikael; አማኑኤል|Amanuel; ሳሙኤል|Samuel; ይትባረክ|Yitbarek; ፍቃዱ|Fikadu"),
            // Ethiopian and Eritrean names: the second part is the father's given name.
            family: families("ተስፋዬ|Tesfaye; ከበደ|Kebede; አበበ|Abebe; ታደሰ|Tadesse; አለሙ|Alemu; ወርቁ|Worku; ገብሩ|Gebru; ሙሉጌታ|Mulugeta; በላይ|Belay; ደስታ|Desta; ግርማ|Girma; ኃይሉ|Hailu; አሰፋ|Assefa; በቀለ|Bekele; ገብረመድህን|Gebremedhin; ተክሌ|Tekle")))
        all.append(Culture(
            id: "zambezi", order: .givenFamily, nativePermille: 0,
            female: parts("Rutendo; Chipo; Tatenda; Tsitsi; Nyasha; Mwila; Memory; Precious; Chisomo; Thokozani; Tiwonge; Natasha"),
            male: parts("Tendai; Tinashe; Farai; Kudakwashe; Mphatso; Chikondi; Mulenga; Chanda; Bwalya; Tafadzwa; Blessings; Kondwani"),
            family: families("Banda; Phiri; Tembo; Mwale; Chirwa; Mulenga; Nyirenda; Moyo; Sibanda; Ndlovu; Mutasa; Chikwanha; Zulu; Mbewe; Kumwenda; Gondwe; Chisenga; Mumba; Mhlanga"),
            nicknames: nicknames("Kudakwashe=Kuda; Tafadzwa=Tafi; Blessings=Bless; Chisomo=Chiso; Thokozani=Thoko; Tiwonge=Tiwo")))
        all.append(Culture(
            id: "southAfrican", order: .givenFamily, nativePermille: 0,
            female: parts("Lerato; Nomvula; Palesa; Naledi; Lindiwe; Thandiwe; Nokuthula; Busisiwe; Kefilwe; Boitumelo; Mpho; Refilwe; Ndapewa; Nomsa"),
            male: parts("Sipho; Tumelo; Kagiso; Bongani; Thabiso; Lwazi; Mandla; Sibusiso; Themba; Kabelo; Lesego; Tshepo"),
            family: families("Dlamini; Nkosi; Molefe; Mokoena; Khumalo; Mthembu; Moloi; Sithole; Zulu; Mhlanga; Masilela; Kgosi; Sebego; Motsamai; Shikongo; Nghidinwa; Ndlovu; Letsoalo; Mahlangu; Nkuna; Mosia"),
            nicknames: nicknames("Sibusiso=Sbu; Thandiwe=Thandi; Nokuthula=Thuli; Busisiwe=Busi; Lindiwe=Lindi; Boitumelo=Tumi; Bongani=Bongi")))
        all.append(Culture(
            id: "malagasy", order: .givenFamily, nativePermille: 0,
            female: parts("Voahangy; Fanja; Lalao; Nirina; Fara; Tiana; Hanitra; Mialy; Soa; Haingo"),
            male: parts("Hery; Mamy; Haja; Rivo; Tojo; Fidy; Njaka; Toky; Nantenaina; Tahina"),
            family: families("Rakotomalala; Randriamanana; Rasoanaivo; Andrianarisoa; Rakotonirina; Razafindrakoto; Rabemananjara; Razanajatovo; Rakotoarisoa; Randrianasolo; Ratsimbazafy; Andriamihaja")))
        all.append(Culture(
            id: "lusophone", order: .givenFamily, nativePermille: 0,
            female: parts("Maria; Ana; Conceição; Fátima; Graça; Isabel; Celeste; Joana; Helena; Luísa; Esperança; Filomena; Teresa; Madalena; Beatriz; Juliana; Adelina; Rosa"),
            male: parts("João; António; José; Domingos; Joaquim; Luís; Nélson; Manuel; Francisco; Paulo; Carlos; Agostinho; Armando; Eduardo; Fernando; Sebastião; Mateus; Rui; Celso"),
            family: families("dos Santos; Fernandes; Tavares; Gonçalves; Monteiro; da Silva; Pereira; Cardoso; Mendes; Lopes; Sousa; Nhantumbo; Macuácua; Cossa; Sitoe; Muianga; Tembe; Mabunda; da Costa; Baptista; Almeida; Correia; Vaz; Semedo; Rodrigues; Ximenes; Soares; Carvalho"),
            secondFamilyPermille: 350))
        all.append(Culture(
            id: "brazilian", order: .givenFamily, nativePermille: 0,
            female: parts("Ana Clara; Juliana; Fernanda; Camila; Larissa; Mariana; Beatriz; Patrícia; Renata; Luana"),
            male: parts("Thiago; Gustavo; Rafael; Lucas; Bruno; Felipe; Rodrigo; Leonardo; Marcelo; Vinícius"),
            family: families("Silva; Santos; Oliveira; Souza; Lima; Pereira; Costa; Ferreira; Rodrigues; Almeida; Carvalho; Ribeiro; Gomes; Martins; Araújo"),
            secondFamilyPermille: 450))
        all.append(Culture(
            id: "somali", order: .givenFamily, nativePermille: 0,
            female: parts("Hodan; Faadumo; Nimco; Sahra; Hibaaq; Xaawo; Ifrah; Ubah; Nasra; Deeqa; Ikran; Maryan; Sagal; Halimo"),
            male: parts("Abdi; Khadar; Guled; Liibaan; Abdirahman; Mohamed; Ahmed; Yusuf; Hassan; Ismail; Abdullahi; Osman; Bashir; Daahir; Farhan; Mukhtar"),
            family: families("Warsame; Jama; Aden; Yusuf; Nur; Abdullahi; Osman; Hussein; Dirie; Elmi; Samatar; Guleid; Ali; Hersi; Abdi; Ismail; Omar; Dualeh")))

        // Arab States
        all.append(Culture(
            id: "arabic", order: .givenFamily, nativePermille: 500,
            female: parts("فاطمة|Fatima; مريم|Mariam; ليلى|Leila; سارة|Sara; نور|Nour; هدى|Hoda; سلمى|Salma; رانيا|Rania; عائشة|Aicha; أمينة|Amina; منى|Mona; ياسمين|Yasmine; خديجة|Khadija; زينب|Zeinab; رشا|Rasha; هالة|Hala; دعاء|Doaa; إيمان|Imane; سميرة|Samira; نادية|Nadia"),
            male: parts("محمد|Mohamed; أحمد|Ahmed; علي|Ali; عمر|Omar; خالد|Khaled; يوسف|Youssef; حسن|Hassan; إبراهيم|Ibrahim; كريم|Karim; طارق|Tarek; سامي|Sami; مصطفى|Mostafa; عبد الله|Abdallah; حمزة|Hamza; ياسين|Yassine; وليد|Walid; مراد|Mourad; أنس|Anas; بلال|Bilal; هشام|Hicham"),
            family: families("الحسيني|El Husseini; بن علي|Ben Ali; المنصوري|El Mansouri; حداد|Haddad; الخطيب|El Khatib; العمري|Al-Omari; النجار|El Naggar; عبد الله|Abdallah; الشامي|El Shami; بوزيد|Bouzid; بن سالم|Ben Salem; التميمي|Al-Tamimi; صالح|Saleh; عثمان|Osman; إدريس|Idriss; الفاسي|El Fassi; سعيد|Said; حمدان|Hamdan; الزين|El Zein; بلقاسم|Belkacem; الطاهر|El Taher; السيد|El Sayed; عبد الرحمن|Abdelrahman; الجبوري|Al-Jubouri; العلوي|El Alaoui; بن يوسف|Ben Youssef; القحطاني|Al-Qahtani; الأنصاري|El Ansari")))

        // Asia-Pacific
        all.append(Culture(
            id: "indian", order: .givenFamily, nativePermille: 300,
            female: parts("प्रिया|Priya; अनीता|Anita; दीपिका|Deepika; पूजा|Pooja; नेहा|Neha; कविता|Kavita; लक्ष्मी|Lakshmi; आशा|Asha; श्वेता|Shweta; अंजलि|Anjali; स्नेहा|Sneha; मीनाक्षी|Meenakshi; रश्मि|Rashmi; सुनीता|Sunita; दिव्या|Divya"),
            male: parts("राहुल|Rahul; सुनील|Sunil; अमित|Amit; विकास|Vikas; राजेश|Rajesh; अर्जुन|Arjun; रमेश|Ramesh; संजय|Sanjay; अनिल|Anil; प्रकाश|Prakash; विजय|Vijay; आनंद|Anand; मनोज|Manoj; सुरेश|Suresh; करण|Karan; रवि|Ravi"),
            family: families("शर्मा|Sharma; वर्मा|Verma; गुप्ता|Gupta; पटेल|Patel; सिंह|Singh; जोशी|Joshi; अग्रवाल|Agarwal; मिश्रा|Mishra; यादव|Yadav; कुमार|Kumar; राव|Rao; नायर|Nair; अय्यर|Iyer; रेड्डी|Reddy; पिल्लै|Pillai; देशपांडे|Deshpande; कुलकर्णी|Kulkarni; चौधरी|Chaudhary; मेहता|Mehta; बनर्जी|Banerjee; मुखर्जी|Mukherjee; दास|Das")))
        all.append(Culture(
            id: "nepali", order: .givenFamily, nativePermille: 350,
            female: parts("सीता|Sita; सुनिता|Sunita; अञ्जली|Anjali; बिनिता|Binita; सबिना|Sabina; सरिता|Sarita; प्रतिमा|Pratima; रीता|Rita; गीता|Gita; मनिषा|Manisha; पूजा|Puja; कमला|Kamala"),
            male: parts("बिकास|Bikash; प्रकाश|Prakash; सुमन|Suman; राजन|Rajan; दिपक|Dipak; सन्तोष|Santosh; रमेश|Ramesh; हरि|Hari; सुरज|Suraj; नबिन|Nabin; किशोर|Kishor; बिनोद|Binod"),
            family: families("श्रेष्ठ|Shrestha; अधिकारी|Adhikari; थापा|Thapa; पौडेल|Poudel; रेग्मी|Regmi; गुरुङ|Gurung; तामाङ|Tamang; राई|Rai; भट्टराई|Bhattarai; खड्का|Khadka; कार्की|Karki; महर्जन|Maharjan; लामा|Lama; घिमिरे|Ghimire; शर्मा|Sharma")))
        all.append(Culture(
            id: "bengali", order: .givenFamily, nativePermille: 400,
            female: parts("ফাতেমা|Fatema; নুসরাত|Nusrat; সাদিয়া|Sadia; শারমিন|Sharmin; রুমানা|Rumana; নাজনীন|Nazneen; ফারজানা|Farzana; তানিয়া|Tania; মৌসুমী|Mousumi; সুমাইয়া|Sumaiya; আয়েশা|Ayesha"),
            male: parts("রহিম|Rahim; তানভীর|Tanvir; আরিফ|Arif; মাহমুদ|Mahmud; রফিক|Rafiq; জাহিদ|Zahid; সাকিব|Sakib; ইমরান|Imran; মাসুদ|Masud; কামরুল|Kamrul; শফিকুল|Shafiqul; নাঈম|Naim; রাশেদ|Rashed; ফয়সাল|Faisal"),
            family: families("হোসেন|Hossain; রহমান|Rahman; আহমেদ|Ahmed; ইসলাম|Islam; চৌধুরী|Chowdhury; খান|Khan; সরকার|Sarkar; মিয়া|Mia; দাস|Das; হক|Haque; আলম|Alam; উদ্দিন|Uddin; তালুকদার|Talukder; ভূঁইয়া|Bhuiyan; করিম|Karim")))
        all.append(Culture(
            id: "urdu", order: .givenFamily, nativePermille: 300,
            female: parts("عائشہ|Ayesha; فاطمہ|Fatima; زینب|Zainab; ثناء|Sana; مریم|Maryam; حرا|Hira; سعدیہ|Saadia; نادیہ|Nadia; رابعہ|Rabia; عظمیٰ|Uzma; صائمہ|Saima; کرن|Kiran; سارہ|Sarah"),
            male: parts("محمد|Muhammad; علی|Ali; حسن|Hassan; بلال|Bilal; عثمان|Usman; فیصل|Faisal; عمر|Umar; حمزہ|Hamza; احسن|Ahsan; کامران|Kamran; عاصم|Asim; طارق|Tariq; سلمان|Salman; عدنان|Adnan; وقاص|Waqas; زاہد|Zahid"),
            family: families("خان|Khan; احمد|Ahmed; قریشی|Qureshi; ملک|Malik; چوہدری|Chaudhry; بٹ|Butt; شیخ|Sheikh; رضا|Raza; حسین|Hussain; اقبال|Iqbal; مرزا|Mirza; صدیقی|Siddiqui; جعفری|Jafri; عباسی|Abbasi; رانا|Rana; ہاشمی|Hashmi")))
        all.append(Culture(
            id: "persian", order: .givenFamily, nativePermille: 500,
            female: parts("مریم|Maryam; زهرا|Zahra; سارا|Sara; لیلا|Leila; فاطمه|Fatemeh; پریسا|Parisa; فریبا|Fariba; زرغونه|Zarghuna; شکیلا|Shakila; ناهید|Nahid; مینا|Mina; نازنین|Nazanin; سحر|Sahar"),
            male: parts("علی|Ali; رضا|Reza; حسین|Hossein; امیر|Amir; مهدی|Mehdi; سعید|Saeed; احمد|Ahmad; نجیب|Najib; فرهاد|Farhad; ولی|Wali; جاوید|Javid; محمود|Mahmoud; بهرام|Bahram; رحیم|Rahim"),
            family: families("احمدی|Ahmadi; حسینی|Hosseini; رضایی|Rezaei; کریمی|Karimi; جعفری|Jafari; رحیمی|Rahimi; هاشمی|Hashemi; نوری|Noori; صادقی|Sadeghi; حیدری|Heidari; صافی|Safi; وردک|Wardak; پوپل|Popal; سلطانی|Sultani; عزیزی|Azizi; نظری|Nazari")))
        all.append(Culture(
            id: "srilankan", order: .givenFamily, nativePermille: 0,
            female: parts("Kumari; Chamari; Dilani; Nadeesha; Sanduni; Ishara; Tharushi; Nirosha; Kavindya; Sachini; Kavitha; Tharani; Vanitha"),
            male: parts("Nimal; Sunil; Ruwan; Kasun; Chaminda; Dinesh; Pradeep; Lahiru; Nuwan; Tharindu; Saman; Mahesh; Arun; Karthik; Senthil"),
            family: families("Perera; Silva; Fernando; Bandara; Wijesinghe; Gunawardena; Herath; Rathnayake; Karunaratne; Kumara; Abeysekera; Ekanayake; Liyanage; Amarasinghe; Sivakumar; Rajendran")))
        all.append(Culture(
            // "Karma Dorji": a common first name (either sex) and a second name by sex.
            id: "bhutanese", order: .familyGiven, nativePermille: 0,
            female: parts("Choden; Dema; Yangzom; Wangmo; Lhamo; Zangmo; Pelden; Yangchen"),
            male: parts("Dorji; Phuntsho; Namgyel; Penjor; Tenzin; Tshering; Norbu; Gyeltshen"),
            family: families("Tshering; Pema; Karma; Sonam; Kinley; Ugyen; Tashi; Dechen; Kuenga; Sangay; Chimi"),
            familyNameStyles: false))
        all.append(Culture(
            id: "maldivian", order: .givenFamily, nativePermille: 0,
            female: parts("Aishath; Fathimath; Mariyam; Hawwa; Aminath; Shifa; Zeena; Nasheeda"),
            male: parts("Ahmed; Mohamed; Ibrahim; Hussain; Ali; Hassan; Abdulla; Ismail; Moosa; Shifaz"),
            family: families("Rasheed; Naseem; Zahir; Shareef; Moosa; Latheef; Saeed; Manik; Didi; Haleem; Shakeel; Jaleel; Adam")))
        all.append(Culture(
            id: "chinese", order: .familyGivenJoined, nativePermille: 850,
            female: parts("秀英|Xiuying; 丽娟|Lijuan; 海燕|Haiyan; 雅琴|Yaqin; 雨萱|Yuxuan; 婉清|Wanqing; 佳怡|Jiayi; 欣怡|Xinyi; 慧敏|Huimin; 晓燕|Xiaoyan; 静怡|Jingyi; 桂芳|Guifang"),
            male: parts("建华|Jianhua; 志强|Zhiqiang; 文博|Wenbo; 晓东|Xiaodong; 国平|Guoping; 明轩|Mingxuan; 思远|Siyuan; 立新|Lixin; 振宇|Zhenyu; 建国|Jianguo; 海涛|Haitao"),
            family: families("王|Wang; 李|Li; 张|Zhang; 刘|Liu; 陈|Chen; 杨|Yang; 赵|Zhao; 黄|Huang; 周|Zhou; 吴|Wu; 徐|Xu; 孙|Sun; 马|Ma; 朱|Zhu; 胡|Hu; 郭|Guo; 何|He; 高|Gao; 罗|Luo; 梁|Liang")))
        all.append(Culture(
            // Given name and patronymic, as Mongolian passports transliterate them.
            id: "mongolian", order: .givenFamily, nativePermille: 500,
            female: parts("Оюунчимэг|Oyunchimeg; Сарангэрэл|Sarangerel; Энхтуяа|Enkhtuya; Болормаа|Bolormaa; Нарантуяа|Narantuya; Цэцэгмаа|Tsetsegmaa; Мөнхзул|Munkhzul; Ариунаа|Ariunaa; Номин|Nomin; Ундрах|Undrakh"),
            male: parts("Батбаяр|Batbayar; Ганбаатар|Ganbaatar; Мөнхбат|Munkhbat; Төмөрбаатар|Tumurbaatar; Баатар|Baatar; Ганзориг|Ganzorig; Бат-Эрдэнэ|Bat-Erdene; Мягмар|Myagmar; Түвшин|Tuvshin; Энхбаяр|Enkhbayar"),
            family: families("Батбаяр|Batbayar; Ганбаатар|Ganbaatar; Мөнхбат|Munkhbat; Төмөрбаатар|Tumurbaatar; Баатар|Baatar; Ганзориг|Ganzorig; Бат-Эрдэнэ|Bat-Erdene; Мягмар|Myagmar; Түвшин|Tuvshin; Дорж|Dorj")))
        all.append(Culture(
            id: "korean", order: .familyGivenJoined, nativePermille: 700,
            female: parts("영희|Young-hee; 지은|Ji-eun; 서연|Seo-yeon; 수진|Su-jin; 은정|Eun-jung; 미영|Mi-young; 혜진|Hye-jin; 선희|Sun-hee; 옥순|Ok-sun"),
            male: parts("민준|Min-jun; 철수|Cheol-su; 현우|Hyun-woo; 성민|Sung-min; 동현|Dong-hyun; 영호|Young-ho; 광철|Kwang-chol; 명수|Myong-su; 준영|Jun-young"),
            family: families("김|Kim; 이|Lee; 박|Park; 최|Choi; 정|Jung; 강|Kang; 조|Cho; 윤|Yoon; 장|Jang; 한|Han")))
        all.append(Culture(
            id: "japanese", order: .familyGivenJoined, nativePermille: 700,
            female: parts("美咲|Misaki; 陽子|Yoko; 由美|Yumi; 恵子|Keiko; 彩|Aya; 真由美|Mayumi; 直子|Naoko; 裕子|Yuko"),
            male: parts("健太|Kenta; 大輔|Daisuke; 翔太|Shota; 拓也|Takuya; 誠|Makoto; 浩二|Koji; 健一|Kenichi; 亮|Ryo"),
            family: families("佐藤|Sato; 鈴木|Suzuki; 高橋|Takahashi; 田中|Tanaka; 渡辺|Watanabe; 伊藤|Ito; 山本|Yamamoto; 中村|Nakamura; 小林|Kobayashi; 加藤|Kato")))
        all.append(Culture(
            // Family name, middle name and given name: "Nguyễn Thị Lan".
            id: "vietnamese", order: .familyGiven, nativePermille: 0,
            female: parts("Thị Lan; Thị Hương; Thị Mai; Thị Thảo; Ngọc Anh; Thu Trang; Thanh Hà; Minh Phương; Thị Hạnh; Hồng Nhung; Kim Oanh; Bích Ngọc"),
            male: parts("Văn Hùng; Văn Dũng; Minh Tuấn; Đức Minh; Hoàng Nam; Quang Huy; Đăng Khoa; Thành Long; Hữu Phúc; Văn Sơn; Quốc Bảo; Trọng Nghĩa"),
            family: families("Nguyễn; Trần; Lê; Phạm; Hoàng; Huỳnh; Phan; Vũ; Võ; Đặng; Bùi; Đỗ; Ngô; Dương")))
        all.append(Culture(
            id: "thai", order: .givenFamily, nativePermille: 700,
            female: parts("สมศรี|Somsri; วิไล|Wilai; นิภา|Nipa; กาญจนา|Kanchana; สุดารัตน์|Sudarat; พิมพ์ชนก|Phimchanok; ปราณี|Pranee; อรุณี|Arunee"),
            male: parts("สมชาย|Somchai; ประเสริฐ|Prasert; อนุชา|Anucha; ธนากร|Thanakorn; วีระ|Weera; สมศักดิ์|Somsak; ณัฐพล|Nattapon; กิตติ|Kitti"),
            family: families("แสงทอง|Saengthong; ศรีสุข|Srisuk; บุญมา|Boonma; ทองดี|Thongdee; วงศ์ใหญ่|Wongyai; สุขสวัสดิ์|Suksawat; จันทร์เพ็ญ|Chanpen; พรหมมา|Promma; รัตนพันธ์|Rattanaphan; เพชรรัตน์|Phetcharat")))
        all.append(Culture(
            id: "lao", order: .givenFamily, nativePermille: 0,
            female: parts("Vilayvanh; Chanthaly; Manivanh; Phonevilay; Daovone; Souksavanh; Somchanh; Latsamy; Khampheng"),
            male: parts("Bounmy; Khamphoui; Somphone; Sengdara; Vanxay; Phonesavanh; Sisavath; Kongkeo; Anousone; Khampheng"),
            family: families("Phommachanh; Sisouphanh; Vongsa; Keomany; Inthavong; Phanthavong; Sayavong; Douangmala; Chanthavong; Sengsouriya; Vilaysack; Xayavong; Keovilay")))
        all.append(Culture(
            id: "khmer", order: .familyGiven, nativePermille: 0,
            female: parts("Sreymom; Sophea; Chanthou; Bopha; Malis; Sreyneang; Sokunthea; Davy; Leakhena; Channary"),
            male: parts("Dara; Vuthy; Rithy; Veasna; Sokha; Piseth; Visal; Bunthoeun; Sovann; Kimheng"),
            family: families("Chan; Sok; Heng; Keo; Ly; Meas; Nhem; Pich; Touch; Yim; Seng; Chhay; Long; Mao")))
        all.append(Culture(
            // Burmese names have no family name: two syllable groups, chosen by sex.
            id: "burmese", order: .givenFamily, nativePermille: 0,
            female: parts("Khin; Hnin; Ei; Thida; Nwe; Aye; Su; May; Thin; Yamin"),
            male: parts("Kyaw; Zaw; Htet; Thura; Naing; Soe; Phyo; Min; Aung; Ye; Tin; Myo"),
            family: families("Min; Lin; Htun; Oo; Naing; Win; Zaw; Thu; Htike; Paing; Lwin"),
            femaleFamily: families("Myat; Wai; Phyu; Mon; Thandar; Hlaing; Nwe; Zin; Lwin; Htwe; Moe"),
            familyNameStyles: false))
        all.append(Culture(
            id: "philippine", order: .givenFamily, nativePermille: 0,
            female: parts("Maria Theresa; Kristine; Rowena; Liza; Joy; Ma. Luisa; Jennifer; Catherine; Angelica; Rhea; Marivic; Lovely"),
            male: parts("Jose Miguel; Mark Anthony; Jerome; Rodel; Arnel; Ramon; John Paul; Christian; Jayson; Rommel; Renato; Dennis"),
            family: families("Santos; Reyes; Cruz; Bautista; Garcia; Mendoza; Dela Cruz; Villanueva; Castillo; Gonzales; Flores; Del Rosario; Pascual; Manalo; Tolentino; Soriano; Navarro; Aguilar; Mercado; Dizon"),
            middleInitialPermille: 400,
            nicknames: nicknames("Maria Theresa=Tess; Jose Miguel=Migs; Marivic=Vic; John Paul=JP; Rommel=Mel; Catherine=Cathy; Jennifer=Jen; Mark Anthony=Macky")))
        all.append(Culture(
            id: "malay", order: .givenFamily, nativePermille: 0,
            female: parts("Sri; Rina; Putri; Fitri; Intan; Ayu; Nur; Siti; Wulan; Dian"),
            male: parts("Agus; Budi; Andi; Eko; Wahyu; Rizky; Hendra; Arif; Bayu; Fajar"),
            family: families("Santoso; Setiawan; Wahyuni; Kusuma; Pratama; Rahayu; Prasetyo; Handayani; Hidayat; Susanto; Wijaya; Saputra; Nugroho; Hakim; Ismail; Rahman")))
        all.append(Culture(
            id: "polynesian", order: .givenFamily, nativePermille: 0,
            female: parts("Mele; Teuila; Sina; Lupe; Ana; Fetu; Seini; Losaline; Malia; Luseane"),
            male: parts("Sione; Tevita; Semisi; Iosefa; Taniela; Sefo; Paulo; Malakai; Viliami"),
            family: families("Fifita; Taufa; Kaitu'u; Faleolo; Leota; Aumua; Fonua; Vea; Latu; Apisai; Seluka; Fa'asau; Moala; Havili; Sapolu")))
        all.append(Culture(
            id: "fijian", order: .givenFamily, nativePermille: 0,
            female: parts("Mere; Litia; Losana; Makerita; Tarisi; Sera; Salanieta; Unaisi; Asenaca; Vasiti"),
            male: parts("Josaia; Viliame; Peni; Timoci; Jone; Eroni; Apisalome; Sevanaia; Isoa; Maika"),
            family: families("Naivalu; Tabua; Koroi; Tamata; Ravouvou; Nayacakalou; Rokovada; Raduva; Vakaloloma; Seruvatu; Tuilevuka; Qalo; Delai")))
        all.append(Culture(
            id: "micronesian", order: .givenFamily, nativePermille: 0,
            female: parts("Teretia; Maria; Grace; Ruth; Teresa; Joanna; Rosalie; Erine"),
            male: parts("Tebaki; Teuea; Tekaai; Ioane; John; Peter; Joseph; Jacob"),
            family: families("Tebano; Tekeraoi; Kaiea; Tetabo; Timeon; Langidrik; Edwin; Deiye; Agir; Ioanis")))
        all.append(Culture(
            id: "melanesian", order: .givenFamily, nativePermille: 0,
            female: parts("Grace; Ruth; Janet; Mary; Esther; Lydia; Rose; Dorothy"),
            male: parts("John; Peter; Joseph; Michael; Samuel; Andrew; Moses; Jimmy"),
            family: families("Kila; Kaupa; Wama; Yambi; Dimbi; Keka; Wari; Kuman; Sapuri; Kwaiga; Tosika; Tari; Bule; Kalo; Toa; Maka")))

        // Americas
        all.append(Culture(
            id: "anglo", order: .givenFamily, nativePermille: 0,
            female: parts("Emily; Sarah; Laura; Rachel; Hannah; Jessica; Megan; Olivia; Claire; Siobhan"),
            male: parts("James; Michael; David; Thomas; Daniel; Matthew; Ryan; Christopher; Patrick; Liam"),
            family: families("Smith; Johnson; Taylor; Walsh; O'Connor; Murphy; Anderson; Clarke; Mitchell; Harris; Robinson; Thompson; Kelly; Bennett; Hughes; Campbell; Wright; Cooper"),
            nicknames: nicknames("Thomas=Tom; Matthew=Matt; Jessica=Jess; Megan=Meg; Patrick=Paddy; Christopher=Chris")))
        all.append(Culture(
            id: "caribbean", order: .givenFamily, nativePermille: 0,
            female: parts("Shanice; Kimberly; Keisha; Natalie; Tamika; Simone; Renée; Chantelle; Aaliyah; Stacy-Ann; Kerry-Ann"),
            male: parts("Andre; Tyrone; Dwayne; Marlon; Garfield; Kemar; Shane; Rohan; Devon; Ricardo; Jermaine"),
            family: families("Campbell; Williams; Brown; Thompson; Grant; Joseph; Charles; Baptiste; Alleyne; Persaud; Ramdial; Singh; Henry; Francis; James; Edwards; Pierre; Greenidge; McKenzie; St. Rose"),
            nicknames: nicknames("Kimberly=Kim; Natalie=Nat; Garfield=Gary; Jermaine=Jerry; Chantelle=Chanty; Ricardo=Ricky")))
        all.append(Culture(
            id: "haitian", order: .givenFamily, nativePermille: 0,
            female: parts("Marie-Carmel; Guerline; Jocelyne; Rose-Marie; Nadège; Widlène; Mirlande; Fabienne; Roseline; Sandra"),
            male: parts("Jean-Robert; Fritznel; Wisner; Pierre-Richard; Wilfrid; Frantz; Jonas; Réginald; Ernst; Jean-Marc"),
            family: families("Jean-Baptiste; Pierre; Joseph; Louis; Charles; Saint-Fleur; Dorvil; Augustin; Célestin; Métellus; Desrosiers; Lafortune; Théodore; Étienne")))
        all.append(Culture(
            id: "spanish", order: .givenFamily, nativePermille: 0,
            female: parts("María José; Ana Lucía; Carmen; Valentina; Sofía; Camila; Gabriela; Lucía; Daniela; Mariana; Paola; Verónica; Rocío; Ximena; Adriana; Natalia; Patricia; Claudia; Yolanda; Beatriz"),
            male: parts("Juan Carlos; Luis Fernando; José Luis; Andrés; Diego; Jorge; Alejandro; Raúl; Santiago; Mateo; Carlos Alberto; Fernando; Ricardo; Javier; Óscar; Héctor; Miguel Ángel; Iván; Rodrigo; Esteban"),
            family: families("González; Rodríguez; Pérez; Martínez; López; Hernández; Ramírez; Torres; Flores; Vargas; Rojas; Morales; Jiménez; Gutiérrez; Muñoz; Núñez; Peña; Quispe; Mamani; Castillo; Ortiz; Sánchez; Ramos; Aguilar; Cabrera; Espinoza; Villalobos; Zúñiga; O'Brien"),
            secondFamilyPermille: 600))

        // Europe and CIS
        all.append(Culture(
            id: "french", order: .givenFamily, nativePermille: 0,
            female: parts("Camille; Élodie; Sophie; Claire; Léa; Manon; Chloé; Isabelle; Céline; Aurélie"),
            male: parts("Julien; Mathieu; Nicolas; Antoine; Guillaume; Thomas; Maxime; Sébastien; François; Olivier"),
            family: families("Martin; Bernard; Dubois; Lefèvre; Moreau; Laurent; Girard; Roux; Fournier; Mercier; Fontaine; Chevalier; Lambert; Rousseau; Perrin")))
        all.append(Culture(
            id: "german", order: .givenFamily, nativePermille: 0,
            female: parts("Anna; Katharina; Julia; Lena; Sabine; Laura; Johanna; Miriam; Stefanie; Franziska"),
            male: parts("Lukas; Jonas; Felix; Tobias; Matthias; Stefan; Florian; Andreas; Markus; Jan"),
            family: families("Müller; Schmidt; Schneider; Fischer; Weber; Wagner; Becker; Hoffmann; Schäfer; Koch; Bauer; Richter; Klein; Wolf; Neumann; Zimmermann; Krüger; Hartmann; Lange")))
        all.append(Culture(
            id: "italian", order: .givenFamily, nativePermille: 0,
            female: parts("Giulia; Francesca; Chiara; Sara; Martina; Valentina; Alessandra; Elena; Federica; Silvia"),
            male: parts("Marco; Alessandro; Luca; Matteo; Lorenzo; Andrea; Davide; Giuseppe; Stefano; Riccardo"),
            family: families("Rossi; Russo; Ferrari; Esposito; Bianchi; Romano; Colombo; Ricci; Marino; Greco; Bruno; Gallo; Conti; De Luca; Costa; Giordano; Mancini; Rizzo; Lombardi; Moretti")))
        all.append(Culture(
            id: "turkish", order: .givenFamily, nativePermille: 0,
            female: parts("Ayşe; Zeynep; Elif; Fatma; Selin; Merve; Büşra; Esra; Gülşen; Derya"),
            male: parts("Mehmet; Emre; Burak; Murat; Can; Mustafa; Hakan; Serkan; Oğuz; Kerem"),
            family: families("Yılmaz; Kaya; Demir; Şahin; Çelik; Yıldız; Öztürk; Aydın; Arslan; Doğan; Kılıç; Aslan; Çetin; Kara; Koç; Kurt; Özdemir; Polat")))
        all.append(Culture(
            id: "greek", order: .givenFamily, nativePermille: 500,
            female: parts("Μαρία|Maria; Ελένη|Eleni; Κατερίνα|Katerina; Σοφία|Sofia; Αναστασία|Anastasia; Γεωργία|Georgia; Δήμητρα|Dimitra; Χριστίνα|Christina"),
            male: parts("Γιώργος|Giorgos; Νίκος|Nikos; Δημήτρης|Dimitris; Κώστας|Kostas; Γιάννης|Giannis; Παναγιώτης|Panagiotis; Χρήστος|Christos; Αλέξανδρος|Alexandros"),
            family: families("Παπαδόπουλος/Παπαδοπούλου|Papadopoulos/Papadopoulou; Γεωργίου|Georgiou; Οικονόμου|Oikonomou; Νικολάου|Nikolaou; Καραγιάννης/Καραγιάννη|Karagiannis/Karagianni; Βασιλείου|Vasileiou; Ιωάννου|Ioannou; Δημητρίου|Dimitriou; Μαυρίδης/Μαυρίδου|Mavridis/Mavridou; Αθανασίου|Athanasiou; Παπαδάκης/Παπαδάκη|Papadakis/Papadaki; Κωνσταντινίδης/Κωνσταντινίδου|Konstantinidis/Konstantinidou")))
        all.append(Culture(
            id: "georgian", order: .givenFamily, nativePermille: 500,
            female: parts("ნინო|Nino; თამარ|Tamar; მარიამ|Mariam; ნათია|Natia; ეკატერინე|Ekaterine; სალომე|Salome; ანა|Ana"),
            male: parts("გიორგი|Giorgi; დავით|Davit; ლევან|Levan; ირაკლი|Irakli; ზურაბ|Zurab; ნიკოლოზ|Nikoloz; ლაშა|Lasha"),
            family: families("ბერიძე|Beridze; კაპანაძე|Kapanadze; გელაშვილი|Gelashvili; მაისურაძე|Maisuradze; ლომიძე|Lomidze; ჯაფარიძე|Japaridze; წიკლაური|Tsiklauri; ქავთარაძე|Kavtaradze; ნოზაძე|Nozadze; ხუციშვილი|Khutsishvili")))
        all.append(Culture(
            id: "armenian", order: .givenFamily, nativePermille: 500,
            female: parts("Անի|Ani; Լիլիթ|Lilit; Գայանե|Gayane; Մարիամ|Mariam; Սոնա|Sona; Աննա|Anna; Լուսինե|Lusine"),
            male: parts("Արամ|Aram; Նարեկ|Narek; Հայկ|Hayk; Տիգրան|Tigran; Արմեն|Armen; Դավիթ|Davit; Կարեն|Karen"),
            family: families("Հովհաննիսյան|Hovhannisyan; Պետրոսյան|Petrosyan; Գրիգորյան|Grigoryan; Հարությունյան|Harutyunyan; Խաչատրյան|Khachatryan; Մկրտչյան|Mkrtchyan; Ավետիսյան|Avetisyan; Վարդանյան|Vardanyan; Սահակյան|Sahakyan; Գևորգյան|Gevorgyan")))
        all.append(Culture(
            id: "azerbaijani", order: .givenFamily, nativePermille: 0,
            female: parts("Leyla; Aysel; Günel; Nərmin; Səbinə; Aynur; Könül; Lalə"),
            male: parts("Rauf; Elnur; Orxan; Tural; Kamran; Rəşad; Elvin; Fuad"),
            family: families("Məmmədov; Həsənov; Quliyev; Hüseynov; Abbasov; Rzayev; Nəsirov; İsmayılov; Əhmədov; Cəfərov; Babayev; Kərimov", slavic: true)))
        all.append(Culture(
            id: "turkmen", order: .givenFamily, nativePermille: 0,
            female: parts("Aýna; Gözel; Maýsa; Jemal; Bahar; Leýli; Mähri; Ogulbike"),
            male: parts("Merdan; Döwlet; Batyr; Myrat; Aýdogdy; Kerim; Rustam; Nury"),
            family: families("Orazow; Annaýew; Hojaýew; Öwezow; Nurmuhammedow; Ataýew; Berdiýew; Saparow; Çaryýew; Gurbanow", slavic: true)))
        all.append(Culture(
            id: "uzbek", order: .givenFamily, nativePermille: 0,
            female: parts("Dilnoza; Gulnoza; Malika; Nodira; Shahnoza; Feruza; Zarina; Mohira"),
            male: parts("Sardor; Jasur; Otabek; Bekzod; Ulugʻbek; Shoxrux; Akmal; Javlon"),
            family: families("Karimov; Rashidov; Tursunov; Yusupov; Ergashev; Nazarov; Xoʻjayev; Qodirov; Gʻulomov; Abdullayev; Saidov; Mirzayev", slavic: true)))
        all.append(Culture(
            id: "kazakh", order: .givenFamily, nativePermille: 500,
            female: parts("Айгерим|Aigerim; Динара|Dinara; Асель|Assel; Жанар|Zhanar; Гульнара|Gulnara; Айжан|Aizhan; Мадина|Madina; Сауле|Saule"),
            male: parts("Нурлан|Nurlan; Ерлан|Yerlan; Данияр|Daniyar; Бауыржан|Bauyrzhan; Арман|Arman; Асхат|Askhat; Ержан|Yerzhan; Тимур|Timur"),
            family: families("Ахметов|Akhmetov; Серикбаев|Serikbayev; Жумабеков|Zhumabekov; Оспанов|Ospanov; Тулегенов|Tulegenov; Абенов|Abenov; Искаков|Iskakov; Мусин|Mussin; Бекетов|Beketov; Нуров|Nurov", slavic: true)))
        all.append(Culture(
            id: "kyrgyz", order: .givenFamily, nativePermille: 500,
            female: parts("Айжан|Aizhan; Нургуль|Nurgul; Жылдыз|Zhyldyz; Чолпон|Cholpon; Айпери|Aiperi; Гулзат|Gulzat; Бермет|Bermet"),
            male: parts("Азамат|Azamat; Бакыт|Bakyt; Эрлан|Erlan; Темир|Temir; Нурбек|Nurbek; Улан|Ulan; Канат|Kanat"),
            family: families("Асанов|Asanov; Токтогулов|Toktogulov; Мамбетов|Mambetov; Усенов|Usenov; Абдыкадыров|Abdykadyrov; Садыков|Sadykov; Осмонов|Osmonov; Алиев|Aliev", slavic: true)))
        all.append(Culture(
            id: "tajik", order: .givenFamily, nativePermille: 500,
            female: parts("Мадина|Madina; Нилуфар|Nilufar; Зарина|Zarina; Гулнора|Gulnora; Шахноза|Shakhnoza; Парвина|Parvina; Дилором|Dilorom"),
            male: parts("Фаррух|Farrukh; Рустам|Rustam; Далер|Daler; Шерзод|Sherzod; Фирдавс|Firdavs; Умед|Umed; Сухроб|Sukhrob"),
            family: families("Назаров|Nazarov; Рахимов|Rakhimov; Саидов|Saidov; Шарипов|Sharipov; Каримзода|Karimzoda; Исмоилзода|Ismoilzoda; Хасанов|Khasanov; Мирзоев|Mirzoev; Давлатов|Davlatov", slavic: true)))
        all.append(Culture(
            id: "russian", order: .givenFamily, nativePermille: 600,
            female: parts("Ольга|Olga; Наталья|Natalya; Екатерина|Ekaterina; Татьяна|Tatiana; Ирина|Irina; Анна|Anna; Елена|Elena; Мария|Maria; Светлана|Svetlana; Юлия|Yulia; Ксения|Ksenia; Дарья|Daria"),
            male: parts("Алексей|Alexey; Дмитрий|Dmitry; Сергей|Sergey; Андрей|Andrey; Михаил|Mikhail; Павел|Pavel; Николай|Nikolay; Иван|Ivan; Артём|Artyom; Владислав|Vladislav; Евгений|Evgeny; Роман|Roman"),
            family: families("Петров|Petrov; Смирнов|Smirnov; Иванов|Ivanov; Кузнецов|Kuznetsov; Соколов|Sokolov; Попов|Popov; Лебедев|Lebedev; Козлов|Kozlov; Новиков|Novikov; Морозов|Morozov; Волков|Volkov; Фёдоров|Fedorov; Орлов|Orlov; Зайцев|Zaytsev; Белов|Belov; Ильин|Ilyin", slavic: true)))
        all.append(Culture(
            id: "ukrainian", order: .givenFamily, nativePermille: 600,
            female: parts("Оксана|Oksana; Наталія|Nataliia; Ірина|Iryna; Юлія|Yuliia; Олена|Olena; Світлана|Svitlana; Тетяна|Tetiana; Марія|Mariia; Катерина|Kateryna; Ганна|Hanna"),
            male: parts("Олександр|Oleksandr; Андрій|Andrii; Богдан|Bohdan; Тарас|Taras; Василь|Vasyl; Дмитро|Dmytro; Микола|Mykola; Сергій|Serhii; Юрій|Yurii; Олег|Oleh"),
            family: families("Шевченко|Shevchenko; Коваленко|Kovalenko; Бондаренко|Bondarenko; Ткаченко|Tkachenko; Кравчук|Kravchuk; Мельник|Melnyk; Олійник|Oliinyk; Поліщук|Polishchuk; Лисенко|Lysenko; Руденко|Rudenko; Савчук|Savchuk; Марченко|Marchenko; Петренко|Petrenko; Гнатюк|Hnatiuk; Бойко|Boiko")))
        all.append(Culture(
            id: "romanian", order: .givenFamily, nativePermille: 0,
            female: parts("Maria; Elena; Natalia; Ana; Cristina; Ioana; Mihaela; Tatiana; Doina; Olga"),
            male: parts("Ion; Vasile; Andrei; Mihai; Sergiu; Alexandru; Victor; Dumitru; Radu; Nicolae"),
            family: families("Rusu; Popescu; Ciobanu; Munteanu; Lungu; Țurcan; Cebotari; Moraru; Bălan; Rotaru; Ceban; Guțu; Croitoru; Popa; Sârbu")))
        all.append(Culture(
            id: "macedonian", order: .givenFamily, nativePermille: 500,
            female: parts("Марија|Marija; Елена|Elena; Ана|Ana; Ивана|Ivana; Билјана|Biljana; Катерина|Katerina; Мартина|Martina; Сања|Sanja; Јована|Jovana"),
            male: parts("Александар|Aleksandar; Горан|Goran; Никола|Nikola; Дејан|Dejan; Стефан|Stefan; Бојан|Bojan; Зоран|Zoran; Игор|Igor; Владимир|Vladimir; Марко|Marko"),
            family: families("Петровски|Petrovski; Николовски|Nikolovski; Стојановски|Stojanovski; Јовановски|Jovanovski; Димитровски|Dimitrovski; Ангеловски|Angelovski; Костовски|Kostovski; Илиевски|Ilievski; Митревски|Mitrevski; Поповски|Popovski; Стефановски|Stefanovski; Наумовски|Naumovski", slavic: true)))
        all.append(Culture(
            id: "bulgarian", order: .givenFamily, nativePermille: 500,
            female: parts("Мария|Maria; Иванка|Ivanka; Десислава|Desislava; Гергана|Gergana; Елена|Elena; Петя|Petya"),
            male: parts("Георги|Georgi; Иван|Ivan; Димитър|Dimitar; Николай|Nikolay; Христо|Hristo; Стоян|Stoyan"),
            family: families("Иванов|Ivanov; Георгиев|Georgiev; Димитров|Dimitrov; Петров|Petrov; Николов|Nikolov; Стоянов|Stoyanov; Тодоров|Todorov; Христов|Hristov", slavic: true)))
        all.append(Culture(
            id: "albanian", order: .givenFamily, nativePermille: 0,
            female: parts("Elira; Anila; Blerta; Jonida; Ermira; Arta; Brikena; Elona"),
            male: parts("Arben; Erion; Gentian; Besnik; Ilir; Dritan; Ardit; Klodian"),
            family: families("Shehu; Krasniqi; Gashi; Dervishi; Leka; Kola; Marku; Hysa; Prifti; Çela; Tahiri; Duka")))
        all.append(Culture(
            id: "southSlavic", order: .givenFamily, nativePermille: 0,
            female: parts("Milica; Jelena; Ana; Ivana; Dragana; Marija; Tamara; Maja; Sanja; Jovana"),
            male: parts("Marko; Nikola; Stefan; Miloš; Nemanja; Luka; Dejan; Ivan; Filip; Aleksandar"),
            family: families("Jovanović; Petrović; Nikolić; Marković; Đorđević; Stojanović; Ilić; Pavlović; Popović; Horvat; Kovačević; Babić; Marić; Jurić; Novak; Hodžić; Begić; Delić")))
        all.append(Culture(
            id: "hebrew", order: .givenFamily, nativePermille: 500,
            female: parts("נועה|Noa; מיכל|Michal; תמר|Tamar; שירה|Shira; יעל|Yael; רוני|Roni"),
            male: parts("יונתן|Yonatan; אורי|Uri; דניאל|Daniel; איתי|Itai; עומר|Omer; נועם|Noam"),
            family: families("כהן|Cohen; לוי|Levi; מזרחי|Mizrahi; פרץ|Peretz; ביטון|Biton; אברהם|Avraham; פרידמן|Friedman; שפירא|Shapira")))

        var map: [String: Culture] = [:]
        for culture in all { map[culture.id] = culture }
        return map
    }()
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
