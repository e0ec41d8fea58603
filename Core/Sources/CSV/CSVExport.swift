import CSV
import Foundation
import Vapor

/// One cell of an export; its type decides how Dutch Excel shows it.
public enum CSVCell: Sendable {
    case text(String)
    case integer(Int64)
    /// Shown as euros with a decimal comma, `1234,50`: a number Excel can add up.
    case euros(cents: Int64)
    /// Shown in Amsterdam time, `2026-03-14 13:05:00`; empty for nil.
    case time(Date?)
}

/// Every export of the platform, written so that a double click opens it correctly in Dutch
/// Excel: `;` between cells (`,` is the decimal comma there), a UTF-8 byte order mark (else
/// Excel guesses Windows-1252 and garbles é and ë), CRLF, quotes where needed, and text cells
/// that Excel would run as a formula defused with a leading `'` (CSV injection).
public enum CSVExport {
    static let byteOrderMark = "\u{FEFF}"

    /// A streamed `text/csv` attachment; `produce` hands rows to `write` in batches and ends.
    /// Rows go out as they come, so an export of 100,000 signatures never sits in memory.
    public static func response(
        for req: Request, filename: String, header: [String],
        produce: @escaping @Sendable (_ write: @escaping @Sendable ([[CSVCell]]) async throws -> Void) async throws -> Void
    ) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(safe(filename))\"")
        // Exports hold personal data: no copy in any cache.
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        let logger = req.logger
        let body = Response.Body(managedAsyncStream: { stream in
            try await stream.writeBuffer(ByteBuffer(string: byteOrderMark + lines([header.map(CSVCell.text)])))
            do {
                try await produce { rows in
                    guard !rows.isEmpty else { return }
                    try await stream.writeBuffer(ByteBuffer(string: lines(rows)))
                }
            } catch {
                // The status line has gone out already; the download ends truncated.
                logger.error("CSV export \(filename) failed: \(String(reflecting: error))")
                throw error
            }
        })
        return Response(status: .ok, headers: headers, body: body)
    }

    /// One line, with CRLF (for tests and small files).
    public static func line(_ cells: [CSVCell]) -> String {
        lines([cells])
    }

    /// Rows as CSV text, each line ending in CRLF.
    static func lines(_ rows: [[CSVCell]]) -> String {
        let formatter = timeFormatter()
        let stream = OutputStream.toMemory()
        do {
            let writer = try CSVWriter(stream: stream, delimiter: ";", newline: .crlf)
            for row in rows {
                try writer.write(row: row.map { text(of: $0, times: formatter) })
            }
            stream.close()
        } catch {
            // Writing to memory does not fail; keep the export going if it ever does.
            return rows.map { _ in "\r\n" }.joined()
        }
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        // The writer puts CRLF between rows; every line of ours ends with one.
        return rows.isEmpty ? "" : String(decoding: data, as: UTF8.self) + "\r\n"
    }

    static func text(of cell: CSVCell, times: DateFormatter) -> String {
        switch cell {
        case .text(let value): defused(value)
        case .integer(let value): String(value)
        case .euros(let cents): euros(cents)
        case .time(let date): date.map(times.string(from:)) ?? ""
        }
    }

    /// A cell Excel would read as a formula (`=`, `+`, `-`, `@`, tab, CR first) starts with `'`.
    static func defused(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }

    /// `-1234,05` for -123405 cents: no thousands separator, which Excel would misread.
    static func euros(_ cents: Int64) -> String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + "\(magnitude / 100)," + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    static func timeFormatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = AmsterdamTime.zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter
    }

    /// The file name as a header-safe token (no quotes, no path, no line breaks).
    static func safe(_ filename: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        let cleaned = String(filename.map { allowed.contains($0) ? $0 : "-" })
        return cleaned.isEmpty ? "export.csv" : cleaned
    }
}
