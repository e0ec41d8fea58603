import KrachtCore
import Vapor

/// The reminder the day before and the thank-you afterwards (stub: the calendar-and-mail helper).
enum EventReminders {
    static var definitions: [JobDefinition] { [] }
    static var scheduled: [ScheduledJob] { [] }
}
