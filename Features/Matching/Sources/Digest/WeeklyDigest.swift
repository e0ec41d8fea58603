import Fluent
import KrachtCore
import Vapor

/// OWNER: the digest helper.
enum WeeklyDigest {
    static let jobs: [JobDefinition] = []
    static let schedule: [ScheduledJob] = []
}
