import TryoutApp
import TryoutCore
import Vapor

extension Request {
    /// The project the address names; an address that names none finds nothing.
    func projectID() throws -> ProjectID {
        guard let id = parameters.get("projectID", as: ProjectID.self) else { throw ActionError.notFound }
        return id
    }

    func briefStep() throws -> BriefStep {
        guard let step = parameters.get("step", as: BriefStep.self) else { throw ActionError.notFound }
        return step
    }
}
