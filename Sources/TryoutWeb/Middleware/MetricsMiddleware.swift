import Foundation
import Prometheus
import Vapor

/// Counts requests and times them by route pattern (not by raw path, which would let
/// every id become its own time series).
struct MetricsMiddleware: AsyncMiddleware {
    let registry: PrometheusCollectorRegistry

    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
    ]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let status: UInt
        do {
            let response = try await next.respond(to: request)
            status = response.status.code
            record(request, status: status, since: start)
            return response
        } catch {
            status = (error as? any AbortError)?.status.code ?? 500
            record(request, status: status, since: start)
            throw error
        }
    }

    private func record(_ request: Request, status: UInt, since start: ContinuousClock.Instant) {
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let method = request.method.rawValue
        registry.makeCounter(
            descriptor: .init(metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route and status."),
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request latency by route."),
            labels: [("method", method), ("route", route)],
            buckets: Self.buckets
        ).record(ContinuousClock.now - start)
    }
}

extension Application {
    private struct RegistryKey: StorageKey {
        typealias Value = PrometheusCollectorRegistry
    }

    /// This application's metrics; each application has its own, so tests never share counts.
    var metrics: PrometheusCollectorRegistry {
        if let registry = storage[RegistryKey.self] { return registry }
        let registry = PrometheusCollectorRegistry()
        storage[RegistryKey.self] = registry
        return registry
    }
}
