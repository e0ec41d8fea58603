import Foundation
import Vapor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One address or CIDR block, IPv4 or IPv6, from `KRACHT_TRUSTED_PROXIES`.
public struct IPRange: Sendable, Equatable {
    let network: [UInt8]
    let prefix: Int

    public static let loopback = [IPRange("127.0.0.0/8")!, IPRange("::1")!]

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, let bytes = Self.bytes(of: String(first)) else { return nil }
        let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
        guard let prefix, (0...bytes.count * 8).contains(prefix) else { return nil }
        self.network = bytes
        self.prefix = prefix
    }

    /// A comma-separated list; nil if any entry is not an address or block.
    public static func list(_ text: String) -> [IPRange]? {
        let entries = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let ranges = entries.compactMap(IPRange.init)
        return ranges.count == entries.count ? ranges : nil
    }

    public func contains(_ address: String) -> Bool {
        guard var bytes = Self.bytes(of: address) else { return false }
        // An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d.
        if bytes.count == 16, network.count == 4, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            bytes = Array(bytes[12...])
        }
        guard bytes.count == network.count else { return false }
        var remaining = prefix
        for index in bytes.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if bytes[index] & mask != network[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// The address's bytes, accepting `[v6]`, `[v6]:port`, `v4:port` and a zone (`fe80::1%eth0`).
    static func bytes(of raw: String) -> [UInt8]? {
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<end])
        } else if text.contains("."), text.filter({ $0 == ":" }).count == 1 {
            text = String(text.prefix { $0 != ":" })
        }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        guard text.count <= 45 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}

public enum ClientAddress {
    /// The client behind our own proxies: walking `X-Forwarded-For` from the right (the hops our
    /// proxies appended), the first address that is not a trusted proxy. The left part of the
    /// header is whatever the client sent, so it is never believed; a peer that is not a trusted
    /// proxy is the client itself, whatever its header says.
    public static func resolve(peer: String?, forwardedFor: [String], trusted: [IPRange]) -> String {
        guard let peer else { return "unknown" }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var chain = hops.suffix(50) + [peer]
        while let last = chain.last, chain.count > 1, trusted.contains(where: { $0.contains(last) }) { chain.removeLast() }
        return String((chain.last ?? peer).prefix(100))
    }

    public static func isLoopback(_ address: String) -> Bool { IPRange.loopback.contains { $0.contains(address) } }

    /// What per-address limits count: an IPv6 client is given a whole /64 (2^64 addresses to
    /// rotate through), so IPv6 counts by its /64 (`2001:db8:1:2::/64`); an IPv4 address on a
    /// dual-stack socket (`::ffff:a.b.c.d`) and plain IPv4 count as the address itself.
    public static func rateLimitKey(_ address: String) -> String {
        guard let bytes = IPRange.bytes(of: address) else { return address }
        let mappedV4 = bytes.count == 16 && bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
        if bytes.count == 4 || mappedV4 { return bytes.suffix(4).map(String.init).joined(separator: ".") }
        let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":") + "::/64"
    }
}

extension Request {
    /// The visitor's address, behind trusted proxies (see `ClientAddress.resolve`); limits use `rateLimitKey`.
    public var clientIP: String {
        let peer = remoteAddress?.ipAddress
        let config = application.config
        guard config.trustProxy else { return peer ?? "unknown" }
        return ClientAddress.resolve(peer: peer, forwardedFor: headers[.xForwardedFor], trusted: config.trustedProxies)
    }

    /// The key for every per-address rate limit (`clientIP` stays for logs and the metrics check).
    public var rateLimitKey: String { ClientAddress.rateLimitKey(clientIP) }
}
