import Foundation
import KrachtCore

/// The demo's bank statement, as ING exports it (camt.053.001.02): the transfers that arrived,
/// each with its structured reference, and two credits the treasurer must look at — a mistyped
/// reference and a gift with only a kind word.
enum DemoStatement {
    static func camt(paying gifts: some Sequence<Gift>, iban: String, bookedOn day: String) -> String {
        var entries: [String] = []
        for (n, gift) in gifts.enumerated() {
            guard let reference = gift.reference else { continue }
            entries.append(
                entry(
                    n, cents: gift.amountCents, day: day, debtor: gift.donorName ?? "Onbekend",
                    remittance: "<Strd><CdtrRefInf><Ref>\(reference)</Ref></CdtrRefInf></Strd>"))
        }
        var typo = Array(PaymentReference.make())
        typo[9] = typo[9] == "3" ? "4" : "3"
        entries.append(entry(9001, cents: 2500, day: day, debtor: "M. Visser", remittance: "<Ustrd>gift \(String(typo))</Ustrd>"))
        entries.append(
            entry(9002, cents: 7500, day: day, debtor: "Wijkcentrum De Pijp", remittance: "<Ustrd>Voor het fonds, succes!</Ustrd>"))
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
              <BkToCstmrStmt>
                <GrpHdr><MsgId>DEMO-\(day)</MsgId><CreDtTm>\(day)T06:00:00</CreDtTm></GrpHdr>
                <Stmt>
                  <Id>DEMO-\(day)-1</Id>
                  <CreDtTm>\(day)T06:00:00</CreDtTm>
                  <Acct><Id><IBAN>\(iban)</IBAN></Id><Ccy>EUR</Ccy></Acct>
            \(entries.joined(separator: "\n"))
                </Stmt>
              </BkToCstmrStmt>
            </Document>
            """
    }

    private static func entry(_ n: Int, cents: Int64, day: String, debtor: String, remittance: String) -> String {
        let amount = "\(cents / 100).\(String(format: "%02d", Int(cents % 100)))"
        return """
                  <Ntry>
                    <Amt Ccy="EUR">\(amount)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                    <BookgDt><Dt>\(day)</Dt></BookgDt><ValDt><Dt>\(day)</Dt></ValDt><AcctSvcrRef>DEMO-\(day)-\(n)</AcctSvcrRef>
                    <NtryDtls><TxDtls>
                      <AmtDtls><TxAmt><Amt Ccy="EUR">\(amount)</Amt></TxAmt></AmtDtls>
                      <RltdPties><Dbtr><Nm>\(escape(debtor))</Nm></Dbtr><DbtrAcct><Id><IBAN>NL\(String(format: "%02d", 10 + n % 80))INGB000\(String(format: "%07d", n))</IBAN></Id></DbtrAcct></RltdPties>
                      <RmtInf>\(remittance)</RmtInf>
                    </TxDtls></NtryDtls>
                  </Ntry>
            """
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
