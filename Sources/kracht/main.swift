import Foundation
import KrachtApp

do {
    try await Kracht.main()
} catch {
    // The reason was logged; exit like a command-line tool, not with a crash report.
    exit(1)
}
