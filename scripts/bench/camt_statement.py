#!/usr/bin/env python3
"""Writes a CAMT.053 (camt.053.001.02) statement with N credit entries for the statement-import
benchmark: every tenth entry a batch of three transfers, half with a structured RF reference,
a quarter with one in the free text, the rest without. Streamed to the file; deterministic.

    scripts/bench/camt_statement.py ENTRIES FILE
"""
import random
import sys


def reference(n):
    body = "%012d" % n
    digits = "".join(str(ord(c) - 55) if c.isalpha() else c for c in body + "RF00")
    return "RF%02d%s" % (98 - int(digits) % 97, body)


def transaction(out, rng, n, cents):
    name = rng.choice(["J. de Vries", "K. Yilmaz", "A. Jansen", "M. Smit", "F. El Amrani", "Stichting Buurtkracht"])
    iban = "NL%02dINGB%010d" % (rng.randint(10, 99), rng.randint(0, 9_999_999_999))
    kind = n % 4
    out.write("<TxDtls><Refs><EndToEndId>E2E-%d</EndToEndId></Refs>" % n)
    out.write('<AmtDtls><TxAmt><Amt Ccy="EUR">%d.%02d</Amt></TxAmt></AmtDtls>' % (cents // 100, cents % 100))
    out.write("<RltdPties><Dbtr><Nm>%s</Nm></Dbtr><DbtrAcct><Id><IBAN>%s</IBAN></Id></DbtrAcct></RltdPties>" % (name, iban))
    if kind in (0, 1):
        out.write("<RmtInf><Strd><CdtrRefInf><Ref>%s</Ref></CdtrRefInf></Strd></RmtInf>" % reference(n))
    elif kind == 2:
        out.write("<RmtInf><Ustrd>Gift %s voor het fonds</Ustrd></RmtInf>" % reference(n))
    else:
        out.write("<RmtInf><Ustrd>Voor het Solidariteitsfonds, succes!</Ustrd></RmtInf>")
    out.write("</TxDtls>")


def main():
    entries, path = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(2026)
    with open(path, "w", encoding="utf-8", buffering=1 << 20) as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>')
        out.write("<GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-06-30T06:00:00</CreDtTm></GrpHdr><Stmt><Id>BENCH-1</Id>")
        out.write("<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></Acct>\n")
        tx = 0
        for entry in range(entries):
            batch = 3 if entry % 10 == 0 else 1
            amounts = [rng.choice([500, 1000, 2500, 5000, 1234]) for _ in range(batch)]
            total = sum(amounts)
            day = 1 + entry * 30 // entries
            out.write('<Ntry><Amt Ccy="EUR">%d.%02d</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>' % (total // 100, total % 100))
            out.write("<BookgDt><Dt>2026-06-%02d</Dt></BookgDt><ValDt><Dt>2026-06-%02d</Dt></ValDt>" % (day, day))
            out.write("<AcctSvcrRef>BENCH-%07d</AcctSvcrRef><NtryDtls>" % entry)
            if batch > 1:
                out.write('<Btch><NbOfTxs>%d</NbOfTxs></Btch>' % batch)
            for cents in amounts:
                tx += 1
                transaction(out, rng, tx, cents)
            out.write("</NtryDtls></Ntry>\n")
        out.write("</Stmt></BkToCstmrStmt></Document>\n")


if __name__ == "__main__":
    main()
