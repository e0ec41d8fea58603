import Foundation

/// What an upload is, read from its bytes alone, and the same bytes without their metadata.
/// Pure Swift and no decoding: the dimensions come from the headers (JPEG SOFn, PNG IHDR, WebP
/// VP8/VP8L/VP8X), so a decompression bomb is refused before anything allocates its pixels.
enum ImageCleaner {
    struct Cleaned: Equatable {
        /// `jpeg`, `png` or `webp`.
        var format: String
        var width: Int
        var height: Int
        var data: Data
    }

    enum Failure: Error, Equatable {
        case notAnImage, tooManyPixels
    }

    /// At most this many pixels (about 40 megapixels) …
    static let maxPixels = 40_000_000
    /// … and this many on a side.
    static let maxSide = 10_000

    /// The format the first bytes say, if it is one we take.
    static func format(of bytes: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix }
        if starts([0xFF, 0xD8, 0xFF]) { return "jpeg" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "png" }
        if starts(Array("RIFF".utf8)), bytes.count >= 12, Array(bytes[8..<12]) == Array("WEBP".utf8) { return "webp" }
        return nil
    }

    static func clean(_ data: Data) throws(Failure) -> Cleaned {
        let bytes = [UInt8](data)
        let result: Cleaned
        switch format(of: bytes) {
        case "jpeg": result = try jpeg(bytes)
        case "png": result = try png(bytes)
        case "webp": result = try webp(bytes)
        default: throw .notAnImage
        }
        guard result.width > 0, result.height > 0 else { throw .notAnImage }
        return result
    }

    /// Refuses a picture too big to decode safely.
    static func checkSize(width: Int, height: Int) throws(Failure) {
        guard width > 0, height > 0 else { throw .notAnImage }
        if width > maxSide || height > maxSide || width * height > maxPixels { throw .tooManyPixels }
    }

    // MARK: JPEG

    /// Keeps every segment a decoder needs; of the application segments only APP0 (JFIF, without
    /// its thumbnail), APP2 (ICC profile) and APP14 (Adobe colour transform); JFXX (a thumbnail
    /// of the uncropped original) goes. EXIF and XMP (APP1), IPTC (APP13),
    /// comments and every other APPn go. Anything after the end marker goes too; a file without
    /// one is truncated and refused.
    static func jpeg(_ b: [UInt8]) throws(Failure) -> Cleaned {
        var out: [UInt8] = [0xFF, 0xD8]
        out.reserveCapacity(b.count)
        var i = 2
        var size: (width: Int, height: Int)?
        func u16(_ at: Int) -> Int { Int(b[at]) << 8 | Int(b[at + 1]) }
        while true {
            // A marker: one or more 0xFF, then its code.
            guard i < b.count, b[i] == 0xFF else { throw .notAnImage }
            while i < b.count && b[i] == 0xFF { i += 1 }
            guard i < b.count else { throw .notAnImage }
            let marker = b[i]
            i += 1
            if marker == 0xD9 {
                guard size != nil else { throw .notAnImage }
                out += [0xFF, 0xD9]
                break
            }
            if marker == 0xD8 || marker == 0x00 || (0xD0...0xD7).contains(marker) { throw .notAnImage }
            if marker == 0x01 {
                out += [0xFF, 0x01]
                continue
            }
            guard i + 2 <= b.count else { throw .notAnImage }
            let length = u16(i)
            guard length >= 2, i + length <= b.count else { throw .notAnImage }
            let payload = b[(i + 2)..<(i + length)]
            let isSOF = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if isSOF && size == nil {
                guard payload.count >= 5 else { throw .notAnImage }
                let height = u16(i + 3), width = u16(i + 5)
                try checkSize(width: width, height: height)
                size = (width, height)
            }
            if marker == 0xE0, payload.starts(with: Array("JFIF\0".utf8)), payload.count >= 14 {
                // JFIF without its thumbnail (a small copy of the uncropped original).
                out += [0xFF, 0xE0, 0x00, 0x10]
                out += b[(i + 2)..<(i + 2 + 12)]
                out += [0x00, 0x00]
            } else if keepsJPEGSegment(marker, payload: payload) {
                out += [0xFF, marker]
                out += b[i..<(i + length)]
            }
            i += length
            if marker == 0xDA {
                guard size != nil else { throw .notAnImage }
                // Entropy-coded data up to the next real marker (not a stuffed 0xFF00, not a restart).
                let start = i
                while true {
                    guard i + 1 < b.count else { throw .notAnImage }
                    if b[i] == 0xFF {
                        let next = b[i + 1]
                        if next == 0x00 || (0xD0...0xD7).contains(next) {
                            i += 2
                            continue
                        }
                        if next == 0xFF {
                            i += 1
                            continue
                        }
                        break
                    }
                    i += 1
                }
                out += b[start..<i]
            }
        }
        guard let size else { throw .notAnImage }
        return Cleaned(format: "jpeg", width: size.width, height: size.height, data: Data(out))
    }

    static func keepsJPEGSegment(_ marker: UInt8, payload: ArraySlice<UInt8>) -> Bool {
        func starts(_ text: String) -> Bool { payload.starts(with: Array(text.utf8)) }
        switch marker {
        case 0xE0: return starts("JFIF\0")
        case 0xE2: return starts("ICC_PROFILE\0")
        case 0xEE: return starts("Adobe")
        case 0xE1, 0xE3...0xED, 0xEF, 0xFE: return false
        default: return true
        }
    }

    // MARK: PNG

    /// Chunks a picture is drawn from; every other ancillary chunk (text, EXIF, time, private
    /// chunks) is dropped.
    static let keptPNGChunks: Set<String> = [
        "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs",
    ]

    static func png(_ b: [UInt8]) throws(Failure) -> Cleaned {
        var out = Array(b.prefix(8))
        out.reserveCapacity(b.count)
        var i = 8
        var size: (width: Int, height: Int)?
        func u32(_ at: Int) -> Int { Int(b[at]) << 24 | Int(b[at + 1]) << 16 | Int(b[at + 2]) << 8 | Int(b[at + 3]) }
        var ended = false
        while !ended {
            guard i + 8 <= b.count else { throw .notAnImage }
            let length = u32(i)
            guard length <= 0x7FFF_FFFF, i + 12 + length <= b.count else { throw .notAnImage }
            let typeBytes = b[(i + 4)..<(i + 8)]
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else { throw .notAnImage }
            let type = String(decoding: typeBytes, as: UTF8.self)
            if size == nil {
                guard type == "IHDR", length >= 8 else { throw .notAnImage }
                let width = u32(i + 8), height = u32(i + 12)
                try checkSize(width: width, height: height)
                size = (width, height)
            }
            // Critical chunks (upper-case first letter) stay; ancillary ones only when known.
            let critical = (0x41...0x5A).contains(typeBytes.first!)
            if critical || keptPNGChunks.contains(type) { out += b[i..<(i + 12 + length)] }
            i += 12 + length
            if type == "IEND" { ended = true }
        }
        guard let size else { throw .notAnImage }
        return Cleaned(format: "png", width: size.width, height: size.height, data: Data(out))
    }

    // MARK: WebP

    /// Chunks a WebP picture is drawn from; everything else (`EXIF`, `XMP `, unknown chunks that
    /// may hold anything) goes.
    static let keptWebPChunks: Set<String> = ["VP8X", "VP8 ", "VP8L", "ALPH", "ANIM", "ANMF", "ICCP"]

    /// Keeps only `keptWebPChunks`, sets the `VP8X` flags to what is left (ICC, alpha,
    /// animation; no EXIF, XMP or reserved bits) and writes the RIFF size of what is left.
    static func webp(_ b: [UInt8]) throws(Failure) -> Cleaned {
        func u32le(_ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 | Int(b[at + 2]) << 16 | Int(b[at + 3]) << 24 }
        func u24le(_ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 | Int(b[at + 2]) << 16 }
        guard b.count >= 20 else { throw .notAnImage }
        let riffEnd = min(b.count, 8 + u32le(4))
        var chunks: [[UInt8]] = []
        var size: (width: Int, height: Int)?
        var hasImage = false
        var i = 12
        while i + 8 <= riffEnd {
            let fourCC = String(decoding: b[i..<(i + 4)], as: UTF8.self)
            let length = u32le(i + 4)
            let padded = length + (length & 1)
            guard i + 8 + length <= riffEnd else { throw .notAnImage }
            let body = i + 8
            switch fourCC {
            case "VP8X":
                guard length >= 10 else { throw .notAnImage }
                if size == nil { size = (u24le(body + 4) + 1, u24le(body + 7) + 1) }
            case "VP8 ":
                hasImage = true
                guard length >= 10, b[body + 3] == 0x9D, b[body + 4] == 0x01, b[body + 5] == 0x2A else { throw .notAnImage }
                if size == nil {
                    size = ((Int(b[body + 6]) | Int(b[body + 7]) << 8) & 0x3FFF, (Int(b[body + 8]) | Int(b[body + 9]) << 8) & 0x3FFF)
                }
            case "VP8L":
                hasImage = true
                guard length >= 5, b[body] == 0x2F else { throw .notAnImage }
                if size == nil {
                    let bits = Int(b[body + 1]) | Int(b[body + 2]) << 8 | Int(b[body + 3]) << 16 | Int(b[body + 4]) << 24
                    size = ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
                }
            case "ANMF", "ANIM": hasImage = true
            default: break
            }
            if let size { try checkSize(width: size.width, height: size.height) }
            if keptWebPChunks.contains(fourCC) {
                var chunk = Array(b[i..<min(i + 8 + padded, riffEnd)])
                if chunk.count < 8 + padded { chunk += [UInt8](repeating: 0, count: 8 + padded - chunk.count) }
                chunks.append(chunk)
            }
            i += 8 + padded
        }
        guard let size, hasImage else { throw .notAnImage }
        // VP8X flags: ICC 0x20, alpha 0x10, EXIF 0x08, XMP 0x04, animation 0x02.
        let hasICC = chunks.contains { $0.starts(with: Array("ICCP".utf8)) }
        for index in chunks.indices where chunks[index].starts(with: Array("VP8X".utf8)) {
            chunks[index][8] &= hasICC ? 0x32 : 0x12
        }
        let payload = chunks.flatMap { $0 }
        let riffSize = UInt32(4 + payload.count)
        var out: [UInt8] = Array("RIFF".utf8)
        out += [UInt8(riffSize & 0xFF), UInt8(riffSize >> 8 & 0xFF), UInt8(riffSize >> 16 & 0xFF), UInt8(riffSize >> 24 & 0xFF)]
        out += Array("WEBP".utf8)
        out += payload
        return Cleaned(format: "webp", width: size.width, height: size.height, data: Data(out))
    }
}
