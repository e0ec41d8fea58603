import Fluent
import Foundation
import KrachtCore
import Vapor

/// Uploaded photos and logos: JPEG, PNG or WebP checked by their bytes, at most
/// `KRACHT_IMAGE_MAX_BYTES`, no decompression bombs, every metadata block (EXIF with its GPS
/// location above all) removed always, and web sizes made when `vipsthumbnail` is installed.
/// Kept in the data folder and served from Kracht itself.
///
/// Without `vipsthumbnail` (Debian `libvips-tools`) only the cleaned original is kept and served
/// at every width; its metadata is removed all the same (in Swift, `ImageCleaner`).
enum ImageUpload {
    enum Problem: Error, Equatable {
        case empty, tooLarge, notAnImage, tooManyPixels
        /// A text in Communication's catalogue.
        var textKey: String {
            switch self {
            case .empty: "images.error.empty"
            case .tooLarge: "images.error.too_large"
            case .notAnImage: "images.error.not_an_image"
            case .tooManyPixels: "images.error.too_many_pixels"
            }
        }
    }

    struct Stored: Sendable, Codable, Equatable {
        /// The file name's stem, without size or extension (`<uuid>`).
        var name: String
        /// `jpeg`, `png` or `webp`.
        var format: String
        var width: Int
        var height: Int
        /// The web sizes made (widths), empty when only the cleaned original is kept.
        var widths: [Int]

        /// The file extension of every size.
        var fileExtension: String { ImageUpload.fileExtension(format) }
        /// The cleaned original's file name.
        var originalFile: String { "\(name).\(fileExtension)" }
        /// The file of one web size.
        func file(width: Int) -> String { "\(name)-\(width).\(fileExtension)" }
        /// The largest web size at most `width` wide, or the original.
        func file(atMost width: Int) -> String {
            widths.filter { $0 <= width }.max().map { file(width: $0) } ?? (widths.min().map { file(width: $0) } ?? originalFile)
        }
        /// Every file of this image.
        var files: [String] { [originalFile] + widths.map { file(width: $0) } }
    }

    /// The web sizes made (never wider than the original).
    static let webWidths = [480, 960, 1600]
    /// How long `vipsthumbnail` may take for one size.
    static let toolTimeout: TimeInterval = 30

    static func fileExtension(_ format: String) -> String { format == "jpeg" ? "jpg" : format }

    /// Checks, cleans and stores `data` under `<data>/<folder>/`; throws a `Problem`.
    static func store(_ data: Data, folder: String, app: Application) async throws -> Stored {
        if data.isEmpty { throw Problem.empty }
        if data.count > app.config.imageMaxBytes { throw Problem.tooLarge }
        let cleaned: ImageCleaner.Cleaned
        do { cleaned = try ImageCleaner.clean(data) } catch {
            throw error == .tooManyPixels ? Problem.tooManyPixels : Problem.notAnImage
        }
        let directory = directory(folder, app: app)
        try PrivateFiles.makeDirectory(directory)
        var stored = Stored(name: newName(), format: cleaned.format, width: cleaned.width, height: cleaned.height, widths: [])
        let original = directory + "/" + stored.originalFile
        guard try PrivateFiles.createEmpty(original) else { throw Abort(.internalServerError, reason: "image name taken") }
        do {
            try cleaned.data.write(to: URL(fileURLWithPath: original))
            if let tool = thumbnailTool(app) {
                for width in webWidths where width < cleaned.width {
                    let target = directory + "/" + stored.file(width: width)
                    if (try? await thumbnail(tool: tool, input: original, width: width, output: target)) == true,
                        FileManager.default.fileExists(atPath: target)
                    {
                        stored.widths.append(width)
                    } else {
                        try? FileManager.default.removeItem(atPath: target)
                        app.logger.warning("vipsthumbnail failed", metadata: ["width": .stringConvertible(width)])
                    }
                }
            }
        } catch {
            try? remove(name: stored.name, folder: folder, app: app)
            throw error
        }
        return stored
    }

    /// Serves a stored file (`<name>.<ext>` or `<name>-<width>.<ext>`) of `folder`.
    static func response(folder: String, file: String, req: Request) async throws -> Response {
        try await response(folder: folder, file: file, req: req, cacheControl: "public, max-age=31536000, immutable")
    }

