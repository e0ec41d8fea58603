import Foundation

extension QRCode {
    /// The symbol as an 8-bit greyscale PNG, `moduleSize` pixels per module and a light border of
    /// `border` modules: for mail, where an SVG does not show. The pixels go in stored
    /// (uncompressed) deflate blocks, so no zlib is needed; a QR code of a link stays small enough.
    public func png(moduleSize: Int = 4, border: Int = 4) -> Data {
        let scale = max(1, moduleSize)
        let quiet = max(0, border)
        let side = (size + 2 * quiet) * scale
        var pixels: [UInt8] = []
        pixels.reserveCapacity((side + 1) * side)
        for y in 0..<side {
            pixels.append(0)  // filter type None
            let row = y / scale - quiet
            for x in 0..<side { pixels.append(isDark(x: x / scale - quiet, y: row) ? 0 : 255) }
        }
        var header = PNGEncoding.bigEndian(UInt32(side)) + PNGEncoding.bigEndian(UInt32(side))
        header += [8, 0, 0, 0, 0]  // 8 bits, greyscale, deflate, adaptive filtering, no interlace
        var png = Data(PNGEncoding.signature)
        png += PNGEncoding.chunk("IHDR", header)
        png += PNGEncoding.chunk("IDAT", PNGEncoding.zlibStored(pixels))
        png += PNGEncoding.chunk("IEND", [])
        return png
    }
}

/// The few pieces of PNG (RFC 2083) and zlib (RFC 1950/1951) a stored image needs, written out:
/// the QR code's mail image, the demo's story photos and the tests' sample images use them.
public enum PNGEncoding {
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The most a stored deflate block holds.
    static let maxStoredBlock = 65_535

    /// Length, type, data and the CRC-32 of type and data.
    public static func chunk(_ type: String, _ data: [UInt8]) -> Data {
        let typed = Array(type.utf8) + data
        return Data(bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed)))
    }

    /// A zlib stream of stored blocks: header, blocks of at most 65,535 bytes, the Adler-32.
    public static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = min(start + maxStoredBlock, data.count)
            let length = UInt16(end - start)
            out.append(end == data.count ? 1 : 0)  // BFINAL, BTYPE 00
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            out += data[start..<end]
            start = end
        } while start < data.count
        return out + bigEndian(adler32(data))
    }

    public static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
}
