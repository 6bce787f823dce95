// MathJax 3 configuration, and MathJax loaded only on pages that have math: the engine
// (assets/mathjax/tex-mml-chtml.js, a copy of MathJax 3.2.2 that the build hook takes
// from the django-static-mathjax package, 1.15 MB) is not fetched for pages without it.
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

// Where this script is, MathJax is at ../assets/mathjax/ (both in the built site).
const nnmathMathJaxSrc = new URL(
  "../assets/mathjax/tex-mml-chtml.js", document.currentScript.src).href;

// Whether the page's article has TeX to typeset: delimiters in its text, outside code.
function nnmathPageHasMath() {
  const root = document.querySelector("article") || document.body;
  if (root.querySelector(".arithmatex")) return true;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      return node.parentElement.closest("pre, code, script, style, textarea, .tex2jax_ignore")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/\$|\\\(|\\\[/.test(node.data)) return true;
  }
  return false;
}

// Material's instant navigation swaps the page content without reloading. On each page:
// load MathJax the first time a page has math (its start-up typesets that page), and
// typeset the new content on later pages. A page MathJax's start-up typeset is not
// typeset again: that would also typeset the hidden assistive MathML that MathJax adds,
// nesting a second copy of every formula.
let nnmathMathJaxLoading = false;
document$.subscribe(() => {
  const mj = window.MathJax;
  if (!nnmathMathJaxLoading) {
    if (!nnmathPageHasMath()) return;
    nnmathMathJaxLoading = true;
    const script = document.createElement("script");
    script.src = nnmathMathJaxSrc;
    script.async = true;
    document.head.appendChild(script);
    return;
  }
  if (!mj || !mj.startup || !mj.startup.promise) {
    return; // MathJax failed to load, or is still loading: its start-up typesets the page.
  }
  mj.startup.promise = mj.startup.promise.then(() => {
    mj.startup.output.clearCache();
    mj.typesetClear();
    mj.texReset();
    return mj.typesetPromise();
  });
});
