/// The built-in agreement texts. They are plain-language starting points that an organization
/// replaces with its counsel's wording in its settings.
enum StandardAgreements {
    static func body(_ kind: AgreementKind) -> String {
        switch kind {
        case .contractorAgreement: contractor
        case .internshipAgreement: internship
        case .ipAssignment: ipAssignment
        case .nda: nda
        }
    }

    private static let parties = """
        **Between** {{organization.name}} ("the Company") **and** {{candidate.name}} ({{candidate.email}}).
        **Project:** {{project.title}}. **Dated:** {{agreement.date}}.
        """

    private static let contractor = """
        # Independent contractor agreement

        \(parties)

        1. **Services.** Work begins on {{project.start}}, the first day work can be handed in through Tryout, and ends on {{project.end}}. The Contractor will deliver:

        {{project.deliverables}}

        2. **Fee.** The Company will pay {{project.pay}} for the project, estimated at {{project.hours}} hours. Each deliverable, once accepted, earns its share of the fee; pay for accepted work stays owed if the engagement ends early.
        3. **Relationship.** The Contractor is an independent contractor, decides how and when to do the work, uses their own equipment, and is responsible for their own taxes. Nothing here makes the Contractor an employee.
        4. **Feedback.** The Company will give written feedback on each submission and accept it or ask for specific changes.
        5. **Ending early.** Either party may end this agreement with a written reason through Tryout.
        """

    private static let internship = """
        # Internship agreement

        \(parties)

        1. **Learning project.** The internship begins on {{project.start}}, the first day work can be handed in through Tryout, and ends on {{project.end}}. It is estimated at {{project.hours}} hours, on these deliverables:

        {{project.deliverables}}

        2. **Education first.** The internship is for the Intern's education; the Company provides training, feedback and a mentor, and the Intern does not displace paid staff.
        3. **Pay.** {{project.pay}} for the project ({{engagement.classification}}).
        4. **No promise of a job.** The internship does not entitle the Intern to a job at its end.
        5. **Ending early.** Either party may end the internship with a written reason through Tryout.
        """

    private static let ipAssignment = """
        # Intellectual property assignment

        \(parties)

        1. **Assignment.** Once the Company has paid for a deliverable, the Candidate assigns to the Company the copyright and other rights in that deliverable as delivered for the project.
        2. **Portfolio.** The Candidate may describe the project and show the work in a portfolio, without confidential information, unless the Company objects in writing.
        3. **Earlier work.** Anything the Candidate made before {{project.start}} or outside the project stays theirs; where it is part of a deliverable, the Company receives a licence to use it with that deliverable.
        """

    private static let nda = """
        # Non-disclosure agreement

        \(parties)

        1. **Confidential information** is what the Company shares for the project and marks or describes as confidential.
        2. **Use.** The Candidate uses it only for the project and shares it with no one else.
        3. **Exceptions.** Information that is public, already known to the Candidate, or received lawfully from someone else is not confidential.
        4. **Duration.** These duties last two years from {{project.end}}.
        """
}
