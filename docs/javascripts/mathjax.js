// MathJax 3 configuration. Loaded before assets/mathjax/tex-mml-chtml.js (a copy of
// MathJax 3.2.2 that the build hook takes from the django-static-mathjax package).
//
// Typesets both kinds of math on the site:
//  - Markdown pages: pymdownx.arithmatex (generic) emits \( \) and \[ \] in
//    <span class="arithmatex">;
//  - notebook pages: nbconvert leaves $ $ and $$ $$ as written in markdown cells, and
//    IPython.display.Math / Latex outputs arrive as $$ ... $$ (or $\displaystyle ...$).
// Code (<pre>, <code>), the search box and the navigation are never typeset; add the
// class "tex2jax_ignore" to an element to keep a literal $ in it.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    skipHtmlTags: [
      "script", "noscript", "style", "textarea", "pre", "code",
      "annotation", "annotation-xml",
    ],
    ignoreHtmlClass: "tex2jax_ignore|clipboard-copy-txt|md-search|md-nav",
    processHtmlClass: "tex2jax_process|arithmatex",
  },
};

// Material's instant navigation swaps the page content without reloading: typeset the
// new content each time. The first emission is the page MathJax's own start-up
// typesets; typesetting it again would also typeset the hidden assistive MathML that
// MathJax adds, nesting a second copy of every formula, so it is skipped.
let nnmathFirstPage = true;
document$.subscribe(() => {
  if (nnmathFirstPage) {
    nnmathFirstPage = false;
    return;
  }
  const mj = window.MathJax;
  if (!mj || !mj.startup || !mj.startup.promise) {
    return; // MathJax failed to load: leave the TeX source readable.
  }
  mj.startup.promise = mj.startup.promise.then(() => {
    mj.startup.output.clearCache();
    mj.typesetClear();
    mj.texReset();
    return mj.typesetPromise();
  });
});
