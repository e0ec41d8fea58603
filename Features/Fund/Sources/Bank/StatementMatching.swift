import Fluent
import Foundation
import KrachtCore
import SQLKit
import Vapor

/// Books a statement's new lines, inside the import's transaction (a debit as a bank cost, unless
/// it is a payout's transfer, `StatementPayouts`): a valid reference of an
/// open gift with the same amount pays that gift; the reference of a monthly transfer gift
/// already paid pays a new gift for this month; everything else goes to the queue.
struct StatementMatching {
    let app: Application
    let actorID: UUID?
    let importID: UUID

    private enum Decision {
        case pay(Gift)
        case payMonth(Gift)
        case queue(StatementLineRecord.Reason)
    }

    /// Lines are booked a thousand at a time, as plain rows (no model objects): a 50,000-line
    /// statement stays within its time and memory budget.
    func book(_ lines: [StatementLine], into summary: inout ImportStatement.Summary, on db: any Database) async throws {
        var known: Set<String> = []
        var paid: Set<UUID> = []
        var noons: [String: Date] = [:]
        for chunk in lines.chunked(1000) {
            let keyed = chunk.map { (line: $0, key: Self.key($0.identity)) }
            known.formUnion(try await existingKeys(keyed.map(\.key), on: db))
            let references = chunk.map(Self.reference(of:))
            let gifts = try await giftsByReference(Set(references.compactMap(\.valid)), on: db)
            var rows: [LineRow] = []
            var queued: [Ledger.Entry] = []
            for ((line, key), reference) in zip(keyed, references) {
                guard known.insert(key).inserted else {
                    summary.duplicates += 1
                    continue
                }
                var row = try makeRow(line, key: key, reference: reference.valid ?? reference.raw)
                let bookedAt = noons[line.bookingDay] ?? Self.noon(of: line.bookingDay)
                noons[line.bookingDay] = bookedAt
                let claim: StatementPayoutClaim =
                    (line.endToEndID != nil || line.batchID != nil) && (!line.isCredit || line.isReturn)
                        && !app.statementPayoutHandlers.isEmpty
                    ? try await StatementPayouts.settle(line, bookedAt: bookedAt, actorID: actorID, app: app, on: db) : .notOurs
                if claim != .notOurs {
                    // The fund's own transfer leaving, or coming back: its payout posted it.
                    row.status = .payout
                    if claim == .bookedAnonymously { (row.name, row.text, row.ibanIndex, row.ibanLast4) = (nil, nil, nil, nil) }
                    summary.payouts += 1
                    rows.append(row)
                    continue
                }
                if line.isCredit && line.isReturn {
                    // A return that is no payout of ours: reported, not posted, as ImportStatement does.
                    summary.skipped.append(
                        .init(fileLine: line.fileLine, reason: .returned, amountCents: line.amountCents, currency: line.currency))
                    continue
                }
                if !line.isCredit {
                    // Money out (bank costs, a returned gift, a transfer no payout claims):
                    // posted, so the ledger's bank balance is the bank's.
                    row.status = .debit
                    queued.append(
                        Ledger.Entry(
                            kind: "bank_debit", cause: Ledger.Cause("statement_line", key), bookedAt: bookedAt, actorID: actorID,
                            lines: [.debit(.bankCosts, -line.amountCents), .credit(.bank, -line.amountCents)]))
                    summary.debits += 1
                    rows.append(row)
                    continue
                }
                var giftID: UUID?
                var reason: StatementLineRecord.Reason?
                switch decide(line, reference: reference, gifts: gifts, paid: &paid) {
                case .queue(let why): reason = why
                case .pay(let open):
                    giftID = try await pay(Gift.locked("id", open.id!, on: db), key: key, bookedAt: bookedAt, on: db)
                case .payMonth(let first):
                    let gift = try await Self.nextMonth(of: first, amount: line.amountCents, now: bookedAt, on: db)
                    giftID = try await pay(gift, key: key, bookedAt: bookedAt, on: db)
                }
                if let giftID {
                    row.giftID = giftID
                    summary.matched += 1
                } else {
                    // Queued, or its gift was paid by someone else meanwhile (PostgreSQL reads
                    // the gifts before it locks one): the money waits in the queue.
                    row.status = .queued
                    row.reason = reason ?? .notOpen
                    queued.append(
                        Ledger.Entry(
                            kind: "unmatched_credit", cause: Ledger.Cause("statement_line", key), bookedAt: bookedAt, actorID: actorID,
                            lines: [.debit(.bank, line.amountCents), .credit(.unmatched, line.amountCents)]))
                    summary.queued += 1
                }
                rows.append(row)
            }
            try await insert(rows, on: db)
            try await Ledger.postAll(queued, on: db)
        }
    }

    private func pay(_ gift: Gift?, key: String, bookedAt: Date, on db: any Database) async throws -> UUID? {
        guard let gift else { return nil }
        let receipt = PayGift.Receipt(account: .bank, cause: Ledger.Cause("statement_line", key), paidAt: bookedAt, actorID: actorID)
        return try await PayGift(app: app).run(gift, receipt: receipt, on: db) == .paid ? gift.id : nil
    }

    private func decide(
        _ line: StatementLine, reference: (valid: String?, raw: String?, mistyped: Bool), gifts: [String: Gift], paid: inout Set<UUID>
    ) -> Decision {
        guard let valid = reference.valid else { return .queue(reference.mistyped ? .mistyped : .noReference) }
        guard let gift = gifts[valid], let id = gift.id else { return .queue(.unknownReference) }
        guard gift.amountCents == line.amountCents else { return .queue(.otherAmount) }
        let open = [.open, .expired].contains(gift.giftStatus) && !paid.contains(id)
        if open {
            paid.insert(id)
            return .pay(gift)
        }
        if gift.frequency == Gift.Frequency.monthly.rawValue, gift.method == Gift.Method.transfer.rawValue,
            gift.isPaid || paid.contains(id)
        {
            return .payMonth(gift)
        }
        return .queue(.notOpen)
    }

