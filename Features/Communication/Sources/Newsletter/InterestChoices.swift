import KrachtCore
import Vapor

/// One checkbox or radio button on a form: its value, its label and whether it is chosen.
struct CheckChoice: Encodable, Sendable {
    var value: String
    var label: String
    var checked: Bool
}

/// The districts and domains of interest as checkboxes, the chosen ones checked, named in the
/// reader's language: on the newsletter's form and preferences and on a mailing's segment.
struct InterestChoices {
    var districts: [CheckChoice]
    var domains: [CheckChoice]

    init(_ req: Request, districts chosenDistricts: [String], domains chosenDomains: [String]) {
        let reference = req.application.reference
        districts = reference.districts.map {
            CheckChoice(value: $0.slug, label: $0.name, checked: chosenDistricts.contains($0.slug))
        }
        domains = reference.domains.map {
            CheckChoice(value: $0.slug, label: req.language == .nl ? $0.nameNL : $0.nameEN, checked: chosenDomains.contains($0.slug))
        }
    }
}
