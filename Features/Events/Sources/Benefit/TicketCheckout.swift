import Fluent
import KrachtCore
import Vapor

/// Paying a ticket (stub: the benefit helper).
public enum TicketCheckout {
    /// Called by the registration after its transaction for a registration `awaitingPayment`:
    /// starts the payment and sends the payer to it, or releases the places and says why.
    public static func start(_ registration: EventRegistration, of event: Event, req: Request) async throws -> Response {
        Response(status: .notImplemented)
    }
}
