import TryoutApp
import TryoutCore
import Vapor

/// The calibration pages; `CalibrationService` decides who may read them (owners and admins).
struct CalibrationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.Calibrations.organization(.key), use: organization)
        routes.get(SiteURL.Calibrations.project(.key), use: project)
    }

    func organization(req: Request) async throws -> Response {
        try await render(req, try await CalibrationService.organization(slug: req.parameters.get("slug") ?? "", try await req.signedInContext()))
    }

    func project(req: Request) async throws -> Response {
        try await render(req, try await CalibrationService.project(try req.projectID(), try await req.signedInContext()))
    }

    private func render(_ req: Request, _ report: CalibrationReport) async throws -> Response {
        try await req.render("Reviewer calibration: \(report.scope)", CalibrationPage(model: CalibrationViewModel(report)))
    }
}

/// The same figures over `/api/v1`, with every rating behind them so anyone can recompute alpha.
struct CalibrationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerAuthMiddleware(), RequireAPIUserMiddleware())
        api.get(SiteURL.Calibrations.api(.organization(.key)), use: organization)
        api.get(SiteURL.Calibrations.api(.project(.key)), use: project)
    }

    func organization(req: Request) async throws -> DTO.Calibration {
        DTO.Calibration(try await CalibrationService.organization(slug: req.parameters.get("slug") ?? "", try await req.signedInContext()))
    }

    func project(req: Request) async throws -> DTO.Calibration {
        DTO.Calibration(try await CalibrationService.project(try req.projectID(), try await req.signedInContext()))
    }
}

extension DTO {
    struct Calibration: Content {
        struct Offset: Content {
            var reviewerID: UUID
            var reviewerName: String
            var meanOffset: Double
            var units: Int
            var flagged: Bool
            /// Median time from being asked to scoring; absent for someone never asked (a manager).
            var medianTurnaroundSeconds: Int?
        }

        struct Rating: Content {
            var reviewerID: UUID
            var submissionID: UUID
            /// The criterion's position in the rubric, from 0.
            var criterion: Int
            var level: Int
        }

        var scope: String
        /// Krippendorff's alpha, ordinal; null while undefined (too few units, or no variation).
        var alpha: Double?
        var units: Int
        /// `not_enough_data`, `low_agreement`, `reviewer_offset`.
        var flags: [String]
        var offsets: [Offset]
        var ratings: [Rating]

        init(_ report: CalibrationReport) {
            let calibration = report.calibration
            scope = report.scope
            alpha = calibration.alpha
            units = calibration.units
            flags = calibration.flags.map {
                switch $0 {
                case .notEnoughData: "not_enough_data"
                case .lowAgreement: "low_agreement"
                case .reviewerOffset: "reviewer_offset"
                }
            }
            offsets = calibration.offsets.map {
                Offset(reviewerID: $0.reviewer, reviewerName: report.names[$0.reviewer] ?? "", meanOffset: $0.meanOffset, units: $0.units,
                       flagged: $0.flagged, medianTurnaroundSeconds: report.turnarounds[$0.reviewer].map { Int($0) })
            }
            ratings = calibration.ratings.map {
                Rating(reviewerID: $0.reviewer, submissionID: $0.submission, criterion: $0.criterion, level: $0.level)
            }
        }
    }
}
