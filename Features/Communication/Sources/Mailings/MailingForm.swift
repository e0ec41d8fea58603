import Foundation
import KrachtCore
import Vapor

/// The mailing form as posted: subject, Markdown body and the segment's choices, checked
/// against the reference data and the offered audiences.
struct MailingForm: Sendable {
    static let layout = FormLayout(
        id: "mailing-form",
        [
            .field("subject", id: "mailing-subject", label: "mailings.field.subject"),
            .field("body", id: "mailing-body", label: "mailings.field.body"),
            .field("district", id: "mailing-districts", label: "mailings.field.districts"),
            .field("domain", id: "mailing-domains", label: "mailings.field.domains"),
            .field("audience", id: "mailing-audiences", label: "mailings.field.audiences"),
        ])
    static let maxSubject = 200
    static let maxBody = SafeMarkdown.maxLength

    var subject: String
    var body: String
    var districts: [String]
    var domains: [String]
    var audiences: [String]

    init(fields: FormFields) {
        subject = (fields["subject"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        body = (fields["body"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        districts = fields.values("district")
        domains = fields.values("domain")
        audiences = fields.values("audience")
    }

    init(_ mailing: Mailing) {
        (subject, body, districts, domains, audiences) = (
            mailing.subject, mailing.body, mailing.districts, mailing.domains, mailing.audiences
        )
    }

    init() { (subject, body, districts, domains, audiences) = ("", "", [], [], []) }

    /// Field errors as text keys; empty when the form can be saved.
    func problems(app: Application) -> [(String, String)] {
        var problems: [(String, String)] = []
        if subject.isEmpty {
            problems.append(("subject", "mailings.error.subject_empty"))
        } else if subject.count > Self.maxSubject || subject.contains(where: { $0.isNewline }) {
            problems.append(("subject", "mailings.error.subject_long"))
        }
        if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(("body", "mailings.error.body_empty"))
        } else if body.count > Self.maxBody {
            problems.append(("body", "mailings.error.body_long"))
        }
        let districtSlugs = Set(app.reference.districts.map(\.slug))
        if districts.count > 100 || !districts.allSatisfy(districtSlugs.contains) {
            problems.append(("district", "mailings.error.district"))
        }
        let domainSlugs = Set(app.reference.domains.map(\.slug))
        if domains.count > 100 || !domains.allSatisfy(domainSlugs.contains) { problems.append(("domain", "mailings.error.domain")) }
        let audienceKeys = Set(MailingSegment.offered(app: app).map(\.key))
        if audiences.count > 100 || !audiences.allSatisfy(audienceKeys.contains) {
            problems.append(("audience", "mailings.error.audience"))
        }
        return problems
    }

    var segment: MailingSegment { MailingSegment(districts: districts, domains: domains, audiences: audiences) }
}
