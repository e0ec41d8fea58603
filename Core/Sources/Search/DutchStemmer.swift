import Foundation

/// Dutch stems for search: the Snowball Dutch algorithm (Porter's, as PostgreSQL's `dutch`
/// configuration has it), plus what Snowball leaves out and residents type every day: the z/s and
/// v/f alternation of plurals (huizen → huis, duiven → duif) and a few `-eren` plurals
/// (kinderen → kind). Words are lower-cased and their diacritics folded first (één → een).
/// Both index and query go through this, so only consistency matters, not linguistic truth.
public enum DutchStemmer {
    /// The stem of one word (letters and digits; anything else is folded through unchanged).
    public static func stem(_ word: String) -> String {
        var w = Array(fold(word))
        if let irregular = irregularPlurals.first(where: {
            w.count >= $0.plural.count && w.suffix($0.plural.count).elementsEqual($0.plural)
        }) {
            w = w.dropLast(irregular.plural.count) + irregular.singular
        }
        guard w.count > 2 else { return String(w) }
        markConsonants(&w)
        var stemmer = Stemming(w)
        stemmer.run()
        return String(stemmer.w.map { $0 == "I" ? "i" : $0 == "Y" ? "y" : $0 })
    }

    /// The words of a text, lower-cased with diacritics folded, in order.
    public static func words(in text: String) -> [String] {
        fold(text).split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// The stem of every word of a text, in order (for the index's hidden stems column).
    public static func stems(of text: String) -> [String] {
        words(in: text).map(stem)
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
    }

    /// Plurals in `-eren` whose singular the algorithm cannot reach (it stops at "kinder").
    private static let irregularPlurals: [(plural: [Character], singular: [Character])] = [
        ("kinderen", "kind"), ("liederen", "lied"), ("eieren", "ei"), ("bladeren", "blad"),
        ("kalveren", "kalf"), ("lammeren", "lam"), ("volkeren", "volk"), ("runderen", "rund"),
        ("goederen", "goed"), ("raderen", "rad"),
    ].map { (Array($0.0), Array($0.1)) }

    static func isVowel(_ c: Character) -> Bool { "aeiouyè".contains(c) }

    /// Snowball's prelude: an initial y, a y after a vowel and an i between vowels are consonants
    /// (upper-cased until the end).
    private static func markConsonants(_ w: inout [Character]) {
        if w[0] == "y" { w[0] = "Y" }
        for i in 1..<w.count where isVowel(w[i - 1]) {
            if w[i] == "y" {
                w[i] = "Y"
            } else if w[i] == "i", i + 1 < w.count, isVowel(w[i + 1]) {
                w[i] = "I"
            }
        }
    }
}

/// The suffix steps of the Snowball Dutch stemmer on one prepared word.
private struct Stemming {
    var w: [Character]
    var p1: Int
    var p2: Int
    var eFound = false

    init(_ w: [Character]) {
        self.w = w
        // R1 starts after the first non-vowel following a vowel (but at least at 3); R2 likewise in R1.
        func after(_ start: Int) -> Int? {
            var i = start
            while i < w.count, !DutchStemmer.isVowel(w[i]) { i += 1 }
            while i < w.count, DutchStemmer.isVowel(w[i]) { i += 1 }
            return i < w.count ? i + 1 : nil
        }
        let end1 = after(0)
        p1 = max(end1 ?? w.count, 3)
        p2 = end1.flatMap { after($0) } ?? w.count
    }

    mutating func run() {
        step1()
        step2()
        step3a()
        step3b()
        step4()
        alternate()
    }

    private func ends(_ suffix: String) -> Bool { w.count >= suffix.count && w.suffix(suffix.count).elementsEqual(suffix) }
    private func consonant(before start: Int) -> Bool { start > 0 && !DutchStemmer.isVowel(w[start - 1]) }
    private mutating func cut(_ count: Int) { w.removeLast(count) }

    private mutating func undouble() {
        if ends("kk") || ends("dd") || ends("tt") { cut(1) }
    }

    /// -en, -ene after a consonant in R1, except after "gem" (as Snowball has it).
    private mutating func enEnding(_ length: Int) -> Bool {
        let start = w.count - length
        guard start >= p1, consonant(before: start), !w[..<start].suffix(3).elementsEqual("gem") else { return false }
        cut(length)
        undouble()
        return true
    }

    private mutating func step1() {
        if ends("heden") {
            if w.count - 5 >= p1 { w.replaceSubrange((w.count - 5)..., with: Array("heid")) }
        } else if ends("ene") {
            _ = enEnding(3)
        } else if ends("en") {
            _ = enEnding(2)
        } else if ends("se") || ends("s") {
            let length = ends("se") ? 2 : 1
            let start = w.count - length
            if start >= p1, start > 0, !DutchStemmer.isVowel(w[start - 1]), w[start - 1] != "j" { cut(length) }
        }
    }

    /// A final -e after a consonant in R1.
    private mutating func step2() {
        eFound = false
        let start = w.count - 1
        guard ends("e"), start >= p1, consonant(before: start) else { return }
        cut(1)
        eFound = true
        undouble()
    }

    private mutating func step3a() {
        let start = w.count - 4
        guard ends("heid"), start >= p2, start == 0 || w[start - 1] != "c" else { return }
        cut(4)
        if ends("en") { _ = enEnding(2) }
    }

    private mutating func step3b() {
        if ends("end") || ends("ing") {
            guard w.count - 3 >= p2 else { return }
            cut(3)
            if ends("ig"), w.count - 2 >= p2, w.count < 3 || w[w.count - 3] != "e" { cut(2) } else { undouble() }
        } else if ends("ig") {
            if w.count - 2 >= p2, w.count < 3 || w[w.count - 3] != "e" { cut(2) }
        } else if ends("lijk") {
            guard w.count - 4 >= p2 else { return }
            cut(4)
            step2()
        } else if ends("baar") {
            if w.count - 4 >= p2 { cut(4) }
        } else if ends("bar") {
            if w.count - 3 >= p2, eFound { cut(3) }
        }
    }

    /// A double vowel between consonants at the end loses one: maan → man (so manen and maan meet).
    private mutating func step4() {
        let n = w.count
        guard n >= 4, !DutchStemmer.isVowel(w[n - 1]), w[n - 1] != "I", w[n - 2] == w[n - 3], "aeou".contains(w[n - 2]),
            !DutchStemmer.isVowel(w[n - 4])
        else { return }
        w.remove(at: n - 2)
    }

    /// Dutch spells a stem's final s and f as z and v before a vowel: huizen/huis, duiven/duif.
    private mutating func alternate() {
        guard let last = w.last, w.count > 2 else { return }
        if last == "z" { w[w.count - 1] = "s" } else if last == "v" { w[w.count - 1] = "f" }
    }
}
