import Fluent
import Foundation
import KrachtCore
import Vapor

/// Publishes a new version of the criteria: version N+1 from a day not before today, every
/// criterion's title and explanation in every fund language, sane limits. The version before
/// ends where it starts; a version that has started is never edited.
struct PublishCriteria: Sendable {
    struct Input: Sendable {
        /// `title-<criterion>-<language>`, `explanation-<criterion>-<language>`, `limit`, `days`, `budget`, `hours`, `valid_from`.
        var fields: [String: String]
    }
    enum Outcome: Sendable {
        case published(version: Int)
        case invalid(FormErrors)
    }

    static let maxTitle = 100
    static let maxExplanation = 600
    static let maxLimitCents: Int64 = 1_000_000
    static let maxBudgetCents: Int64 = 100_000_000

    let app: Application

    func run(_ input: Input, by member: User, language: Language) async throws -> Outcome {
        let app = self.app
        let memberID = try member.requireID()
        let t: @Sendable (String, [String: String]) -> String = { key, arguments in app.catalogue.text(key, in: language, arguments) }
        return try await app.db.writeTransaction { db -> Outcome in
            guard let latest = try await CriteriaVersion.query(on: db).sort(\.$version, .descending).first() else {
                return .invalid(FormErrors(summary: t("fundhelp.criteria_admin.error.none", [:])))
            }
            var errors = FormErrors()
            var criteria: [CriteriaVersion.Criterion] = []
            for old in latest.criteria {
                var criterion = CriteriaVersion.Criterion(key: old.key, title: [:], explanation: [:])
                for code in FundHelpFeature.languages.map(\.rawValue) {
                    let (title, titleProblem) = TextField.check(input.fields["title-\(old.key)-\(code)"], maxLength: Self.maxTitle)
                    if let titleProblem {
                        errors.add(
                            "title-\(old.key)-\(code)", TextField.message(for: titleProblem, maxLength: Self.maxTitle) { t($0, [:]) })
                    }
                    let (text, textProblem) = TextField.check(
                        input.fields["explanation-\(old.key)-\(code)"], maxLength: Self.maxExplanation, singleLine: false)
                    if let textProblem {
                        errors.add(
                            "explanation-\(old.key)-\(code)",
                            TextField.message(for: textProblem, maxLength: Self.maxExplanation) { t($0, [:]) })
                    }
                    criterion.title[code] = title
                    criterion.explanation[code] = text
                }
                criteria.append(criterion)
            }
            let money = { (cents: Int64) in Money.format(cents: cents, in: language) }
            let limit = input.fields["limit"].flatMap(Money.parseCents)
            if limit == nil || limit! <= 0 || limit! > Self.maxLimitCents {
                errors.add("limit", t("fundhelp.criteria_admin.error.limit", ["max": money(Self.maxLimitCents)]))
            }
            let days = input.fields["days"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if days == nil || !(1...3650).contains(days!) { errors.add("days", t("fundhelp.criteria_admin.error.days", [:])) }
            let budget = input.fields["budget"].flatMap(Money.parseCents)
            if budget == nil || budget! <= 0 || budget! > Self.maxBudgetCents {
                errors.add("budget", t("fundhelp.criteria_admin.error.budget", ["max": money(Self.maxBudgetCents)]))
            }
            let hours = input.fields["hours"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if hours == nil || !(1...720).contains(hours!) { errors.add("hours", t("fundhelp.criteria_admin.error.hours", [:])) }
            let today = AmsterdamTime.day(app.clock.now())
            let dayText = (input.fields["valid_from"] ?? "").trimmingCharacters(in: .whitespaces)
            let start = AmsterdamTime.parseDay(dayText)
            if start == nil || dayText < today || start! <= latest.validFrom {
                errors.add("valid_from", t("fundhelp.criteria_admin.error.valid_from", ["today": today]))
            }
            guard errors.isEmpty, let start, let limit, let days, let budget, let hours else { return .invalid(errors) }
            let version = CriteriaVersion()
            version.version = latest.version + 1
            version.validFrom = start
            version.criteria = criteria
            version.perPersonLimitCents = limit
            version.perPersonDays = days
            version.monthlyBudgetCents = budget
            version.responseHours = hours
            version.createdBy = memberID
            version.createdAt = app.clock.now()
            try await version.create(on: db)
            latest.validUntil = start
            try await latest.save(on: db)
            try await AuditEvent.record("fundhelp.criteria.published", subject: "criteria_version:\(version.version)", by: memberID, on: db)
            return .published(version: version.version)
        }
    }
}
