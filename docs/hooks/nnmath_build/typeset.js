// Turns the TeX of built pages into MathML at build time, which the browser lays out
// itself: no math engine is loaded, no raw TeX is ever shown, and screen readers get the
// formula's structure from the MathML in the page.
//
// Usage: node typeset.js PAGE.html...
//   Rewrites, in place, each page whose <article> has math. Prints one JSON line per page,
//   {"page": ..., "formulas": N}, then one {"characters": "..."} line with every character
//   the formulas use (the build keeps only those glyphs of the math font). A TeX error (an
//   unknown macro, unbalanced braces) fails the run, naming the page and the formula.
//
// MathJax 3 (mathjax-full, pinned in package.json) finds and parses the TeX, with the
// delimiters and skipped elements in mathjax-options.json. Its MathML is then reduced to
// MathML Core, the part every current browser implements (see toMathMLCore).
"use strict";

const fs = require("fs");
const path = require("path");
const { JSDOM } = require("jsdom");
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { jsdomAdaptor } = require("mathjax-full/js/adaptors/jsdomAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AllPackages } = require("mathjax-full/js/input/tex/AllPackages.js");
const { SerializedMmlVisitor } = require("mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js");
const { STATE } = require("mathjax-full/js/core/MathItem.js");
const { mathCore, shownCharacters } = require("./mathml-core.js");

const options = JSON.parse(fs.readFileSync(path.join(__dirname, "mathjax-options.json"), "utf8"));
const adaptor = jsdomAdaptor(JSDOM);
RegisterHTMLHandler(adaptor);
const serializer = new SerializedMmlVisitor();

const ARTICLE = /(<article\b[^>]*>)([\s\S]*)(<\/article>)/;

/** The article's HTML with its TeX replaced by MathML, and the number of formulas. */
function typesetArticle(inner, page, characters) {
  const doc = mathjax.document(`<html><head></head><body>${inner}</body></html>`, {
    InputJax: new TeX({
      // Every package but bussproofs (it needs an output jax that measures boxes) and
      // noundefined (it would show an unknown macro in red instead of failing the build).
      packages: AllPackages.filter((name) => !["bussproofs", "noundefined"].includes(name)),
      ...options.tex,
    }),
    ...options.document,
  });
  doc.findMath().compile();
  const items = Array.from(doc.math);
  if (items.length === 0) return { count: 0, html: null };
  const dom = doc.document;
  const holder = dom.createElement("div");
  let count = 0;
  for (const item of items) {
    if (item.display === null) {
      // An escaped delimiter (\$): the literal character, as text.
      item.typesetRoot = dom.createTextNode(item.math);
      item.state(STATE.TYPESET);
      continue;
    }
    count += 1;
    holder.innerHTML = serializer.visitTree(item.root);
    const math = holder.firstElementChild;
    // A TeX error stops the build instead of leaving a red formula on the page.
    const error = math.querySelector("merror");
    if (error) {
      const why = error.getAttribute("data-mjx-error") || error.textContent;
      throw new Error(`${page}: TeX error in ${JSON.stringify(item.math)}: ${why}`);
    }
    mathCore(math);
    for (const ch of shownCharacters(math)) characters.add(ch);
    item.typesetRoot = math;
    item.state(STATE.TYPESET);
  }
  for (const item of items.reverse()) item.updateDocument(doc);
  return { count, html: dom.body.innerHTML };
}

function main(pages) {
  const characters = new Set();
  for (const page of pages) {
    const html = fs.readFileSync(page, "utf8");
    const match = ARTICLE.exec(html);
    let count = 0;
    if (match) {
      const out = typesetArticle(match[2], page, characters);
      count = out.count;
      if (out.html !== null) {
        const before = html.slice(0, match.index) + match[1];
        const after = match[3] + html.slice(match.index + match[0].length);
        fs.writeFileSync(page, before + out.html + after);
      }
    }
    process.stdout.write(JSON.stringify({ page, formulas: count }) + "\n");
  }
  process.stdout.write(JSON.stringify({ characters: [...characters].sort().join("") }) + "\n");
}

try {
  main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
