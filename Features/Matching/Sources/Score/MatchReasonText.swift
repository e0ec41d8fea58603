import Foundation
import Initiatives
import KrachtCore
import Vapor

/// One reason in words: a lead ("je vaardigheid") and, when it names something, the name
/// ("koken"), which a page shows emphasised (`matching/_reasons.leaf`).
public struct ReasonText: Encodable, Sendable, Equatable {
    public var lead: String
    public var name: String?
    /// Both as one line, for mail and plain text.
    public var plain: String { name.map { lead.isEmpty ? $0 : "\(lead) \($0)" } ?? lead }
}

/// Reasons in the words of a language: skills by name, weekday and day part, area or district
/// by name, domains by their name in that language, languages by their own name.
public enum MatchReasonText {
    public static func words(
        _ reasons: [MatchReason], in language: Language, skillNames: [UUID: String], app: Application
    ) -> [ReasonText] {
        let t = { (key: String, arguments: [String: String]) in app.catalogue.text(key, in: language, arguments) }
        return reasons.compactMap { reason -> ReasonText? in
            switch reason {
            case .skill(let id):
                guard let name = skillNames[id] else { return nil }
                return ReasonText(lead: t("matching.reason.skill", [:]), name: name)
            case .time(let weekday, let part):
                return ReasonText(lead: cell(weekday: weekday, part: part, compact: true, in: language, app: app), name: nil)
            case .anyTime:
                return ReasonText(lead: t("matching.reason.any_time", [:]), name: nil)
            case .sameArea(let slug):
                let area = app.reference.districts.lazy.flatMap(\.areas).first { $0.slug == slug }
                return ReasonText(lead: t("matching.reason.area", [:]), name: area?.name ?? slug)
            case .sameDistrict(let slug):
                let district = app.reference.districts.first { $0.slug == slug }
                return ReasonText(lead: t("matching.reason.district", [:]), name: district?.name ?? slug)
            case .online:
                return ReasonText(lead: t("matching.reason.online", [:]), name: nil)
            case .domain(let slug):
                guard let domain = app.reference.domains.first(where: { $0.slug == slug }) else { return nil }
                return ReasonText(lead: t("matching.reason.domain", [:]), name: language == .nl ? domain.nameNL : domain.nameEN)
            case .language(let code):
                return ReasonText(lead: t("matching.reason.language", [:]), name: SpokenLanguage.name(of: code) ?? code)
            }
        }
    }

    /// A grid cell in words: "dinsdagavond" in a reason (`compact`), "dinsdag avond" as a label.
    public static func cell(weekday: Int, part: AvailabilityGrid.DayPart, compact: Bool, in language: Language, app: Application)
        -> String
    {
        app.catalogue.text(
            compact ? "matching.grid.cell_compact" : "matching.grid.cell", in: language,
            [
                "weekday": app.catalogue.text("matching.grid.weekday.\(weekday)", in: language),
                "part": app.catalogue.text("matching.grid.part.\(part.rawValue)", in: language),
            ])
    }
}
