import FluentKit
import Foundation
import TryoutCore

/// A busy day at the demo employer, for measuring pages under load (`tryout demo --applicants N
/// --messages M`): Bruno's project at Northwind gets applications from generated candidates, and
/// his engagement a long conversation with the hiring manager.
public enum DemoCrowd {
    public static func add(applicants: Int, messages: Int, at now: Date, on db: any Database) async throws {
        guard applicants + messages > 0, let bruno = try await Accounts.user(email: EmailAddress("bruno@candidates.test")!, on: db),
              let manager = try await Accounts.user(email: EmailAddress("manager@northwind.test")!, on: db),
              let engagement = try await EngagementRecord.query(on: db).filter(\.$candidate.$id == bruno.requireID()).with(\.$project).first()
        else { return }
        let project = engagement.project
        let questions = try await ProjectBriefs.brief(of: project, on: db).screeningQuestions
        let answers = ApplicationInput(answers: questions.map { _ in "I have done this before, and here is how." })
        let crowd = try await UserRecord.query(on: db).filter(\.$email ~~ "@generated.test").filter(\.$email !~ "owner")
            .sort(\.$email).limit(applicants).all()
        try await db.transaction { tx in
            for (index, person) in crowd.enumerated() {
                _ = try await Applications.submit(to: project, userID: person.requireID(), answers,
                                                  at: now.addingTimeInterval(Double(index - crowd.count) * 60), on: tx)
            }
            for index in 0..<messages {
                let author = index.isMultiple(of: 2) ? bruno : manager
                let body = index.isMultiple(of: 2) ? "Here is where I am with the cohorts (\(index + 1))." : "Thanks, a note on that (\(index + 1))."
                _ = try await EngagementActivity.post(body, engagementID: engagement.requireID(), by: author.requireID(),
                                                      at: now.addingTimeInterval(Double(index - messages) * 300), on: tx)
            }
        }
    }
}
