import Foundation

/// The benchmark plan's words: Dutch-looking Markdown of about 300 words per section, a rewrite
/// changing a few sentences of it, so the diff has real work to do.
enum PlansFillText {
    static let topics = [
        "de buurt", "het buurthuis", "de gemeente", "actieve bewoners", "het fonds", "de jongeren", "de ouderen", "het park",
        "de markt", "de school", "de bibliotheek", "het stadsdeel",
    ]
    static let verbs = ["organiseren", "bespreken", "verbeteren", "ondersteunen", "betalen", "openen", "delen", "plannen"]
    static let things = [
        "een avond", "een gesprek", "een borrel", "een werkgroep", "een brief", "een training", "een ontmoeting", "een actiedag",
    ]

    static func title(_ n: Int) -> String { "\(n + 1). \(topics[n % topics.count].capitalized) en \(things[n % things.count])" }

    static func activity(_ n: Int, _ k: Int) -> String {
        "\(things[(n + k) % things.count].capitalized) met \(topics[(n * 3 + k) % topics.count])"
    }

    static func reaction(_ r: Int) -> String {
        "Goed plan. Ik wil graag helpen met \(things[r % things.count]) voor \(topics[(r / 8) % topics.count]). Reactie \(r)."
    }

    /// Section `n` as rewritten in version `edit` (0: the first text). A rewrite changes two of
    /// the twelve sentences and adds one.
    static func section(_ n: Int, edit: Int) -> String {
        var sentences = (0..<12).map { s in sentence(n * 12 + s) }
        if edit > 0 {
            sentences[edit % 12] = sentence(n * 12 + edit * 5 + 1000)
            sentences[(edit + 5) % 12] = sentence(n * 12 + edit * 7 + 2000)
            sentences.append("In versie \(edit) is dit onderdeel bijgewerkt na reacties van bewoners.")
        }
        let first = sentences[0..<5].joined(separator: " ")
        let bullets = sentences[5..<9].map { "- \($0)" }.joined(separator: "\n")
        let rest = sentences[9...].joined(separator: " ")
        return "\(first)\n\n\(bullets)\n\n**Waarom?** \(rest)"
    }

    /// About 22 words.
    static func sentence(_ seed: Int) -> String {
        let topic = topics[seed % topics.count], verb = verbs[(seed / 3) % verbs.count], thing = things[(seed / 5) % things.count]
        let other = topics[(seed / 7 + 3) % topics.count]
        return
            "Samen met \(topic) willen we \(thing) \(verb), zodat \(other) er iets aan heeft en iedereen in Amsterdam mee kan doen, ook wie weinig tijd heeft."
    }
}
