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
/// by name, domains by their name in that language, languages by their own name. A resident
/// reads them about themselves ("je vaardigheid koken"); an organiser about a candidate
/// ("kan goed koken").
public enum MatchReasonText {
    public enum Voice: Sendable { case resident, organiser }

    /// The leads of one voice, as whole keys.
    private struct Leads {
        var skill, anyTime, area, district, online, domain, language: String
        /// nil: the time cell alone is the reason ("dinsdagavond").
        var time: String?
    }

    private static func leads(_ voice: Voice) -> Leads {
        switch voice {
        case .resident:
            Leads(
                skill: "matching.reason.skill", anyTime: "matching.reason.any_time", area: "matching.reason.area",
                district: "matching.reason.district", online: "matching.reason.online", domain: "matching.reason.domain",
                language: "matching.reason.language", time: nil)
        case .organiser:
            Leads(
                skill: "matching.candidates.reason.skill", anyTime: "matching.candidates.reason.any_time",
                area: "matching.candidates.reason.area", district: "matching.candidates.reason.district",
                online: "matching.candidates.reason.online", domain: "matching.candidates.reason.domain",
                language: "matching.candidates.reason.language", time: "matching.candidates.reason.time")
        }
    }

    public static func words(
        _ reasons: [MatchReason], in language: Language, skillNames: [UUID: String], voice: Voice = .resident, app: Application
    ) -> [ReasonText] {
        let t = { (key: String, arguments: [String: String]) in app.catalogue.text(key, in: language, arguments) }
        let leads = leads(voice)
        return reasons.compactMap { reason -> ReasonText? in
            switch reason {
            case .skill(let id):
                guard let name = skillNames[id] else { return nil }
                return ReasonText(lead: t(leads.skill, [:]), name: name)
            case .time(let weekday, let part):
                let cell = ShiftWords.cell(weekday: weekday, part: part, t)
                return leads.time.map { ReasonText(lead: t($0, [:]), name: cell) } ?? ReasonText(lead: cell, name: nil)
            case .anyTime:
                return ReasonText(lead: t(leads.anyTime, [:]), name: nil)
            case .sameArea(let slug):
                let area = app.reference.area(slug: slug)
                return ReasonText(lead: t(leads.area, [:]), name: area?.name ?? slug)
            case .sameDistrict(let slug):
                let district = app.reference.district(slug: slug)
                return ReasonText(lead: t(leads.district, [:]), name: district?.name ?? slug)
            case .online:
                return ReasonText(lead: t(leads.online, [:]), name: nil)
            case .domain(let slug):
                guard let domain = app.reference.domains.first(where: { $0.slug == slug }) else { return nil }
                return ReasonText(lead: t(leads.domain, [:]), name: language == .nl ? domain.nameNL : domain.nameEN)
            case .language(let code):
                return ReasonText(lead: t(leads.language, [:]), name: SpokenLanguage.name(of: code) ?? code)
            }
        }
    }
}
