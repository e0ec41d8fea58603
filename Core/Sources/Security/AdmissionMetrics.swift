import Prometheus

/// What `/metrics` shows of the admission gate: how full it is and why requests were turned away.
/// Straight into the Prometheus registry (as `/metrics` itself does): the gate is made before
/// `PrometheusMetrics.bootstrap()` points swift-metrics' `Gauge`/`Counter` at it.
struct AdmissionMetrics: Sendable {
    let inFlight: Gauge
    let queued: Gauge
    let admittedAfterWaiting: Counter
    private let shed: [AdmissionGate.Refusal: Counter]

    init(pool: String) {
        let registry = PrometheusMetrics.registry
        let labels = [("pool", pool)]
        inFlight = registry.makeGauge(name: "kracht_admission_in_flight", labels: labels)
        queued = registry.makeGauge(name: "kracht_admission_queued", labels: labels)
        admittedAfterWaiting = registry.makeCounter(name: "kracht_admission_admitted_after_wait_total", labels: labels)
        let reasons: [AdmissionGate.Refusal] = [.full, .displaced, .timeout, .cancelled]
        shed = Dictionary(
            uniqueKeysWithValues: reasons.map {
                ($0, registry.makeCounter(name: "kracht_admission_shed_total", labels: labels + [("reason", $0.rawValue)]))
            })
    }

    func report(_ counts: (inFlight: Int, queued: Int)) {
        inFlight.set(Int64(counts.inFlight))
        queued.set(Int64(counts.queued))
    }

    func refused(_ reason: AdmissionGate.Refusal) { shed[reason]?.increment() }
}
