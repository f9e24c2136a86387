/// Starting points for the common micro-projects, each with deliverables, a rubric that adds
/// up to 100 and ESCO skills (by preferred label; the store resolves them to URIs).
public struct BriefTemplate: Sendable, Identifiable {
    public struct SkillByLabel: Sendable {
        public var label: String
        public var level: Int
        public var required: Bool
    }

    public var id: String
    public var name: String
    public var brief: Brief
    public var skills: [SkillByLabel]
}

public enum BriefTemplates {
    /// Four levels worded around one subject, from missing to beyond the brief.
    static func criterion(_ title: String, _ weight: Int, _ subject: String) -> RubricCriterion {
        RubricCriterion(title: title, weight: weight, levels: [
            "\(subject) is missing or mostly wrong.",
            "\(subject) is partly there, with gaps a reviewer must fill.",
            "\(subject) meets the brief in full.",
            "\(subject) goes beyond the brief and could be used as it is.",
        ])
    }

    private static func template(_ id: String, _ name: String, title: String, summary: String, body: String,
                                 hours: Int, weeks: Int, payMinor: Int64, deliverables: [Deliverable],
                                 rubric: [RubricCriterion], skills: [(String, Int, Bool)]) -> BriefTemplate {
        BriefTemplate(
            id: id, name: name,
            brief: Brief(title: title, summary: summary, body: body, deliverables: deliverables, rubric: rubric,
                         estimatedHours: hours, durationWeeks: weeks, pay: Money(amountMinor: payMinor, currency: "USD"),
                         classification: .contractor, agreements: [.contractorAgreement, .ipAssignment],
                         screeningQuestions: ["Tell us about a similar piece of work you have done, and what you would do differently now."]),
            skills: skills.map { BriefTemplate.SkillByLabel(label: $0.0, level: $0.1, required: $0.2) })
    }

