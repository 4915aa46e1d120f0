import Testing

@testable import FellowshipCore

/// Plural forms and number formats of the six languages at the numbers where each language
/// changes form (CLDR: Russian one/few/many/other, Arabic zero/one/two/few/many/other,
/// French 0 and 1 singular, English and Spanish 1 singular, Chinese none).
@Suite("Plural forms and numbers")
struct PluralFormTests {
    static func pack(_ code: String) -> LanguagePack { Language(rawValue: code)!.pack }

    @Test("points in every language at the numbers where the form changes")
    func points() {
        let expected: [String: [(Double, String)]] = [
            "en": [(0, "0 points"), (1, "1 point"), (1.5, "1.5 points"), (2, "2 points")],
            "es": [(0, "0\u{a0}puntos"), (1, "1\u{a0}punto"), (1.5, "1,5\u{a0}puntos"), (2, "2\u{a0}puntos")],
            "fr": [(0, "0\u{a0}point"), (1, "1\u{a0}point"), (1.5, "1,5\u{a0}point"), (2, "2\u{a0}points")],
            "zh": [(1, "1分"), (2, "2分"), (1.5, "1.5分")],
            "ru": [
                (1, "1\u{a0}балл"), (2, "2\u{a0}балла"), (4, "4\u{a0}балла"), (5, "5\u{a0}баллов"),
                (11, "11\u{a0}баллов"),
                (12, "12\u{a0}баллов"), (14, "14\u{a0}баллов"), (21, "21\u{a0}балл"), (22, "22\u{a0}балла"),
                (25, "25\u{a0}баллов"), (101, "101\u{a0}балл"), (111, "111\u{a0}баллов"), (1.5, "1,5\u{a0}балла"),
                (0, "0\u{a0}баллов"),
            ],
            "ar": [
                (0, "0 نقطة"), (1, "نقطة واحدة"), (2, "نقطتان"), (3, "3 نقاط"), (10, "10 نقاط"), (11, "11 نقطة"),
                (99, "99 نقطة"), (100, "100 نقطة"), (102, "102 نقطة"), (103, "103 نقاط"), (111, "111 نقطة"),
                (1.5, "1.5 نقطة"),
            ],
        ]
        for (code, cases) in expected {
            for (value, text) in cases { #expect(Self.pack(code).points(value) == text, "\(code) \(value)") }
        }
    }

    @Test("the categories behind them follow CLDR")
    func categories() {
        typealias Rule = LanguagePack.PluralRule
        let russian: [(Double, LanguagePack.PluralCategory)] = [
            (1, .one), (21, .one), (101, .one), (2, .few), (3, .few), (4, .few), (22, .few), (104, .few),
            (0, .many), (5, .many), (11, .many), (12, .many), (14, .many), (19, .many), (100, .many), (111, .many),
            (2.5, .other),
        ]
        for (value, category) in russian { #expect(Rule.eastSlavic.category(value) == category, "ru \(value)") }
        let arabic: [(Double, LanguagePack.PluralCategory)] = [
            (0, .zero), (1, .one), (2, .two), (3, .few), (10, .few), (103, .few), (110, .few), (11, .many), (26, .many),
            (99, .many), (111, .many), (100, .other), (101, .other), (102, .other), (0.5, .other),
        ]
        for (value, category) in arabic { #expect(Rule.arabic.category(value) == category, "ar \(value)") }
    }

    @Test("sentences take the plural form of their number: the country cap and the DSA days")
    func sentences() {
        let ru = Self.pack("ru")
        let ar = Self.pack("ar")
        let es = Self.pack("es")
        #expect(ru.letter("reason.country_cap", count: 1, ["cap": "1"]).contains("1 стипендию"))
        #expect(ru.letter("reason.country_cap", count: 2, ["cap": "2"]).contains("2 стипендии"))
        #expect(ru.letter("reason.country_cap", count: 5, ["cap": "5"]).contains("5 стипендий"))
        #expect(ru.letter("fellowship.dsa", count: 12, ["days": "12"]).contains("за 12 дней"))
        #expect(ru.letter("fellowship.dsa", count: 3, ["days": "3"]).contains("за 3 дня"))
        #expect(ru.letter("fellowship.dsa", count: 21, ["days": "21"]).contains("за 21 день"))
        #expect(ar.letter("reason.country_cap", count: 1, ["cap": "1"]).contains("منحة واحدة"))
        #expect(ar.letter("reason.country_cap", count: 2, ["cap": "2"]).contains("منحتين"))
        #expect(ar.letter("reason.country_cap", count: 3, ["cap": "3"]).contains("3 منح"))
        #expect(ar.letter("reason.country_cap", count: 11, ["cap": "11"]).contains("11 منحة"))
        #expect(ar.letter("fellowship.dsa", count: 12, ["days": "12"]).contains("12 يومًا"))
        #expect(ar.letter("fellowship.dsa", count: 2, ["days": "2"]).contains("يومين"))
        #expect(es.letter("fellowship.dsa", count: 1, ["days": "1"]).contains("1 día"))
        #expect(es.letter("fellowship.dsa", count: 12, ["days": "12"]).contains("12 días"))
    }

    @Test("numbers and amounts in each language's own format")
    func numbers() {
        let amount = Money(cents: 384_000)
        let large = Money(cents: 1_234_567)
        let expected: [String: (String, String, String)] = [
            "en": ("3,840.00 CHF", "12,345.67 CHF", "4.5"),
            "fr": ("3\u{202f}840,00\u{a0}CHF", "12\u{202f}345,67\u{a0}CHF", "4,5"),
            "es": ("3840,00\u{a0}CHF", "12.345,67\u{a0}CHF", "4,5"),
            "ru": ("3\u{a0}840,00\u{a0}CHF", "12\u{a0}345,67\u{a0}CHF", "4,5"),
            "ar": ("3,840.00\u{a0}CHF", "12,345.67\u{a0}CHF", "4.5"),
            "zh": ("3,840.00 CHF", "12,345.67 CHF", "4.5"),
        ]
        for (code, (money, big, number)) in expected {
            let pack = Self.pack(code)
            #expect(pack.money(amount, currency: "CHF") == money, "\(code)")
            #expect(pack.money(large, currency: "CHF") == big, "\(code)")
            #expect(pack.number(4.5) == number, "\(code)")
        }
    }

    @Test("dates in letters are written in each language's words")
    func dates() {
        let date = CalendarDate(year: 2020, month: 7, day: 6)
        let expected = [
            "en": "6 July 2020", "fr": "6 juillet 2020", "es": "6 de julio de 2020", "ru": "6 июля 2020 г.",
            "ar": "6 يوليو 2020", "zh": "2020年7月6日",
        ]
        for (code, text) in expected { #expect(LetterWriter.format(date, Self.pack(code)) == text, "\(code)") }
    }
}
