import Foundation
import Testing
import TryoutCore

@Suite("Scorecards and panels")
struct ScorecardTests {
    /// Weights 50, 30 and 20, as a rubric's criteria carry them.
    let rubric = [
        RubricCriterion(title: "Insight", weight: 50, levels: ["a", "b", "c", "d"]),
        RubricCriterion(title: "Clarity", weight: 30, levels: ["a", "b", "c", "d"]),
        RubricCriterion(title: "Rigour", weight: 20, levels: ["a", "b", "c", "d"]),
    ]

    @Test("level 1 counts nothing, 4 the whole weight; medians count between levels")
    func weightedScores() {
        #expect(Scorecard(levels: [1, 1, 1], comments: [], note: "").weightedScore(rubric) == 0)
        #expect(Scorecard(levels: [4, 4, 4], comments: [], note: "").weightedScore(rubric) == 100)
        // 50·(3/3) + 30·(1/3) + 20·(0/3) = 60
        #expect(Scorecard(levels: [4, 2, 1], comments: [], note: "").weightedScore(rubric) == 60)
        // 50·(1.5/3) + 30·(2/3) + 20·(3/3) = 65
        #expect(RubricScore.weighted([2.5, 3, 4], weights: [50, 30, 20]) == 65)
        // Weights that do not add up to 100 are normalised: 1·(3/3) + 1·(0/3) over 2 = 50.
        #expect(RubricScore.weighted([4, 1], weights: [1, 1]) == 50)
        #expect(RubricScore.weighted([4], weights: [0]) == 0)
    }

    @Test("a form's scorecard: every criterion needs a level from 1 to 4; comments and the note are checked")
    func input() throws {
        let card = try Scorecard(levels: ["4", " 2 ", "1"], comments: [" Sharp. ", "", ""], note: " Good work. ", rubric: rubric)
        #expect(card == Scorecard(levels: [4, 2, 1], comments: ["Sharp.", "", ""], note: "Good work."))
        do {
            _ = try Scorecard(levels: ["5", "", "x"], comments: ["a\u{7}"], note: String(repeating: "n", count: 4001), rubric: rubric)
            Issue.record("accepted a bad scorecard")
        } catch {
            #expect(error.errors.map(\.field) == ["levels.0", "comments.0", "levels.1", "levels.2", "note"])
            #expect(error.errors.first?.message == "Choose a level from 1 to 4 for “Insight”.")
        }
        #expect(throws: ValidationFailure.self) { try Scorecard(levels: ["1", "1", "1", "1"], comments: [], note: "", rubric: rubric) }
    }

    @Test("the panel's medians, spreads and weighted score")
    func panel() {
        let panel = ReviewPanel(rubric: rubric, cards: [
            Scorecard(levels: [4, 2, 1], comments: [], note: ""),
            Scorecard(levels: [2, 2, 3], comments: [], note: ""),
            Scorecard(levels: [3, 3, 4], comments: [], note: ""),
        ])
        #expect(panel.medians == [3, 2, 3])
        #expect(panel.spreads == [2, 1, 3])
        #expect(panel.disagrees)
        #expect(panel.weightedScore == RubricScore.weighted([3, 2, 3], weights: [50, 30, 20]))
        let pair = ReviewPanel(rubric: rubric, cards: [Scorecard(levels: [2, 2, 2], comments: [], note: ""),
                                                       Scorecard(levels: [3, 2, 3], comments: [], note: "")])
        #expect(pair.medians == [2.5, 2, 2.5] && !pair.disagrees)
        #expect(ReviewPanel(rubric: rubric, cards: []).weightedScore == nil)
        // A card for another rubric (a different number of criteria) is left out rather than misread.
        #expect(ReviewPanel(rubric: rubric, cards: [Scorecard(levels: [4], comments: [], note: "")]).cards.isEmpty)
    }
}

@Suite("Review settings and who sees what")
struct ReviewSettingsTests {
    @Test("panels: the first reviewers, or turns through the list; never more than there are")
    func panels() throws {
        var settings = ReviewSettings()
        #expect(settings.panel(from: ["a", "b", "c"], sequence: 5) == ["a"])
        settings.panelSize = 2
        settings.rotation = .roundRobin
        #expect((0..<4).map { settings.panel(from: ["a", "b", "c"], sequence: $0) } == [["a", "b"], ["c", "a"], ["b", "c"], ["a", "b"]])
        settings.panelSize = 5
        #expect(settings.panel(from: ["a", "b"], sequence: 1) == ["a", "b"])
        #expect(settings.panel(from: [String](), sequence: 0).isEmpty)
        #expect(settings.managerMustScore(panelIsEmpty: true) && !settings.managerMustScore(panelIsEmpty: false))
    }

