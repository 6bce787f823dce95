// Copy buttons of notebook code cells. mkdocs-jupyter inlines the <clipboard-copy>
// element and this listener in every notebook page; the build hook removes both and the
// site loads them once (assets/javascripts/clipboard-copy.js, this file), so instant
// navigation does not define the element twice.
(function () {
  if (window.__nnmathClipboardNotice) return;
  window.__nnmathClipboardNotice = true;
  document.addEventListener("clipboard-copy", function (event) {
    const notice = event.target.querySelector(".notice");
    if (!notice) return;
    notice.hidden = false;
    setTimeout(function () { notice.hidden = true; }, 1000);
  });
})();

// Regions that scroll sideways (wide code, output and formulas) can be reached and
// scrolled with the keyboard: each one that overflows becomes a tab stop; one that fits
// is not a tab stop at all. Runs on every page, also after instant navigation (Material's
// document$ announces each page; without it, once the page is loaded).
(function () {
  const selector = [
    ".jupyter-wrapper pre",
    ".jupyter-wrapper .jp-OutputArea-output",
    ".jupyter-wrapper .jp-RenderedLatex",
    ".md-typeset .arithmatex",
    "math[display='block']",
    ".nnmath-wide-table",
    ".md-typeset__scrollwrap",
  ].join(", ");
  function mark() {
    document.querySelectorAll(selector).forEach(function (el) {
      const scrolls = el.scrollWidth > el.clientWidth + 1;
      const inner = el.querySelector("[tabindex='0']");
      if (scrolls && !inner && !el.closest("[tabindex='0']:not(.nnmath-scroll)")) {
        el.setAttribute("tabindex", "0");
        el.classList.add("nnmath-scroll");
      } else if (!scrolls && el.classList.contains("nnmath-scroll")) {
        el.removeAttribute("tabindex");
        el.classList.remove("nnmath-scroll");
      }
    });
  }
  function setUp() {
    mark();
    // Formulas change width when the math font arrives.
    if (document.fonts) document.fonts.ready.then(mark);
  }
  // Once: the page's regions are looked up again on every resize.
  window.addEventListener("resize", mark);

  window.nnmathOnPage(setUp);
})();
