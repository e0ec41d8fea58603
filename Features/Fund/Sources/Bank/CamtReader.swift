import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A CAMT.053 bank-to-customer statement (ISO 20022 `camt.053.001.02` to `.001.08`), read
/// as a stream of SAX events: a 50,000-entry file never sits in memory as a tree. Each booked
/// entry gives one line, or one per transaction of a batched entry (`NtryDtls/TxDtls`).
final class CamtReader: NSObject, XMLParserDelegate {
    static let namespace = "urn:iso:std:iso:20022:tech:xsd:camt."
    static let versions = 2...8

    private struct Transaction {
        var amount: Int64?, currency: String?, credit: Bool?
        var reference: String?, endToEnd: String?
        var name: String?, iban: String?, structured: String?, text: [String] = []
        var isReturn = false
    }
    private struct Entry {
        var line = 0, amount: Int64 = 0, currency = "", credit = true, booked = true, reversal = false
        var day = "", reference: String?, entryReference: String?
        var batchPayment: String?, batchMessage: String?
        var transactions: [Transaction] = []
    }

    /// The elements whose text is read.
    private static let read: Set<String> = [
        "Amt", "CdtDbtInd", "RvslInd", "Sts", "Cd", "Dt", "DtTm", "AcctSvcrRef", "NtryRef", "EndToEndId", "Nm", "IBAN", "Ustrd", "Ref",
        "PmtInfId", "MsgId",
    ]

