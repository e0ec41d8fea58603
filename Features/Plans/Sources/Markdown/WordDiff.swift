import Foundation

/// Words added and removed between two texts, for people to read: the texts are cut into words,
/// runs of spaces and single punctuation marks, compared as a shortest edit script (Myers, the
/// algorithm behind `difference(from:)`), and merged into runs. Each changed stretch shows what
/// was removed, then what was added.
public enum WordDiff {
    public enum Change: String, Codable, Sendable { case same, added, removed }

    public struct Piece: Codable, Sendable, Equatable {
        public var text: String
        public var change: Change

        public init(text: String, change: Change) {
            self.text = text
            self.change = change
        }
    }

    /// Beyond this many edits two texts are shown as wholly replaced: the edit script's memory
    /// grows with the square of the edits, and a rewrite that large is not read word by word.
    static let maxEdits = 1_500

    public static func compare(_ old: String, _ new: String) -> [Piece] {
        if old == new { return old.isEmpty ? [] : [Piece(text: old, change: .same)] }
        let a = tokens(old)
        let b = tokens(new)
        // Common words at both ends are the same; only the middle is compared.
        var start = 0
        while start < a.count, start < b.count, a[start] == b[start] { start += 1 }
        var endA = a.count
        var endB = b.count
        while endA > start, endB > start, a[endA - 1] == b[endB - 1] {
            endA -= 1
            endB -= 1
        }
        var ops: [(Change, Substring)] = a[..<start].map { (.same, $0) }
        ops += middle(Array(a[start..<endA]), Array(b[start..<endB]))
        ops += a[endA...].map { (.same, $0) }
        return merge(ops)
    }

    /// Words (letters and digits, any script), runs of whitespace, and each other character alone.
    static func tokens(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var kind = 0  // 0 none, 1 word, 2 space
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = character.isLetter || character.isNumber ? 1 : character.isWhitespace ? 2 : 3
            if next != kind || next == 3 {
                if index > start { result.append(text[start..<index]) }
                start = index
                kind = next
            }
            index = text.index(after: index)
        }
        if start < text.endIndex { result.append(text[start...]) }
        return result
    }

    private static func middle(_ a: [Substring], _ b: [Substring]) -> [(Change, Substring)] {
        if a.isEmpty { return b.map { (.added, $0) } }
        if b.isEmpty { return a.map { (.removed, $0) } }
        // Tokens as numbers: comparing Ints is what makes the search fast.
        var ids: [Substring: Int] = [:]
        let x = a.map { token in
            ids[token]
                ?? {
                    ids[token] = ids.count
                    return ids.count - 1
                }()
        }
        let y = b.map { token in
            ids[token]
                ?? {
                    ids[token] = ids.count
                    return ids.count - 1
                }()
        }
        // Each token one text has more often than the other is at least one edit: a rewrite is
        // known for one without searching.
        var surplus = [Int](repeating: 0, count: ids.count)
        for id in x { surplus[id] += 1 }
        for id in y { surplus[id] -= 1 }
        if surplus.reduce(0, { $0 + abs($1) }) > maxEdits { return a.map { (.removed, $0) } + b.map { (.added, $0) } }
        guard let script = MyersScript.run(x, y, maxEdits: maxEdits) else {
            return a.map { (.removed, $0) } + b.map { (.added, $0) }
        }
        return script.map { step in
            switch step {
            case .same(let i, _): (.same, a[i])
            case .removed(let i): (.removed, a[i])
            case .added(let j): (.added, b[j])
            }
        }
    }

    /// Runs of one change become one piece; in a changed stretch the removed words come first. A
    /// lone space between two changes joins the stretch, so "rode auto" → "blauwe fiets" reads
    /// as one replacement rather than two.
    private static func merge(_ ops: [(Change, Substring)]) -> [Piece] {
        var pieces: [Piece] = []
        var removed = ""
        var added = ""
        var index = 0
        func flush() {
            if !removed.isEmpty { pieces.append(Piece(text: removed, change: .removed)) }
            if !added.isEmpty { pieces.append(Piece(text: added, change: .added)) }
            removed = ""
            added = ""
        }
        while index < ops.count {
            let (change, text) = ops[index]
            switch change {
            case .removed: removed += text
            case .added: added += text
            case .same:
                let changing = !removed.isEmpty || !added.isEmpty
                let nextChanges = index + 1 < ops.count && ops[index + 1].0 != .same
                if changing, nextChanges, text.allSatisfy(\.isWhitespace) {
                    removed += text
                    added += text
                } else {
                    flush()
                    if let last = pieces.last, last.change == .same {
                        pieces[pieces.count - 1].text += text
                    } else {
                        pieces.append(Piece(text: String(text), change: .same))
                    }
                }
            }
            index += 1
        }
        flush()
        return pieces
    }
}

/// Myers' O((N+M)·D) shortest edit script, stopping (nil) beyond `maxEdits`.
enum MyersScript {
    enum Step { case same(Int, Int), removed(Int), added(Int) }

    static func run(_ a: [Int], _ b: [Int], maxEdits: Int) -> [Step]? {
        let n = a.count
        let m = b.count
        let limit = min(n + m, maxEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        // After each round d: the furthest x per diagonal k in -d...d, for walking back.
        var trace: [[Int]] = []
        for d in 0...limit {
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m {
                    trace.append(Array(v[(offset - d)...(offset + d)]))
                    return backtrack(trace, n: n, m: m)
                }
            }
            trace.append(Array(v[(offset - d)...(offset + d)]))
        }
        return nil
    }

    private static func backtrack(_ trace: [[Int]], n: Int, m: Int) -> [Step] {
        var steps: [Step] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 1, by: -1) {
            let previous = trace[d - 1]  // diagonals -(d-1)...(d-1), at index k + d - 1
            let k = x - y
            let at = { (k: Int) in previous[k + d - 1] }
            let prevK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            let prevX = at(prevK)
            let prevY = prevX - prevK
            while x > prevX, y > prevY {
                x -= 1
                y -= 1
                steps.append(.same(x, y))
            }
            if x == prevX { steps.append(.added(prevY)) } else { steps.append(.removed(prevX)) }
            x = prevX
            y = prevY
        }
        while x > 0, y > 0 {
            x -= 1
            y -= 1
            steps.append(.same(x, y))
        }
        return steps.reversed()
    }
}
