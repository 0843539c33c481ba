// The in-page checks of a page that is not a module (the glossary, ...), shared by the Chromium
// tour (tests/browser/tour.py) and the Firefox ESR runner (tour.mjs): it has its title, it is
// readable at once (before any Python), whether it starts Python (the worksheets do), and its links
// into the lessons, to follow one of them.
() => ({
  title: (document.querySelector("main h1") || {}).textContent || "",
  paragraphs: document.querySelectorAll("main p, main dd").length,
  python: !!document.querySelector("script[src*='loader.js']"),
  lessonLinks: [...document.querySelectorAll("main a[href]")]
    .map((a) => a.getAttribute("href")).filter((href) => /^\.\.\/m\d[\w-]*\/index\.html#[\w-]+$/.test(href))
})
