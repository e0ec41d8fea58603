// Module placement, masking and the mask penalty for `QRCode`.

/// A square of modules under construction; `isFunction` marks finder, timing, alignment,
/// format and version modules, which data and masks never touch.
struct QRMatrix: Sendable {
    let size: Int
    private(set) var modules: [Bool]
    private var isFunction: [Bool]

    init(version: Int) {
        size = version * 4 + 17
        modules = Array(repeating: false, count: size * size)
        isFunction = modules
        drawFunctionPatterns(version: version)
    }

    subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

    private mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    private mutating func drawFunctionPatterns(version: Int) {
        for i in 0..<size {
            setFunction(6, i, i % 2 == 0)
            setFunction(i, 6, i % 2 == 0)
        }
        drawFinder(3, 3)
        drawFinder(size - 4, 3)
        drawFinder(3, size - 4)
        let positions = QRTables.alignmentPositions(version: version)
        let last = positions.count - 1
        for (i, cx) in positions.enumerated() {
            for (j, cy) in positions.enumerated() {
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                for dy in -2...2 {
                    for dx in -2...2 { setFunction(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        // Reserve the format and version areas (light for now) and the fixed dark module's spot.
        drawFormatBits(nil)
        if version >= 7 { drawVersion(version, reserveOnly: true) }
    }

    /// A 7×7 finder centred on (cx, cy) together with its light separator.
    private mutating func drawFinder(_ cx: Int, _ cy: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = cx + dx, y = cy + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let distance = max(abs(dx), abs(dy))
                setFunction(x, y, distance != 2 && distance != 4)
            }
        }
    }

    /// Writes the 15 format bits (both copies) and the dark module; `nil` leaves them all light.
    mutating func drawFormatBits(_ format: (QRCode.ErrorCorrection, Int)?) {
        var bits = 0
        if let (correction, mask) = format {
            let data = correction.formatBits << 3 | mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            bits = (data << 10 | remainder) ^ 0x5412
        }
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 != 0 }
        for i in 0...5 { setFunction(8, i, bit(i)) }
        setFunction(8, 7, bit(6))
        setFunction(8, 8, bit(7))
        setFunction(7, 8, bit(8))
        for i in 9..<15 { setFunction(14 - i, 8, bit(i)) }
        for i in 0..<8 { setFunction(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { setFunction(8, size - 15 + i, bit(i)) }
        setFunction(8, size - 8, format != nil)
    }

    /// The two 6×3 version blocks (versions 7 and up).
    mutating func drawVersion(_ version: Int, reserveOnly: Bool = false) {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        let bits = version << 12 | remainder
        for i in 0..<18 {
            let dark = !reserveOnly && (bits >> i) & 1 != 0
            let a = size - 11 + i % 3, b = i / 3
            setFunction(a, b, dark)
            setFunction(b, a, dark)
        }
    }

    /// Places codewords in the two-column zigzag from the bottom right, skipping the timing column.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        var bitIndex = 0
        let bitCount = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for vertical in 0..<size {
                let y = upward ? size - 1 - vertical : vertical
                for x in [right, right - 1] where !isFunction[y * size + x] {
                    if bitIndex < bitCount {
                        modules[y * size + x] = (codewords[bitIndex >> 3] >> (7 - bitIndex & 7)) & 1 != 0
                    }
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }

    /// XORs mask `mask` (0–7) onto every non-function module; applying it twice undoes it.
    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] {
                let invert: Bool
                switch mask {
                case 0: invert = (x + y) % 2 == 0
                case 1: invert = y % 2 == 0
                case 2: invert = x % 3 == 0
                case 3: invert = (x + y) % 3 == 0
                case 4: invert = (x / 3 + y / 2) % 2 == 0
                case 5: invert = x * y % 2 + x * y % 3 == 0
                case 6: invert = (x * y % 2 + x * y % 3) % 2 == 0
                default: invert = ((x + y) % 2 + x * y % 3) % 2 == 0
                }
                if invert { modules[y * size + x].toggle() }
            }
        }
    }

    /// The four ISO/IEC 18004 penalty rules (N1 = 3, N2 = 3, N3 = 40, N4 = 10), scored the way
    /// the widely used `qrcode` reference does: runs of five or more, 2×2 blocks, 1:1:3:1:1
    /// finder look-alikes with four light modules on one side inside the symbol, dark balance.
    func penalty() -> Int {
        var score = 0
        for line in 0..<size {
            for horizontal in [true, false] {
                var runColor = false, runLength = 0
                for i in 0..<size {
                    let dark = horizontal ? self[i, line] : self[line, i]
                    if i > 0 && dark == runColor {
                        runLength += 1
                    } else {
                        if runLength >= 5 { score += runLength - 2 }
                        runColor = dark
                        runLength = 1
                    }
                }
                if runLength >= 5 { score += runLength - 2 }
                guard size > 10 else { continue }
                for start in 0..<(size - 10) {
                    var pattern = 0
                    for k in 0..<11 {
                        let dark = horizontal ? self[start + k, line] : self[line, start + k]
                        pattern = pattern << 1 | (dark ? 1 : 0)
                    }
                    if pattern == 0b101_1101_0000 || pattern == 0b000_0101_1101 { score += 40 }
                }
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let c = self[x, y]
                if c == self[x + 1, y] && c == self[x, y + 1] && c == self[x + 1, y + 1] { score += 3 }
            }
        }
        let dark = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        let total = size * size
        score += abs(dark * 100 - total * 50) / (total * 5) * 10
        return score
    }
}