    /// The same with a cache lifetime of one's own (a story's photo goes offline with its story).
    static func response(folder: String, file: String, req: Request, cacheControl: String) async throws -> Response {
        guard let parsed = parse(file) else { throw Abort(.notFound) }
        let path = directory(folder, app: req.application) + "/" + file
        guard FileManager.default.fileExists(atPath: path) else { throw Abort(.notFound) }
        // A stored file never changes (a new upload gets a new name): its name is its version.
        let etag = "\"\(file)\""
        let response: Response
        if req.headers[.ifNoneMatch].flatMap({ $0.split(separator: ",") }).contains(where: {
            $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*"
        }) {
            response = Response(status: .notModified)
        } else {
            let buffer = try await req.fileio.collectFile(at: path)
            response = Response(status: .ok, body: .init(buffer: buffer))
        }
        response.headers.replaceOrAdd(name: .eTag, value: etag)
        response.headers.contentType = HTTPMediaType(type: "image", subType: parsed.format)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: .cacheControl, value: cacheControl)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; sandbox")
        return response
    }

    /// Deletes every stored size of `name`.
    static func remove(name: String, folder: String, app: Application) throws {
        guard isName(name) else { return }
        let directory = directory(folder, app: app)
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for file in files where parse(file)?.name == name {
            try FileManager.default.removeItem(atPath: directory + "/" + file)
        }
    }

    /// The names (stems) of every image stored in `folder`.
    static func storedNames(folder: String, app: Application) -> Set<String> {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory(folder, app: app))) ?? []
        return Set(files.compactMap { parse($0)?.name })
    }

    /// Whether every file of `stored` is on disk.
    static func exists(_ stored: Stored, folder: String, app: Application) -> Bool {
        stored.files.allSatisfy { FileManager.default.fileExists(atPath: directory(folder, app: app) + "/" + $0) }
    }

    // MARK: names

    /// 32 lower-case hex digits of randomness.
    static func newName() -> String { SecureToken.hex((0..<16).map { _ in UInt8.random(in: 0...255) }) }

    static func isName(_ name: String) -> Bool {
        name.utf8.count == 32 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// `<name>.<ext>` or `<name>-<width>.<ext>`, nothing else (no dots, slashes or other names).
    static func parse(_ file: String) -> (name: String, width: Int?, format: String)? {
        let parts = file.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let format: String
        switch parts[1] {
        case "jpg": format = "jpeg"
        case "png": format = "png"
        case "webp": format = "webp"
        default: return nil
        }
        let stem = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard stem.count <= 2, isName(String(stem[0])) else { return nil }
        var width: Int?
        if stem.count == 2 {
            guard let value = Int(stem[1]), webWidths.contains(value), String(value) == stem[1] else { return nil }
            width = value
        }
        return (String(stem[0]), width, format)
    }

    static func directory(_ folder: String, app: Application) -> String { app.config.dataDirectory + "/" + folder }

    // MARK: vipsthumbnail

    /// The `vipsthumbnail` on the PATH, unless switched off (`app.imageThumbnailTool = .some(nil)`).
    static func thumbnailTool(_ app: Application) -> String? {
        if let chosen = app.imageThumbnailTool { return chosen }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = String(folder) + "/vipsthumbnail"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `vipsthumbnail` (no shell) and waits at most `toolTimeout`; true when it succeeded.
    static func thumbnail(tool: String, input: String, width: Int, output: String) async throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [input, "--size", "\(width)x", "--vips-concurrency=1", "-o", output + "[strip,Q=82]"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.environment = ["PATH": "/usr/bin:/bin", "VIPS_BLOCK_UNTRUSTED": "1"]
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Bool, any Error>) in
            process.terminationHandler = { finished in
                continuation.resume(returning: finished.terminationReason == .exit && finished.terminationStatus == 0)
            }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + toolTimeout) {
                if process.isRunning { process.terminate() }
            }
        }
    }
}

extension Application {
    /// The thumbnail tool to use: nil looks it up on the PATH; `.some(nil)` makes none (tests of
    /// a server without libvips).
    var imageThumbnailTool: String?? {
        get { storage[ImageThumbnailToolKey.self] }
        set { storage[ImageThumbnailToolKey.self] = newValue }
    }
    private struct ImageThumbnailToolKey: StorageKey { typealias Value = String? }
}

// MARK: the forms that upload

extension ImageUpload {
    /// A POST route of an image form: the image up to `KRACHT_IMAGE_MAX_BYTES` with the form
    /// around it, so a slightly bigger one reaches the form and gets its translated message.
    @discardableResult
    static func post(
        _ routes: any RoutesBuilder, _ path: [PathComponent], maxBytes: Int,
        use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        let limit = maxBytes + 64 * 1024
        return routes.on(.POST, path, body: .collect(maxSize: ByteCount(value: limit)), use: closure).acceptingBody(upTo: limit)
    }

    /// The most an upload may be, as the forms and their messages say it ("5 MB").
    static func maxSize(_ app: Application) -> String { String(format: "%.0f MB", Double(app.config.imageMaxBytes) / 1_000_000) }

    /// Stores `data` (throws a `Problem`), then records it with `save` in one write transaction;
    /// `save` returns what the image replaces (`.some(nil)` when nothing), or nil when its row is
    /// gone. The new files go again when the save fails or finds no row: none outlive it.
    static func storeAndSave(
        _ data: Data, folder: String, app: Application, _ save: @escaping @Sendable (Stored, any Database) async throws -> String??
    ) async throws -> String?? {
        let stored = try await store(data, folder: folder, app: app)
        let previous: String??
        do {
            previous = try await app.db.writeTransaction { db in try await save(stored, db) }
        } catch {
            try? remove(name: stored.name, folder: folder, app: app)
            throw error
        }
        if previous == nil { try? remove(name: stored.name, folder: folder, app: app) }
        return previous
    }
}
