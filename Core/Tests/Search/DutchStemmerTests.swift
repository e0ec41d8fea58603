import KrachtCore
import XCTest

final class DutchStemmerTests: XCTestCase {
    /// Words where the Snowball algorithm alone decides: the stems PostgreSQL's `dutch_stem` gives.
    func testSnowballWordsStemAsPostgreSQLsDutchStemmer() {
        let table = [
            "lichamelijk": "licham", "lichamelijke": "licham", "lichamelijkheden": "licham",
            "gemeente": "gemeent", "gemeenten": "gemeent", "maan": "man", "manen": "man",
            "moestuinen": "moestuin", "vrijwilligers": "vrijwilliger", "wijken": "wijk",
            "activiteiten": "activiteit", "bewoners": "bewoner", "straten": "strat", "groenste": "groenst",
            "schoonmaken": "schoonmak", "eenzaamheid": "eenzam", "ouderen": "ouder", "zorgzaamheid": "zorgzam",
            "beweging": "beweg", "bewegingen": "beweg", "koken": "kok", "tuinieren": "tuinier",
            "fietsenmaker": "fietsenmaker", "voedselbank": "voedselbank", "huiswerkbegeleiding": "huiswerkbegeleid",
            "opgingen": "opging", "kopje": "kopj", "yoga": "yoga", "bayonet": "bayonet", "maaien": "maai",
            "bloeien": "bloei", "papegaai": "papegaai", "koninkrijk": "koninkrijk", "mogelijkheden": "mogelijk",
            "zonnepanelen": "zonnepanel", "duurzaamheid": "duurzam", "wandelend": "wandel",
            "wandelingen": "wandel", "vriendelijk": "vriendelijk", "vriendelijke": "vriendelijk",
        ]
        for (word, stem) in table.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(DutchStemmer.stem(word), stem, word)
        }
    }

    /// Plural and singular meet, where Snowball alone keeps some apart (buurthuiz/buurthuis).
    func testPluralsMeetTheirSingular() {
        let pairs = [
            ("buurthuizen", "buurthuis"), ("huizen", "huis"), ("duiven", "duif"), ("brieven", "brief"),
            ("wijken", "wijk"), ("vrijwilligers", "vrijwilliger"), ("moestuinen", "moestuin"),
            ("kinderen", "kind"), ("pleegkinderen", "pleegkind"), ("kazen", "kaas"), ("reizen", "reis"),
            ("wolven", "wolf"), ("bewoners", "bewoner"), ("activiteiten", "activiteit"), ("tuinen", "tuin"),
        ]
        for (plural, singular) in pairs {
            XCTAssertEqual(DutchStemmer.stem(plural), DutchStemmer.stem(singular), "\(plural) / \(singular)")
        }
        XCTAssertEqual(DutchStemmer.stem("buurthuizen"), "buurthuis")
        XCTAssertEqual(DutchStemmer.stem("duiven"), "duif")
        XCTAssertEqual(DutchStemmer.stem("kinderen"), "kind")
    }

    func testCaseAndDiacriticsAreFoldedAndWordsSplit() {
        XCTAssertEqual(DutchStemmer.stem("één"), "een")
        XCTAssertEqual(DutchStemmer.stem("Buurthuis"), "buurthuis")
        XCTAssertEqual(DutchStemmer.stem("CAFÉ"), DutchStemmer.stem("cafe"))
        XCTAssertEqual(DutchStemmer.words(in: "Buurthuis De Pijp: één <script>!"), ["buurthuis", "de", "pijp", "een", "script"])
        XCTAssertEqual(DutchStemmer.stems(of: "Moestuinen in Noord"), ["moestuin", "in", "noord"])
        // Short and odd words pass without a crash.
        for word in ["", "a", "ij", "yy", "iii", "2024", "ŉ", "ß", "ﬁets"] { _ = DutchStemmer.stem(word) }
    }
}
