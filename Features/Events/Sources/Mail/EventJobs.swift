import KrachtCore
import Vapor

/// The events' jobs: holds that ran out (registration helper), reminders the day before and
/// thanks afterwards (calendar-and-mail helper).
enum EventJobs {
    static var definitions: [JobDefinition] { HoldExpiry.definitions + EventReminders.definitions }
    static var scheduled: [ScheduledJob] { EventReminders.scheduled }
}
