import Foundation
import KrachtCore
import Vapor

/// The names of places and domains from the reference data, in the reader's language, and the
/// choices a form offers (districts, areas grouped by district, domains as checkboxes).
struct IdeaPlaces: Sendable {
    struct Choice: Encodable, Sendable {
        var value: String
        var label: String
        var checked: Bool
    }
    struct AreaGroup: Encodable, Sendable {
        var label: String
        var areas: [Choice]
    }

    let reference: ReferenceData
    let language: Language

    init(_ req: Request) {
        reference = req.application.reference
        language = req.language
    }

    func domainName(_ slug: String) -> String {
        guard let domain = reference.domain(slug: slug) else { return slug }
        return language == .nl ? domain.nameNL : domain.nameEN
    }

    /// "Area, District", "District" or nil.
    func placeName(district: String?, area: String?) -> String? {
        let districtName = district.flatMap { reference.district(slug: $0)?.name }
        let areaName = area.flatMap { slug in reference.district(ofArea: slug)?.areas.first { $0.slug == slug }?.name }
        return [areaName, districtName].compactMap { $0 }.joined(separator: ", ").nilIfEmpty
    }

    func districts(selected: String?) -> [Choice] {
        reference.districts.map { Choice(value: $0.slug, label: $0.name, checked: $0.slug == selected) }
    }

    func areas(selected: String?) -> [AreaGroup] {
        reference.districts.map { district in
            AreaGroup(
                label: district.name, areas: district.areas.map { Choice(value: $0.slug, label: $0.name, checked: $0.slug == selected) })
        }
    }

    func domains(selected: [String]) -> [Choice] {
        reference.domains.map { Choice(value: $0.slug, label: domainName($0.slug), checked: selected.contains($0.slug)) }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
