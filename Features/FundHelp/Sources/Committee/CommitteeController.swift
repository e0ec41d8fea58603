import Fluent
import KrachtCore
import Vapor

/// The fund committee's pages: the queue, the access log, and (in their own controllers) the
/// case page with its decisions and the criteria.
struct CommitteeController: RouteCollection {
    struct Row: Encodable {
        var number, path, category, urgency, requested, age, status, name: String
        var overdue, wroteAfterDecision: Bool
    }
    struct FilterLink: Encodable {
        var label, href: String
        var current: Bool
    }
    struct QueuePage: Encodable {
        var rows: [Row]
        var filters: [FilterLink]
        var countText: String
        var overdueText: String?
        var previous, next: String?
        var accessLogPath = FundHelpPath.accessLog().path
        var criteriaPath = FundHelpPath.adminCriteria.path
    }
    struct ReadRow: Encodable {
        var who, role, what, number, path, when: String
    }
    struct AccessLogPage: Encodable {
        var rows: [ReadRow]
        var previous, next: String?
        var queuePath = FundHelpPath.queue().path
    }

    func boot(routes: any RoutesBuilder) throws {
        let committee = routes.access(.role(.fundCommittee))
        committee.get(FundHelpPath.queue(), use: queue)
        committee.get(FundHelpPath.accessLog(), use: accessLog)
        try routes.register(collection: CaseController())
        try routes.register(collection: CriteriaAdminController())
    }

    func queue(req: Request) async throws -> Response {
        let member = try req.requireUser()
        let memberID = try member.requireID()
        let filter = req.query[String.self, at: "toon"].flatMap(CaseQueue.Filter.init(rawValue:)) ?? .open
        let page = max(1, min(req.query[Int.self, at: "pagina"] ?? 1, 100_000))
        let now = req.application.clock.now()
        let hours = try await CriteriaVersion.current(at: now, on: req.db)?.responseHours ?? 72
        let cases = try await CaseQueue.page(filter, page: page, member: memberID, on: req.db)
        let total = try await CaseQueue.count(filter, member: memberID, on: req.db)
        let overdue = try await CaseQueue.overdueCount(cutoff: now.addingTimeInterval(-Double(hours) * 3600), on: req.db)
        let answers = try await CaseQueue.lastAnswers(of: cases.map(\.id), on: req.db)
        // Only the names of the rows shown are opened, and each opening is logged.
        try await CaseReads.recordQueue(cases.map(\.id), by: member, at: now, on: req.db)
        let sealer = req.application.fundSealer
        let rows = cases.map { row in
            Row(
                number: row.number, path: FundHelpPath.adminCase(.value(row.id)).path,
                category: req.t("fundhelp.committee.category.\(row.category)"), urgency: req.t("fundhelp.committee.urgency.\(row.urgency)"),
                requested: Money.format(cents: row.requestedCents, in: req.language), age: Self.age(since: row.createdAt, now: now, req),
                status: req.t("fundhelp.committee.status.\(row.status)"),
                name: row.nameSealed.flatMap { try? sealer.open($0, context: ApplicantVault.Context.name) }
                    ?? req.t("fundhelp.committee.erased"),
                overdue: CaseQueue.isOverdue(row, lastAnswer: answers[row.id], hours: hours, now: now),
                wroteAfterDecision: row.wroteAfterDecision)
        }
        let pages = max(1, (total + CaseQueue.pageSize - 1) / CaseQueue.pageSize)
        let view = QueuePage(
            rows: rows,
            filters: CaseQueue.Filter.allCases.map {
                FilterLink(
                    label: req.t("fundhelp.committee.filter.\($0.rawValue)"),
                    href: FundHelpPath.queue(filter: $0 == .open ? nil : $0.rawValue).path, current: $0 == filter)
            },
            countText: req.t("fundhelp.committee.count", count: total),
            overdueText: overdue > 0 ? req.t("fundhelp.committee.overdue_count", count: overdue, ["hours": String(hours)]) : nil,
            previous: page > 1 ? FundHelpPath.queue(filter: filter == .open ? nil : filter.rawValue, page: page - 1).path : nil,
            next: page < pages ? FundHelpPath.queue(filter: filter == .open ? nil : filter.rawValue, page: page + 1).path : nil)
        return try await req.render("fundhelp/committee/queue", titleKey: "fundhelp.committee.title", view)
    }

    static func age(since date: Date, now: Date, _ req: Request) -> String {
        let hours = max(0, Int(now.timeIntervalSince(date) / 3600))
        return hours < 48 ? req.t("fundhelp.committee.age.hours", count: hours) : req.t("fundhelp.committee.age.days", count: hours / 24)
    }

    func accessLog(req: Request) async throws -> Response {
        let page = max(1, min(req.query[Int.self, at: "pagina"] ?? 1, 100_000))
        let size = 100
        let reads = try await SupportCaseRead.query(on: req.db).sort(\.$readAt, .descending).sort(\.$id)
            .range(((page - 1) * size)..<(page * size + 1)).all()
        let shown = Array(reads.prefix(size))
        let users = try await User.query(on: req.db).filter(\.$id ~~ Set(shown.map(\.userID))).all()
        let names = Dictionary(users.compactMap { user in user.id.map { ($0, user.name) } }, uniquingKeysWith: { a, _ in a })
        let cases = try await SupportApplication.query(on: req.db).filter(\.$id ~~ Set(shown.map(\.$application.id))).all()
        let numbers = Dictionary(cases.compactMap { c in c.id.map { ($0, c.number) } }, uniquingKeysWith: { a, _ in a })
        let rows = shown.map { read in
            ReadRow(
                who: names[read.userID] ?? "—", role: req.t("role.\(read.role)"),
                what: req.t("fundhelp.access_log.what.\(read.what)"), number: numbers[read.$application.id] ?? "—",
                path: FundHelpPath.adminCase(.value(read.$application.id)).path,
                when: AmsterdamTime.format(read.readAt, "d MMM yyyy HH:mm", in: req.language))
        }
        let view = AccessLogPage(
            rows: rows, previous: page > 1 ? FundHelpPath.accessLog(page: page - 1).path : nil,
            next: reads.count > size ? FundHelpPath.accessLog(page: page + 1).path : nil)
        return try await req.render("fundhelp/committee/access-log", titleKey: "fundhelp.access_log.title", view)
    }
}