    public static let all: [BriefTemplate] = [
        template("data-analysis", "Data analysis",
                 title: "Analyse a data set and report what matters",
                 summary: "Clean a real data set, answer three business questions and explain the findings to non-analysts.",
                 body: "## Context\n\nWe share an anonymised extract and three questions the team keeps asking.\n\n## What you will do\n\n- Clean and document the data.\n- Answer each question with evidence.\n- Present the findings in plain language.",
                 hours: 20, weeks: 3, payMinor: 60_000,
                 deliverables: [
                     Deliverable(title: "Cleaning notes", description: "What was wrong with the data and what you changed.", dueOffsetDays: 5, weight: 20),
                     Deliverable(title: "Analysis notebook", description: "Reproducible code answering the three questions.", dueOffsetDays: 14, weight: 50),
                     Deliverable(title: "Findings memo", description: "One page for a non-technical reader.", dueOffsetDays: 20, weight: 30),
                 ],
                 rubric: [criterion("Correctness", 40, "The analysis"), criterion("Reproducibility", 20, "The code"),
                          criterion("Communication", 40, "The memo")],
                 skills: [("SQL", 3, true), ("Python (computer programming)", 2, false), ("deliver visual presentation of data", 2, true)]),
        template("market-research", "Market research memo",
                 title: "Size a market and recommend where to play",
                 summary: "Research a market segment from public sources and write a memo with a recommendation.",
                 body: "## Context\n\nWe are deciding whether to enter a new segment.\n\n## What you will do\n\n- Estimate the segment's size with sources.\n- Compare three competitors.\n- Recommend a next step.",
                 hours: 15, weeks: 2, payMinor: 45_000,
                 deliverables: [
                     Deliverable(title: "Source log", description: "Every source with what it supports.", dueOffsetDays: 5, weight: 20),
                     Deliverable(title: "Market memo", description: "Two pages with a sizing and a recommendation.", dueOffsetDays: 12, weight: 80),
                 ],
                 rubric: [criterion("Evidence", 40, "The sourcing"), criterion("Reasoning", 35, "The sizing"),
                          criterion("Recommendation", 25, "The recommendation")],
                 skills: [("conduct quantitative research", 2, true), ("conduct qualitative research", 2, false)]),
        template("content-plan", "Content and social media plan",
                 title: "Plan a month of content for a launch",
                 summary: "Plan four weeks of posts across two channels with goals, drafts and how success is measured.",
                 body: "## Context\n\nA product launches next month.\n\n## What you will do\n\n- Set goals and measures.\n- Draft a calendar of posts.\n- Write five finished posts.",
                 hours: 12, weeks: 3, payMinor: 36_000,
                 deliverables: [
                     Deliverable(title: "Goals and measures", description: "What success looks like and how it is measured.", dueOffsetDays: 4, weight: 25),
                     Deliverable(title: "Content calendar", description: "Four weeks, two channels.", dueOffsetDays: 10, weight: 40),
                     Deliverable(title: "Five finished posts", description: "Ready to publish.", dueOffsetDays: 18, weight: 35),
                 ],
                 rubric: [criterion("Strategy", 35, "The plan's link to the goals"), criterion("Craft", 40, "The writing"),
                          criterion("Measurement", 25, "The measurement plan")],
                 skills: [("apply social media marketing", 3, true), ("content marketing strategy", 2, true)]),
        template("landing-page-ab-test", "Landing page A/B test",
                 title: "Build and test two landing page variants",
                 summary: "Build two variants of a landing page, run an A/B test and report which converts better and why.",
                 body: "## Context\n\nOur landing page converts poorly.\n\n## What you will do\n\n- Form a hypothesis.\n- Build two variants.\n- Run the test and analyse the result.",
                 hours: 25, weeks: 4, payMinor: 75_000,
                 deliverables: [
                     Deliverable(title: "Test plan", description: "Hypothesis, metric and sample size.", dueOffsetDays: 5, weight: 20),
                     Deliverable(title: "Two variants", description: "Working pages, accessible and fast.", dueOffsetDays: 14, weight: 40),
                     Deliverable(title: "Result report", description: "What won, by how much and why.", dueOffsetDays: 26, weight: 40),
                 ],
                 rubric: [criterion("Experiment design", 30, "The test design"), criterion("Build quality", 35, "The pages"),
                          criterion("Analysis", 35, "The result analysis")],
                 skills: [("JavaScript", 3, true), ("implement front-end website design", 2, true), ("create website wireframe", 2, false)]),
        template("automation-script", "Automation script",
                 title: "Automate a repetitive task with a script",
                 summary: "Write a tested script that automates a weekly manual task and document how to run it.",
                 body: "## Context\n\nSomeone spends two hours a week on a manual export.\n\n## What you will do\n\n- Map the manual steps.\n- Automate them with tests.\n- Hand over with documentation.",
                 hours: 15, weeks: 2, payMinor: 52_500,
                 deliverables: [
                     Deliverable(title: "Script and tests", description: "Runs end to end; tests pass.", dueOffsetDays: 10, weight: 70),
                     Deliverable(title: "Run book", description: "How to run, schedule and fix it.", dueOffsetDays: 13, weight: 30),
                 ],
                 rubric: [criterion("Correctness", 40, "The automation"), criterion("Testing", 30, "The test suite"),
                          criterion("Documentation", 30, "The run book")],
                 skills: [("Python (computer programming)", 3, true), ("develop automated software tests", 2, false)]),
        template("database-cleanup", "Database clean-up",
                 title: "Clean up and document a database",
                 summary: "Find duplicates and inconsistencies in a database, fix them safely and document the schema.",
                 body: "## Context\n\nOur customer database has grown untidy.\n\n## What you will do\n\n- Profile the data.\n- Fix problems with reversible scripts.\n- Draw and document the schema.",
                 hours: 20, weeks: 3, payMinor: 60_000,
                 deliverables: [
                     Deliverable(title: "Data profile", description: "Problems found, with counts.", dueOffsetDays: 5, weight: 25),
                     Deliverable(title: "Clean-up scripts", description: "Reversible, reviewed SQL.", dueOffsetDays: 14, weight: 45),
                     Deliverable(title: "Schema diagram", description: "With a short description of every table.", dueOffsetDays: 19, weight: 30),
                 ],
                 rubric: [criterion("Safety", 35, "The change process"), criterion("Data quality", 40, "The clean-up"),
                          criterion("Documentation", 25, "The schema documentation")],
                 skills: [("SQL", 3, true), ("create database diagrams", 2, false)]),
        template("presentation-deck", "Presentation deck",
                 title: "Turn findings into a presentation deck",
                 summary: "Turn a set of findings into a ten-slide deck for a leadership meeting, with speaker notes.",
                 body: "## Context\n\nLeadership meets in three weeks.\n\n## What you will do\n\n- Find the story in the material.\n- Build ten clear slides.\n- Write speaker notes.",
                 hours: 8, weeks: 2, payMinor: 24_000,
                 deliverables: [
                     Deliverable(title: "Storyline", description: "One page: the argument slide by slide.", dueOffsetDays: 4, weight: 30),
                     Deliverable(title: "Deck with notes", description: "Ten slides and speaker notes.", dueOffsetDays: 12, weight: 70),
                 ],
                 rubric: [criterion("Story", 40, "The storyline"), criterion("Visual clarity", 35, "The slides"),
                          criterion("Notes", 25, "The speaker notes")],
                 skills: [("use presentation software", 3, true), ("deliver visual presentation of data", 2, false)]),
        template("survey-design", "Survey design",
                 title: "Design, pilot and field a short survey",
                 summary: "Design a short survey that answers a business question, pilot it and report the results.",
                 body: "## Context\n\nWe need to know why customers leave.\n\n## What you will do\n\n- Draft unbiased questions.\n- Pilot with five people.\n- Field it and summarise the answers.",
                 hours: 15, weeks: 3, payMinor: 45_000,
                 deliverables: [
                     Deliverable(title: "Questionnaire", description: "Questions with the reason for each.", dueOffsetDays: 5, weight: 35),
                     Deliverable(title: "Pilot notes", description: "What changed after the pilot.", dueOffsetDays: 9, weight: 20),
                     Deliverable(title: "Results summary", description: "Findings with their limits.", dueOffsetDays: 19, weight: 45),
                 ],
                 rubric: [criterion("Question quality", 40, "The questionnaire"), criterion("Method", 25, "The pilot and fielding"),
                          criterion("Insight", 35, "The summary")],
                 skills: [("conduct quantitative research", 2, true), ("use spreadsheets software", 2, false)]),
    ]

    public static func template(id: String) -> BriefTemplate? {
        all.first { $0.id == id }
    }
}
