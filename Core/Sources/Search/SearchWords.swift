import Foundation

/// The words of a text worth comparing for "similar" documents: no Dutch or English stop words,
/// none under 3 letters, one per stem, at most `maxWords`, in the order they first appear.
enum SearchWords {
    static let maxWords = 12

    static func significant(in text: String) -> [String] {
        var seen = Set<String>()
        var words: [String] = []
        for word in DutchStemmer.words(in: text) where word.count >= 3 && word.count <= SearchQuery.maxWordLength {
            guard !stopWords.contains(word), seen.insert(DutchStemmer.stem(word)).inserted else { continue }
            words.append(word)
            if words.count == maxWords { break }
        }
        return words
    }

    /// Snowball's Dutch stop list and the commonest English function words (3 letters and more,
    /// diacritics folded as `DutchStemmer.words` folds them).
    static let stopWords: Set<String> = Set(
        """
        aan als bij dan dat die dit door een eens geen heb hebben heeft hem het hier hij hoe hun iemand iets
        ons ook toch tot uit uw van veel voor wat wel wie wij zij zijn zal zich zou zonder zoals zelf niet nog
        naar niets niemand maar met mij mijn men meer moet moeten nou omdat over reeds zeer werd wordt worden
        was waren wezen want alles andere altijd ben deze doen dus geweest haar had heeft hebt ikzelf kan kon
        kunnen lijkt onder ooit tegen toen tussen veel vooral waar waarom wanneer weer welke zelfs zeker
        ook onze jullie jouw jij zijn haar hen ons bent gaan gaat wil willen via per iedereen elke elk alle
        the and for are but not you all any can had her was one our out has have his how its may new now
        old see two who did get him let say she too use with that this from they will would there their
        what about which when your into than then them these some could other were been being more most
        such only also just over very much many where while here those each both does doing our ours
        """.split { $0 == " " || $0 == "\n" }.map(String.init))
}

/// Private-use characters that mark a hit in a snippet: the engines put them around hits,
/// `parts` splits on them, and `strip` keeps them out of stored documents (with `shield`, which
/// stands in for "<" while PostgreSQL's `ts_headline` runs, as it would drop anything tag-like).
enum HighlightMarkers {
    static let start: Unicode.Scalar = "\u{E000}"
    static let end: Unicode.Scalar = "\u{E001}"
    static let shield: Unicode.Scalar = "\u{E002}"

    static func strip(_ text: String) -> String {
        let reserved: Set<Unicode.Scalar> = [start, end, shield]
        guard text.unicodeScalars.contains(where: reserved.contains) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !reserved.contains($0) })
        return String(scalars)
    }

    /// Splits marked text into plain and hit parts (by scalar: a marker may sit before a
    /// combining mark), dropping empty parts and merging neighbours of the same kind.
    static func parts(_ marked: String) -> [Snippet.Part] {
        var parts: [Snippet.Part] = []
        var current = String.UnicodeScalarView()
        var hit = false
        func flush() {
            guard !current.isEmpty else { return }
            let text = String(current)
            if let last = parts.last, last.hit == hit {
                parts[parts.count - 1].text += text
            } else {
                parts.append(Snippet.Part(text: text, hit: hit))
            }
            current = String.UnicodeScalarView()
        }
        for scalar in marked.unicodeScalars {
            if scalar == start || scalar == end {
                flush()
                hit = scalar == start
            } else {
                current.append(scalar)
            }
        }
        flush()
        return parts
    }
}