    @Test("the settings form: sizes 1–5, known rotations, 3–30 days")
    func input() throws {
        let settings = try ReviewSettings(panelSize: "3", rotation: "round_robin", managerScores: true, blind: false, autoAcceptDays: "10")
        #expect(settings.panelSize == 3 && settings.rotation == .roundRobin && settings.managerScores && !settings.blind && settings.autoAcceptDays == 10)
        do {
            _ = try ReviewSettings(panelSize: "6", rotation: "lottery", managerScores: false, blind: true, autoAcceptDays: "2")
            Issue.record("accepted bad settings")
        } catch {
            #expect(error.errors.map(\.field) == ["panelSize", "rotation", "autoAcceptDays"])
        }
    }

    @Test("nobody on the panel sees the others' scores before submitting; the candidate only after the decision")
    func independence() {
        #expect(ReviewVisibility.sight(.panelist(submitted: false)) == .own)
        #expect(ReviewVisibility.sight(.panelist(submitted: true)) == .panel)
        #expect(ReviewVisibility.sight(.manager(mustScore: true, submitted: false)) == .own)
        #expect(ReviewVisibility.sight(.manager(mustScore: true, submitted: true)) == .panel)
        #expect(ReviewVisibility.sight(.manager(mustScore: false, submitted: false)) == .panel)
        #expect(ReviewVisibility.sight(.candidate(decided: false, individualScoresShown: true)) == .nothing)
        #expect(ReviewVisibility.sight(.candidate(decided: true, individualScoresShown: false)) == .result(individual: false))
        #expect(ReviewVisibility.sight(.outsider) == .nothing)
    }
}

@Suite("Calibration")
struct CalibrationTests {
    let versions = (0..<6).map { _ in UUID() }

    func ratings(_ levels: [String: [Int]]) -> [Calibration<String>.Rating] {
        levels.flatMap { reviewer, levels in
            levels.enumerated().map { unit, level in
                Calibration.Rating(reviewer: reviewer, submission: versions[unit / 2], criterion: unit % 2, level: level)
            }
        }
    }

    @Test("units scored twice count; a reviewer's offset is their mean distance from the median")
    func offsets() throws {
        var all = ratings(["ana": [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4], "ben": [3, 4, 4, 4, 3, 4, 4, 4, 3, 4, 4, 4]])
        // A unit only one reviewer scored is left out.
        all.append(Calibration.Rating(reviewer: "cy", submission: UUID(), criterion: 0, level: 1))
        let calibration = Calibration(all)
        #expect(calibration.units == 12)
        #expect(calibration.ratings.count == 24)
        let ben = try #require(calibration.offsets.first { $0.reviewer == "ben" })
        let ana = try #require(calibration.offsets.first { $0.reviewer == "ana" })
        // Differences ben − ana: 2, 2, 1, 0 repeated; each sits half of it from the median.
        #expect(abs(ben.meanOffset - 0.625) < 1e-9 && abs(ana.meanOffset + 0.625) < 1e-9)
        #expect(ben.units == 12 && !ben.flagged)
        #expect(calibration.flags == [.lowAgreement])
    }

    @Test("flags: not enough data below 10 units; a reviewer more than a level off")
    func flags() {
        let few = Calibration(ratings(["ana": [1, 2, 3], "ben": [1, 2, 3]]))
        #expect(few.units == 3 && few.alpha == 1 && few.flags == [.notEnoughData])
        let agreeing = Calibration(ratings(["ana": [1, 2, 3, 4, 1, 2, 3, 4, 1, 2], "ben": [1, 2, 3, 4, 1, 2, 3, 4, 1, 2],
                                            "cy": [4, 4, 4, 4, 4, 4, 4, 4, 4, 4]]))
        #expect(agreeing.offsets.first?.reviewer == "cy" && agreeing.offsets.first?.flagged == true)
        #expect(agreeing.flags.contains(.reviewerOffset))
        #expect(Calibration<String>([]).alpha == nil && Calibration<String>([]).flags == [.notEnoughData])
    }
}
