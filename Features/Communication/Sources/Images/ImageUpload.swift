import Foundation
import KrachtCore
import Vapor

/// Uploaded photos and logos: JPEG, PNG or WebP checked by their bytes, at most
/// `KRACHT_IMAGE_MAX_BYTES`, no decompression bombs, every metadata block (EXIF with its GPS
/// location above all) removed always, and web sizes made when `vipsthumbnail` is installed.
/// Kept in the data folder and served from Kracht itself.
enum ImageUpload {
    enum Problem: Error, Equatable {
        case empty, tooLarge, notAnImage, tooManyPixels
        /// A text in Communication's catalogue.
        var textKey: String { "images.error.\(self)" }
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
    }

    /// Checks, cleans and stores `data` under `<data>/<folder>/`; throws a `Problem`.
    static func store(_ data: Data, folder: String, app: Application) async throws -> Stored {
        throw Problem.notAnImage
    }

    /// Serves a stored file (`<name>.<ext>` or `<name>-<width>.<ext>`) of `folder`.
    static func response(folder: String, file: String, req: Request) async throws -> Response {
        throw Abort(.notFound)
    }

    /// Deletes every stored size of `name`.
    static func remove(name: String, folder: String, app: Application) throws {}
}