    private static func trimmed(_ text: String) -> String {
        let isSpace = { (c: Character) in c == " " || c == "\n" || c == "\r" || c == "\t" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }

    private var stack: [String] = []
    private var text = ""
    private var currency: String?
    private var account = ""
    private var entry = Entry()
    private var transaction: Transaction?
    private var identities = ContentIdentity()
    private(set) var lines: [StatementLine] = []
    private var problem: StatementProblem?

    static func read(_ parser: XMLParser) throws -> [StatementLine] {
        let reader = CamtReader()
        parser.delegate = reader
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let parsed = parser.parse()
        if let problem = reader.problem { throw problem }
        guard parsed else { throw StatementProblem("malformed_xml", ["line": "\(parser.lineNumber)"]) }
        guard reader.sawRoot else { throw StatementProblem("not_camt") }
        // A file cut off midway can end without a parse error: every element must be closed.
        guard reader.stack.isEmpty else { throw StatementProblem("malformed_xml", ["line": "\(parser.lineNumber)"]) }
        return reader.lines
    }
    private var sawRoot = false

    private func fail(_ parser: XMLParser, _ problem: StatementProblem) {
        guard self.problem == nil else { return }
        self.problem = problem
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if stack.isEmpty {
            sawRoot = true
            guard name == "Document", let uri = namespaceURI, uri.hasPrefix(Self.namespace) else {
                return fail(parser, StatementProblem("not_camt"))
            }
            let kind = uri.dropFirst(Self.namespace.count)
            guard kind.hasPrefix("053.001.") else { return fail(parser, StatementProblem("not_camt")) }
            guard let version = Int(kind.dropFirst("053.001.".count)), Self.versions.contains(version) else {
                return fail(parser, StatementProblem("version", ["version": String(kind)]))
            }
        }
        stack.append(name)
        text = ""
        switch name {
        case "Ntry": entry = Entry(line: parser.lineNumber)
        case "TxDtls": transaction = Transaction()
        case "Amt": currency = attributes["Ccy"]
        case "RtrInf": transaction?.isReturn = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer {
            stack.removeLast()
            text = ""
        }
        // Only the elements read below need their text; trimming every one costs seconds.
        let value = Self.read.contains(name) ? Self.trimmed(text) : ""
        let parent = stack.count > 1 ? stack[stack.count - 2] : ""
        if transaction != nil {
            readTransaction(parser, name, parent: parent, value)
        } else if stack.contains("Ntry") {
            readEntry(parser, name, parent: parent, value)
        } else if name == "IBAN", stack.count > 3, stack[stack.count - 3] == "Acct", stack[stack.count - 4] == "Stmt" {
            account = value
        }
    }

    private func readEntry(_ parser: XMLParser, _ name: String, parent: String, _ value: String) {
        switch (name, parent) {
        case ("Amt", "Ntry"):
            guard let cents = amount(parser, value) else { return }
            entry.amount = cents
            entry.currency = currency ?? ""
        case ("CdtDbtInd", "Ntry"): entry.credit = value == "CRDT"
        case ("RvslInd", "Ntry"): entry.reversal = value == "true" || value == "1"
        // .02–.05 write the status as text, .06 and later as a code inside it.
        case ("Sts", "Ntry"): if !value.isEmpty { entry.booked = value == "BOOK" }
        case ("Cd", "Sts"): entry.booked = value == "BOOK"
        case ("Dt", "BookgDt"): entry.day = String(value.prefix(10))
        case ("DtTm", "BookgDt"): entry.day = String(value.prefix(10))
        case ("AcctSvcrRef", "Ntry"): entry.reference = value
        case ("NtryRef", "Ntry"): entry.entryReference = value
        case ("PmtInfId", "Btch"): entry.batchPayment = value
        case ("MsgId", "Btch"): entry.batchMessage = value
        case ("Ntry", _): finishEntry(parser)
        default: break
        }
    }

    private func readTransaction(_ parser: XMLParser, _ name: String, parent: String, _ value: String) {
        guard var tx = transaction else { return }
        let path = stack.suffix(6)
        switch (name, parent) {
        case ("Amt", "TxDtls"), ("Amt", "TxAmt"):
            guard let cents = amount(parser, value) else { return }
            tx.amount = cents
            tx.currency = currency
        case ("Amt", "InstdAmt") where tx.amount == nil:
            tx.amount = amount(parser, value)
            tx.currency = currency
        case ("CdtDbtInd", "TxDtls"): tx.credit = value == "CRDT"
        case ("AcctSvcrRef", "Refs"): tx.reference = value
        case ("EndToEndId", "Refs"): tx.endToEnd = value
        // The other party: the debtor of money in, the creditor of money out (`Pty` since .08).
        case ("Nm", "Dbtr"), ("Nm", "Cdtr"), ("Nm", "Pty"):
            if path.contains("RltdPties"), !path.contains("UltmtDbtr"), !path.contains("UltmtCdtr"),
                path.contains(entry.credit ? "Dbtr" : "Cdtr")
            {
                tx.name = value
            }
        case ("IBAN", "Id"):
            if path.contains(entry.credit ? "DbtrAcct" : "CdtrAcct") { tx.iban = value }
        case ("Ustrd", "RmtInf"): tx.text.append(value)
        case ("Ref", "CdtrRefInf"): tx.structured = value
        case ("TxDtls", _):
            entry.transactions.append(tx)
            transaction = nil
            return
        default: break
        }
        transaction = tx
    }

    private func amount(_ parser: XMLParser, _ value: String) -> Int64? {
        guard let cents = StatementAmount.cents(Substring(value), separator: ".") else {
            fail(parser, StatementProblem("amount", ["line": "\(parser.lineNumber)", "amount": String(value.prefix(30))]))
            return nil
        }
        return cents
    }

    /// One line per transaction; their amounts must add up to the entry's.
    private func finishEntry(_ parser: XMLParser) {
        guard entry.booked else { return }
        guard !entry.day.isEmpty, entry.amount > 0 else {
            return fail(parser, StatementProblem("entry_incomplete", ["line": "\(entry.line)"]))
        }
        var transactions = entry.transactions.isEmpty ? [Transaction()] : entry.transactions
        if transactions.count == 1, transactions[0].amount == nil { transactions[0].amount = entry.amount }
        let amounts = transactions.compactMap(\.amount)
        guard amounts.count == transactions.count, amounts.reduce(0, +) == entry.amount else {
            return fail(parser, StatementProblem("batch_amounts", ["line": "\(entry.line)"]))
        }
        for (index, tx) in transactions.enumerated() {
            let credit = tx.credit ?? entry.credit
            let cents = credit ? tx.amount! : -tx.amount!
            let currency = tx.currency ?? entry.currency
            let text = tx.text.joined(separator: " ")
            let identity: String
            if let reference = tx.reference, !reference.isEmpty {
                identity = "camt:\(account):tx:\(reference)"
            } else if let reference = entry.reference, !reference.isEmpty, reference != "NONREF" {
                identity = "camt:\(account):\(reference)#\(index)"
            } else {
                identity = identities.identity(of: [
                    "camt", account, entry.day, "\(cents)", currency, tx.iban ?? "", tx.name ?? "", tx.endToEnd ?? "",
                    tx.structured ?? "", text,
                ])
            }
            lines.append(
                StatementLine(
                    identity: identity, account: account, bookingDay: entry.day, amountCents: cents, currency: currency,
                    counterpartyName: tx.name,
                    counterpartyIBAN: tx.iban, structuredReference: tx.structured, text: text,
                    isReturn: tx.isReturn || entry.reversal, fileLine: entry.line,
                    endToEndID: tx.endToEnd.flatMap { $0.isEmpty || $0 == "NOTPROVIDED" ? nil : $0 },
                    batchID: [entry.batchPayment, entry.batchMessage].compactMap { $0 }.first { !$0.isEmpty && $0 != "NOTPROVIDED" }))
        }
    }
}
