import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Files only the app's own user may read: the SQLite database (and its -wal/-shm, which
/// SQLite creates with the database file's mode), backups and mail files hold personal data
/// and working links. Files get mode 0600, the folders Kracht creates for them 0700.
public enum PrivateFiles {
    /// Creates `path` (and missing parents) with mode 0700; a folder that exists is left alone.
    public static func makeDirectory(_ path: String) throws {
        guard !path.isEmpty, !FileManager.default.fileExists(atPath: path) else { return }
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // The umask may have taken bits away, never added any; set exactly 0700 anyway.
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
    }

    /// Creates an empty file with mode 0600; false if something is already at `path`.
    public static func createEmpty(_ path: String) throws -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw PrivateFileError(path: path, reason: String(cString: strerror(errno)))
        }
        close(fd)
        return true
    }

    /// Sets mode 0600 on each of the files that exist.
    public static func restrict(_ paths: [String]) throws {
        for path in paths where FileManager.default.fileExists(atPath: path) {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
    }

    public static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}

public struct PrivateFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot create \(path): \(reason)" }
}