    /// This month's gift of a monthly transfer: the donor's first gift copied, to be paid now.
    static func nextMonth(of first: Gift, amount: Int64, now: Date, on db: any Database) async throws -> Gift {
        let gift = Gift(amountCents: amount, frequency: .monthly, method: .transfer, source: .private, language: .nl, now: now)
        gift.copyDonor(from: first)
        gift.donorKey = first.donorKey
        gift.recurringID = first.recurringID
        try await gift.create(on: db)
        return gift
    }

    /// A `fund_statement_lines` row, written with the others of its chunk in multi-row inserts.
    private struct LineRow {
        var id = UUID()
        var key, day: String
        var cents: Int64
        var reference, name, text, ibanIndex, ibanLast4, paymentID: String?
        var status = StatementLineRecord.Status.matched
        var reason: StatementLineRecord.Reason?
        var giftID: UUID?
    }

    private func makeRow(_ line: StatementLine, key: String, reference: String?) throws -> LineRow {
        var row = LineRow(key: key, day: line.bookingDay, cents: line.amountCents)
        row.reference = reference.map { String($0.prefix(40)) }
        // How `kracht verify` and an erasure find a payout's line again.
        row.paymentID = (line.endToEndID ?? line.batchID).map { String($0.prefix(40)) }
        row.name = try line.counterpartyName.map { try app.sealer.seal(String($0.prefix(140)), context: "fund_statement_lines.name") }
        row.text = line.text.isEmpty ? nil : try app.sealer.seal(String(line.text.prefix(500)), context: "fund_statement_lines.text")
        if let iban = line.counterpartyIBAN.map(Self.compactIBAN), !iban.isEmpty {
            row.ibanIndex = Self.donorKey(iban: iban, app: app)
            row.ibanLast4 = String(iban.suffix(4))
        }
        return row
    }

    private func insert(_ rows: [LineRow], on db: any Database) async throws {
        let now = app.clock.now()
        for chunk in rows.chunked(200) {
            var insert = db.sql.insert(into: StatementLineRecord.schema).columns(
                "id", "import_id", "line_key", "booking_day", "amount_cents", "reference", "name_sealed", "text_sealed", "iban_index",
                "iban_last4", "status", "reason", "gift_id", "created_at", "payment_id")
            for row in chunk {
                insert = insert.values(
                    SQLBind(row.id), SQLBind(importID), SQLBind(row.key), SQLBind(row.day), SQLBind(row.cents), SQLBind(row.reference),
                    SQLBind(row.name), SQLBind(row.text), SQLBind(row.ibanIndex), SQLBind(row.ibanLast4), SQLBind(row.status.rawValue),
                    SQLBind(row.reason?.rawValue), SQLBind(row.giftID), SQLBind(now), SQLBind(row.paymentID))
            }
            try await insert.run()
        }
    }

    /// The donor key of a bank account: the same keyed hash as a gift's `donorKey`, so someone
    /// who gives by transfer from one account counts once.
    static func donorKey(iban: String, app: Application) -> String {
        app.sealer.blindIndex("iban:" + iban, context: "fund-donor")
    }

    static func compactIBAN(_ iban: String) -> String { iban.uppercased().filter { $0.isLetter || $0.isNumber } }

    static func key(_ identity: String) -> String {
        SecureToken.hex(SHA256.hash(data: Data(identity.utf8)))
    }

    /// Our reference in the structured field, else in the text; `mistyped` when something that
    /// looks like one fails its check digits.
    static func reference(of line: StatementLine) -> (valid: String?, raw: String?, mistyped: Bool) {
        let raw = line.structuredReference?.trimmingCharacters(in: .whitespaces)
        if let raw, !raw.isEmpty {
            if let valid = PaymentReference.normalized(raw) { return (valid, raw, false) }
            if raw.uppercased().hasPrefix("RF") { return (nil, raw, true) }
        }
        if let found = PaymentReference.find(in: line.text) { return (found, raw, false) }
        let upper = Array(line.text.uppercased())
        let looksLikeOne = upper.indices.dropLast(3).contains { i in
            upper[i] == "R" && upper[i + 1] == "F" && upper[i + 2].isNumber && upper[i + 3].isNumber
        }
        return (nil, raw, looksLikeOne)
    }

    /// Noon in Amsterdam on the booking day: the month never shifts with the time zone.
    static func noon(of day: String) -> Date {
        (AmsterdamTime.parseDay(day) ?? Date()).addingTimeInterval(12 * 3600)
    }

    private func existingKeys(_ keys: [String], on db: any Database) async throws -> Set<String> {
        var found: Set<String> = []
        for chunk in keys.chunked(500) {
            let rows = try await db.sql.select().column("line_key").from(StatementLineRecord.schema)
                .where("line_key", .in, SQLBind.group(Array(chunk))).all()
            for row in rows { found.insert(try row.decode(column: "line_key", as: String.self)) }
        }
        return found
    }

    private func giftsByReference(_ references: Set<String>, on db: any Database) async throws -> [String: Gift] {
        var gifts: [String: Gift] = [:]
        for chunk in Array(references).chunked(500) {
            for gift in try await Gift.query(on: db).filter(\.$reference ~~ Array(chunk)).all() {
                if let reference = gift.reference { gifts[reference] = gift }
            }
        }
        return gifts
    }
}
