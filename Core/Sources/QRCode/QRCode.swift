// A small, dependency-free QR code encoder (ISO/IEC 18004, byte mode, versions 1–40),
// used for the petition-signing links printed on posters.

/// An encoded QR symbol: `size` × `size` modules, read with `isDark(x:y:)` or rendered with `svg()`.
public struct QRCode: Sendable {
    /// How much of the symbol may be damaged and still be read: about 7, 15, 25 and 30 percent.
    public enum ErrorCorrection: Sendable, Hashable, CaseIterable {
        case low, medium, quartile, high
    }

    public enum EncodingError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The UTF-8 text does not fit in a version-40 symbol at the requested correction level.
        case textTooLong(byteCount: Int, maximumByteCount: Int, correction: ErrorCorrection)

        public var description: String {
            switch self {
            case let .textTooLong(byteCount, maximum, correction):
                "QR code text too long: \(byteCount) UTF-8 bytes, at most \(maximum) fit "
                    + "with \(correction) error correction"
            }
        }
    }

    /// Modules per side (21 for version 1, plus 4 per version).
    public let size: Int
    /// Symbol version 1–40, the smallest that holds the text.
    public let version: Int
    /// Data mask 0–7 that was applied.
    public let mask: Int
    public let correction: ErrorCorrection
    private let modules: [Bool]

    /// Encodes `text` as UTF-8 in byte mode, picking the smallest version and the mask with
    /// the lowest ISO/IEC 18004 penalty.
    public init(text: String, correction: ErrorCorrection = .medium) throws {
        try self.init(text: text, correction: correction, mask: nil)
    }

    /// Same as the public initializer, but with a fixed `mask` (0–7) when given; for tests.
    init(text: String, correction: ErrorCorrection, mask fixedMask: Int?) throws {
        precondition(fixedMask.map { (0..<8).contains($0) } ?? true, "QR mask must be 0–7")
        let bytes = Array(text.utf8)
        guard let version = (1...40).first(where: { Self.fits(bytes.count, version: $0, correction: correction) })
        else {
            let maximum = QRTables.dataCodewords(version: 40, correction: correction) - 3
            throw EncodingError.textTooLong(byteCount: bytes.count, maximumByteCount: maximum, correction: correction)
        }
        let data = Self.dataCodewords(bytes, version: version, correction: correction)
        let codewords = QRTables.addErrorCorrectionAndInterleave(data, version: version, correction: correction)

        var matrix = QRMatrix(version: version)
        matrix.placeCodewords(codewords)
        let chosen: Int
        if let fixedMask {
            chosen = fixedMask
        } else {
            // Scored with the format and version areas still light, as the `qrcode` reference does.
            var best = (mask: 0, penalty: Int.max)
            for candidate in 0..<8 {
                matrix.applyMask(candidate)
                let penalty = matrix.penalty()
                if penalty < best.penalty { best = (candidate, penalty) }
                matrix.applyMask(candidate)
            }
            chosen = best.mask
        }
        matrix.applyMask(chosen)
        matrix.drawFormatBits((correction, chosen))
        if version >= 7 { matrix.drawVersion(version) }

        self.size = matrix.size
        self.version = version
        self.mask = chosen
        self.correction = correction
        self.modules = matrix.modules
    }

    /// Whether the module at column `x`, row `y` is dark; anything outside the symbol is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    private static func characterCountBits(version: Int) -> Int { version < 10 ? 8 : 16 }

    private static func fits(_ byteCount: Int, version: Int, correction: ErrorCorrection) -> Bool {
        let bits = 4 + characterCountBits(version: version) + byteCount * 8
        return bits <= QRTables.dataCodewords(version: version, correction: correction) * 8
            && byteCount < 1 << characterCountBits(version: version)
    }

    /// Mode indicator, character count, the bytes, terminator and the 0xEC/0x11 padding.
    private static func dataCodewords(_ bytes: [UInt8], version: Int, correction: ErrorCorrection) -> [UInt8] {
        let capacity = QRTables.dataCodewords(version: version, correction: correction)
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 != 0) }
        }
        append(0b0100, 4)
        append(bytes.count, characterCountBits(version: version))
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, capacity * 8 - bits.count))
        append(0, (8 - bits.count % 8) % 8)

        var result: [UInt8] = []
        result.reserveCapacity(capacity)
        for start in stride(from: 0, to: bits.count, by: 8) {
            result.append(bits[start..<(start + 8)].reduce(0) { $0 << 1 | ($1 ? 1 : 0) })
        }
        var pad: UInt8 = 0xEC
        while result.count < capacity {
            result.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return result
    }
}

extension QRCode {
    /// A standalone SVG: a white background and a single `<path>` for the dark modules, in module
    /// units (`viewBox="0 0 n n"` with n = size + 2 × quietZone), `moduleSize` pixels per module.
    public func svg(moduleSize: Int = 8, quietZone: Int = 4, title: String? = nil) -> String {
        let quiet = max(0, quietZone)
        let extent = size + 2 * quiet
        let pixels = extent * max(1, moduleSize)
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                path += "M\(start + quiet) \(y + quiet)h\(x - start)v1h-\(x - start)z"
            }
        }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(pixels)\" height=\"\(pixels)\" "
            + "viewBox=\"0 0 \(extent) \(extent)\" shape-rendering=\"crispEdges\">"
        if let title { svg += "<title>\(Self.escapeXML(title))</title>" }
        svg += "<rect width=\"\(extent)\" height=\"\(extent)\" fill=\"#fff\"/>"
        svg += "<path fill=\"#000\" d=\"\(path)\"/></svg>"
        return svg
    }

    private static func escapeXML(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}
