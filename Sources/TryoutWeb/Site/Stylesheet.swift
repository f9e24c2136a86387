/// The site's only stylesheet, served from `/assets/site.css` (no inline styles: the CSP forbids them).
enum Stylesheet {
    static let css = """
    /* Design tokens. Colours pass WCAG AA (4.5:1 for text) on --bg and --soft, in light and in
       dark; every rule below uses them, so the dark scheme is these lines only. */
    :root { color-scheme: light dark;
      --ink: #1b1f24; --muted: #525a64; --accent: #0b5cad; --accent-ink: #ffffff; --line: #d5dae0; --field: #767f8a;
      --bg: #ffffff; --soft: #f3f5f8; --raised: #ffffff; --error: #b00020; --ok: #1d6b36; --ok-soft: #eaf5ee; --error-soft: #fbeaec;
      --focus: #f5a623; --shadow: rgb(0 0 0 / .15);
      /* Type scale (1.2) and spacing. */
      --step-0: 1rem; --step-1: 1.2rem; --step-2: 1.44rem; --step-3: 1.8rem;
      --space-1: .25rem; --space-2: .5rem; --space-3: 1rem; --space-4: 1.5rem; --space-5: 2.5rem;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    @media (prefers-color-scheme: dark) {
      :root { --ink: #e6e9ed; --muted: #a9b2bd; --accent: #7ab7ff; --accent-ink: #0b1220; --line: #343c46; --field: #8a94a0;
        --bg: #111418; --soft: #1a1f25; --raised: #1d232a; --error: #ff8593; --ok: #6fdc97; --ok-soft: #16281d; --error-soft: #2e181b;
        --shadow: rgb(0 0 0 / .5); }
    }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--ink); background: var(--bg); line-height: 1.5; }
    a { color: var(--accent); }
    a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, main:focus-visible, summary:focus-visible {
      outline: 3px solid var(--focus); outline-offset: 2px; }
    .skip-link { position: absolute; left: -999px; top: 0; background: var(--ink); color: var(--bg); padding: .5rem 1rem; }
    .skip-link:focus { left: 0; z-index: 10; }
    .site-header { display: flex; gap: 1.25rem; align-items: center; padding: .6rem 1.25rem; border-bottom: 1px solid var(--line); position: relative; }
    .brand { display: inline-flex; align-items: center; gap: .45rem; font-weight: 800; font-size: 1.25rem; letter-spacing: -.01em;
      text-decoration: none; color: var(--ink); }
    .brand .mark { display: inline-grid; place-items: center; width: 1.7rem; height: 1.7rem; border-radius: 6px; background: var(--accent);
      color: var(--accent-ink); font-size: 1.05rem; }
    .site-header ul { list-style: none; margin: 0; padding: 0; }
    .site-nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; white-space: nowrap; }
    .site-header a[aria-current] { font-weight: 700; }
    .count { display: inline-block; min-width: 1.5em; padding: 0 .4em; border-radius: 999px; background: var(--accent); color: var(--accent-ink);
      font-size: .8rem; font-weight: 700; line-height: 1.5; text-align: center; }
    .account { margin-left: auto; }
    .account form { display: flex; gap: .5rem; align-items: center; margin: 0; }
    .who { max-width: 14rem; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--muted); }
    .account button { white-space: nowrap; }
    /* Below 60rem the links no longer fit in a row: they fold into a menu that opens without script. */
    .site-menu { display: none; margin-left: auto; }
    .site-menu summary { cursor: pointer; padding: .35rem .9rem; border: 1px solid var(--field); border-radius: 6px; font-weight: 600; }
    .menu-panel { position: absolute; right: .75rem; top: 100%; z-index: 5; width: min(20rem, calc(100vw - 1.5rem)); background: var(--bg);
      border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 8px 24px var(--shadow); padding: .5rem 1rem 1rem; }
    .menu-panel li a { display: block; padding: .45rem 0; }
    .menu-panel .account { margin: .5rem 0 0; padding-top: .5rem; border-top: 1px solid var(--line); }
    @media (max-width: 60rem) {
      .site-nav, .site-header > .account { display: none; }
      .site-menu { display: block; }
    }
    main { max-width: 64rem; margin: 0 auto; padding: var(--space-4) 1.25rem var(--space-5); }
    .site-footer { border-top: 1px solid var(--line); padding: 1rem 1.25rem; color: var(--muted); font-size: .9rem; }
    h1 { font-size: var(--step-3); line-height: 1.2; letter-spacing: -.01em; margin: 0 0 var(--space-3); overflow-wrap: anywhere; }
    h2 { font-size: var(--step-2); line-height: 1.25; margin: var(--space-4) 0 var(--space-2); }
    h3 { font-size: var(--step-1); margin: var(--space-3) 0 var(--space-2); }
    .lead { font-size: var(--step-1); color: var(--muted); }
    .field { margin: 0 0 1rem; display: flex; flex-direction: column; gap: .25rem; max-width: 32rem; }
    .field label { font-weight: 600; }
    .hint { margin: 0; color: var(--muted); font-size: .9rem; }
    .error-text { margin: 0; color: var(--error); font-weight: 600; }
    .field-error input { border-color: var(--error); border-width: 2px; }
    input, select, textarea { font: inherit; padding: .5rem; border: 1px solid var(--field); border-radius: 4px; background: var(--bg); color: var(--ink); }
    /* A fieldset is as wide as its widest content by default, which pushes a phone's page sideways. */
    fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1rem; max-width: 32rem; min-width: 0; }
    input, select, textarea { max-width: 100%; }
    .choice { display: flex; gap: .5rem; align-items: center; margin: .25rem 0; }
    .button { font: inherit; cursor: pointer; border-radius: 6px; padding: .5rem 1rem; border: 2px solid var(--accent); display: inline-block;
      text-decoration: none; font-weight: 600; }
    .button.primary { background: var(--accent); color: var(--accent-ink); }
    /* The primary action stands out; secondary ones are quiet. */
    .button.secondary { background: transparent; color: var(--accent); border-color: var(--line); }
    .button:disabled { opacity: .6; cursor: not-allowed; }
    .button.danger { background: transparent; color: var(--error); border-color: var(--error); }
    .pre-line { white-space: pre-line; }
    .button.link { background: none; border: none; color: var(--accent); text-decoration: underline; padding: .25rem; }
    .flash { padding: .75rem 1rem; border-radius: 4px; border-left: 4px solid var(--ok); background: var(--ok-soft); }
    .flash-error { border-left-color: var(--error); background: var(--error-soft); }
    .notice { padding: .25rem 1rem .75rem; margin: 0 0 1rem; border-radius: 4px; border-left: 4px solid var(--accent); background: var(--soft); }
    .error-summary { border: 3px solid var(--error); padding: .5rem 1rem; margin-bottom: 1.5rem; border-radius: 4px; }
    .error-summary h2 { font-size: 1.1rem; margin: .25rem 0; }
    .cards { list-style: none; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
    .card { border: 1px solid var(--line); border-radius: 10px; padding: var(--space-3); background: var(--raised); box-shadow: 0 1px 3px var(--shadow); }
    .card h3 { margin: 0 0 .25rem; font-size: 1.1rem; }
    .meta { color: var(--muted); font-size: .95rem; margin: .25rem 0; }
    table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
    th, td { text-align: left; padding: .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    td form { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; margin: 0; }
    .preferences th, .preferences td { padding: .5rem .3rem; }
    .preferences td, .preferences thead th + th { text-align: center; }
    /* The narrowest phones (360 px) fit the grid's four columns only with smaller type. */
    @media (max-width: 30rem) {
      .preferences { font-size: .85rem; }
      .preferences th, .preferences td { padding: .4rem .15rem; }
      .preferences th { hyphens: auto; overflow-wrap: anywhere; }
    }
    pre.brief { white-space: pre-wrap; font-family: inherit; }
    p.lines { white-space: pre-wrap; overflow-wrap: anywhere; }
    .secret { font-family: ui-monospace, monospace; background: var(--soft); padding: .5rem; word-break: break-all; border: 1px dashed var(--accent); }
    .tag { display: inline-block; border: 1px solid var(--line); border-radius: 999px; padding: 0 .5rem; font-size: .85rem; margin: .1rem; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
    .facts dt { font-weight: 600; }
    .facts dd { margin: 0; }
    /* On a phone a long term beside its value would push the page sideways: each value goes under its term. */
    @media (max-width: 30rem) { .facts { grid-template-columns: minmax(0, 1fr); gap: 0; } .facts dd { margin-bottom: .5rem; } }
    .panel { border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 8px; background: var(--raised);
      padding: var(--space-2) var(--space-3) var(--space-3); margin: var(--space-3) 0; }
    .actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
    .actions form { margin: 0; }
    fieldset.row { border-style: dashed; }
    .inline-list { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding-left: 1.2rem; }
    .brief h2, .brief h3, .brief h4 { margin-top: 1rem; }
    .board { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 1rem; }
    .board section { background: var(--soft); border-radius: 6px; padding: .75rem; }
    .board h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
    .board ul, .checklist, .thread { list-style: none; margin: 0; padding: 0; }
    .board li { background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: .5rem; margin-bottom: .5rem; }
    .checklist li { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .35rem 0; border-bottom: 1px solid var(--line); }
    .thread li { border-bottom: 1px solid var(--line); padding: .5rem 0; white-space: pre-wrap; }
    .late { color: var(--error); font-weight: 600; }
    .done { color: var(--ok); font-weight: 600; }
    /* The brief editor: the step's form beside what publishing needs on wide screens, followed by it on narrow ones. */
    .editor { display: grid; gap: 0 var(--space-4); grid-template-columns: minmax(0, 1fr) 19rem; align-items: start; }
    .editor-side .panel { margin-top: 0; }
    @media (max-width: 60rem) { .editor { grid-template-columns: minmax(0, 1fr); } }
    .steps { list-style: none; padding: 0; margin: 0 0 var(--space-3); display: flex; flex-wrap: wrap; gap: .4rem; }
    .steps a, .steps span { display: inline-block; padding: .3rem .8rem; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; }
    .steps [aria-current] { background: var(--accent); color: var(--accent-ink); border-color: var(--accent); font-weight: 600; }
    .steps .later { color: var(--muted); }
    .todo { border-left: 4px solid var(--accent); background: var(--soft); padding: .25rem 1rem .75rem; margin: 0 0 1.5rem; border-radius: 4px; }
    .todo ul { margin: 0; padding-left: 1.2rem; }
    .todo li { margin: .25rem 0; }
    /* A phone has no room for a table's columns: each row becomes a block and each cell says
       which column it is from (data-label), instead of the page scrolling sideways. A grid of
       choices (.choices) keeps its columns: its headings are the choices. */
    @media (max-width: 40rem) {
      main table:not(.choices) thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      main table:not(.choices), main table:not(.choices) :is(tbody, tfoot, tr, th, td) { display: block; width: 100%; }
      main table:not(.choices) tr { border-bottom: 1px solid var(--line); padding: .5rem 0; }
      main table:not(.choices) :is(th, td) { border: 0; padding: .1rem 0; overflow-wrap: anywhere; }
      main table:not(.choices) td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
    }
    .next-step { border-left: 4px solid var(--accent); background: var(--soft); padding: .75rem 1rem; margin: 0 0 1.5rem; }
    .sub-nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0 0 1.25rem; padding: 0; }
    .sub-nav a[aria-current] { font-weight: 700; }
    .agreement-text { border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; }
    .fingerprint { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
    /* Job kinds, errors and inputs are long unbroken words: they break anywhere, and a table
       still wider than a phone scrolls inside its own region instead of widening the page. */
    .jobs td { overflow-wrap: anywhere; }
    .scroll { overflow-x: auto; position: relative; }
    @media print { .site-header, .site-footer, .sub-nav, .no-print { display: none; } .agreement-text { border: 0; padding: 0; } }
    """
}
