import Plot

/// Suggestions for fields that name an ESCO skill. The list starts empty; `/assets/skills.js`
/// fills it from the public skills API as people type. Without script the fields still take any
/// ESCO label, and an unknown one is answered with the nearest names.
struct SkillSuggestions: Component {
    static let listID = "esco-skills"
    /// The attribute that ties a field to the list.
    static let fieldAttribute = ("list", listID)

    var body: Component {
        Tag("datalist", ["id": Self.listID]) {}
    }

    static let script = """
    // Fills the ESCO skill suggestions as someone types; see SkillSuggestions.swift.
    "use strict";
    (() => {
      const list = document.getElementById("esco-skills");
      if (!list) return;
      let timer;
      let asked = "";
      document.addEventListener("input", (event) => {
        const field = event.target;
        if (!(field instanceof HTMLInputElement) || field.getAttribute("list") !== list.id) return;
        clearTimeout(timer);
        timer = setTimeout(async () => {
          const text = field.value.trim();
          if (text.length < 2 || text === asked) return;
          asked = text;
          try {
            const response = await fetch("\(SiteURL.Skills.api(.search).path)?limit=10&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } });
            if (!response.ok || asked !== text) return;
            const { items } = await response.json();
            list.replaceChildren(...items.map((skill) => {
              const option = document.createElement("option");
              option.value = skill.label;
              if (skill.matchedAltLabel) option.label = skill.label + " (" + skill.matchedAltLabel + ")";
              return option;
            }));
          } catch {
            // Offline or refused: the field still works without suggestions.
          }
        }, 150);
      });
    })();
    """
}
