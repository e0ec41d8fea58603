import KrachtCore
import Vapor

/// The events' jobs: reminders the day before, thanks afterwards, holds that ran out (stub).
enum EventJobs {
    static var definitions: [JobDefinition] { [] }
    static var scheduled: [ScheduledJob] { [] }
}
