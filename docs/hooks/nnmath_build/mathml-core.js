// Reduces MathJax's MathML to MathML Core, the part of MathML that Chromium, Firefox and
// Safari lay out natively (https://www.w3.org/TR/mathml-core/):
//  - mathvariant other than "normal" (bold W, blackboard R, ...) becomes the Unicode
//    mathematical alphanumeric character, which is what Core renders;
//  - a table's columnalign, columnspacing and rowspacing become CSS on its cells;
//  - MathJax's own data-* attributes go;
//  - an element outside Core (menclose, mlabeledtr, ...) fails the build: it would not
//    render as written.
"use strict";

const CORE = new Set(
  ("math annotation annotation-xml semantics merror mfrac mi mmultiscripts mn mo mover " +
    "mpadded mphantom mprescripts mroot mrow ms mspace msqrt mstyle msub msubsup msup mtable " +
    "mtd mtext mtr munder munderover none").split(" "),
);

// First code point of A, a, 0, Greek capital Alpha and small alpha in each Unicode
// mathematical alphabet (Unicode block "Mathematical Alphanumeric Symbols").
const ALPHABETS = {
  bold: { A: 0x1d400, a: 0x1d41a, digit: 0x1d7ce, Alpha: 0x1d6a8, alpha: 0x1d6c2 },
  italic: { A: 0x1d434, a: 0x1d44e, Alpha: 0x1d6e2, alpha: 0x1d6fc },
  "bold-italic": { A: 0x1d468, a: 0x1d482, Alpha: 0x1d71c, alpha: 0x1d736 },
  "double-struck": { A: 0x1d538, a: 0x1d552, digit: 0x1d7d8 },
  script: { A: 0x1d49c, a: 0x1d4b6 },
  "bold-script": { A: 0x1d4d0, a: 0x1d4ea },
  fraktur: { A: 0x1d504, a: 0x1d51e },
  "sans-serif": { A: 0x1d5a0, a: 0x1d5ba, digit: 0x1d7e2 },
  "bold-sans-serif": { A: 0x1d5d4, a: 0x1d5ee, digit: 0x1d7ec, Alpha: 0x1d756, alpha: 0x1d770 },
  monospace: { A: 0x1d670, a: 0x1d68a, digit: 0x1d7f6 },
};
// Letters encoded before the block was made (the block leaves holes where they would be).
const HOLES = {
  italic: { h: "ℎ" },
  "double-struck": { C: "ℂ", H: "ℍ", N: "ℕ", P: "ℙ", Q: "ℚ", R: "ℝ", Z: "ℤ" },
  script: { B: "ℬ", E: "ℰ", F: "ℱ", H: "ℋ", I: "ℐ", L: "ℒ", M: "ℳ", R: "ℛ", e: "ℯ", g: "ℊ", o: "ℴ" },
  fraktur: { C: "ℭ", H: "ℌ", I: "ℑ", R: "ℜ", Z: "ℨ" },
};
// Greek symbols after omega in each Greek alphabet's run: ∇ before Alpha, then ∂ ϵ ϑ ϰ ϕ ϱ ϖ.
const GREEK_AFTER = "∂ϵϑϰϕϱϖ";

function mapChar(ch, variant) {
  const hole = HOLES[variant] && HOLES[variant][ch];
  if (hole) return hole;
  const base = ALPHABETS[variant];
  const c = ch.codePointAt(0);
  if (!base) return null;
  if (c >= 0x41 && c <= 0x5a && base.A) return String.fromCodePoint(base.A + c - 0x41);
  if (c >= 0x61 && c <= 0x7a && base.a) return String.fromCodePoint(base.a + c - 0x61);
  if (c >= 0x30 && c <= 0x39 && base.digit) return String.fromCodePoint(base.digit + c - 0x30);
  if (!base.Alpha) return null;
  // Capital Greek Α..Ω (0x391..0x3a9, with ϴ at 0x3a2's place) and the small letters.
  if (c >= 0x391 && c <= 0x3a9) return String.fromCodePoint(base.Alpha + c - 0x391);
  if (ch === "∇") return String.fromCodePoint(base.Alpha + 0x19);
  if (c >= 0x3b1 && c <= 0x3c9) return String.fromCodePoint(base.alpha + c - 0x3b1);
  const after = GREEK_AFTER.indexOf(ch);
  if (after >= 0) return String.fromCodePoint(base.alpha + 0x19 + after);
  return null;
}

/** Every character of ``text`` in the alphabet ``variant``, or null if one has none. */
function mapText(text, variant) {
  let out = "";
  for (const ch of text) {
    const mapped = mapChar(ch, variant);
    if (mapped === null) return null;
    out += mapped;
  }
  return out;
}

const CSS_VARIANT = {
  bold: "font-weight: bold",
  italic: "font-style: italic",
  "bold-italic": "font-weight: bold; font-style: italic",
};

function mathvariant(node) {
  const variant = node.getAttribute("mathvariant");
  if (!variant || variant === "normal") return;
  node.removeAttribute("mathvariant");
  const leaf = node.children.length === 0;
  const mapped = leaf && /^m[in]$/.test(node.localName) ? mapText(node.textContent, variant) : null;
  if (mapped !== null) {
    // The browser italicises a single-letter <mi> only for the plain Latin and Greek letters.
    node.textContent = mapped;
  } else if (CSS_VARIANT[variant]) {
    node.setAttribute("style", CSS_VARIANT[variant]);
  } else if (variant !== "normal") {
    throw new Error(`no MathML Core form for mathvariant="${variant}" on "${node.textContent}"`);
  }
}

/** The i-th entry of a MathML list attribute (the last one repeats). */
function nth(list, i) {
  return list.length === 0 ? null : list[Math.min(i, list.length - 1)];
}

function half(length) {
  const m = /^(-?[\d.]+)([a-z%]*)$/.exec(length);
  return m ? `${parseFloat(m[1]) / 2}${m[2] || "em"}` : null;
}

const ALIGN = { left: "left", right: "right", center: "center" };

function table(node) {
  const split = (name, fallback) =>
    (node.getAttribute(name) || fallback).trim().split(/\s+/).filter(Boolean);
  const align = split("columnalign", "center");
  const colSpace = split("columnspacing", "0.8em");
  const rowSpace = split("rowspacing", "1.0ex");
  for (const name of ["columnalign", "columnspacing", "rowspacing", "columnwidth", "width"]) {
    node.removeAttribute(name);
  }
  const rows = [...node.children].filter((r) => r.localName === "mtr");
  rows.forEach((row, r) => {
    const cells = [...row.children].filter((c) => c.localName === "mtd");
    const rowAlign = (row.getAttribute("columnalign") || "").split(/\s+/).filter(Boolean);
    row.removeAttribute("columnalign");
    cells.forEach((cell, c) => {
      const a = cell.getAttribute("columnalign") || nth(rowAlign, c) || nth(align, c);
      cell.removeAttribute("columnalign");
      const style = [`text-align: ${ALIGN[a] || "center"}`];
      const left = c > 0 ? half(nth(colSpace, c - 1)) : "0";
      const right = c < cells.length - 1 ? half(nth(colSpace, c)) : "0";
      const top = r > 0 ? half(nth(rowSpace, r - 1)) : "0";
      const bottom = r < rows.length - 1 ? half(nth(rowSpace, r)) : "0";
      style.push(`padding: ${top} ${right} ${bottom} ${left}`);
      cell.setAttribute("style", style.join("; "));
    });
  });
}

// Elements that make a row taller than a line of text (a fraction, a matrix, a root, a
// big operator with limits): only around those do \left and \right need a taller bracket.
const TALL = "mfrac, mtable, msqrt, mroot, munderover, munder, mover > mo[largeop]";

/**
 * \left( x \right) as TeX sets it: a bracket of the text's size when the contents are
 * no taller than text. (A browser stretches every stretchy bracket, and a stretched one
 * is set apart from its contents, so f(x) would read as f ( x ).)
 */
function fences(math) {
  for (const row of math.querySelectorAll('mrow[data-mjx-texclass="INNER"]')) {
    const ops = [...row.children].filter(
      (c) => c.localName === "mo" && /^(OPEN|CLOSE)$/.test(c.getAttribute("data-mjx-texclass") || ""),
    );
    if (ops.length === 0 || row.querySelector(TALL)) continue;
    for (const op of ops) op.setAttribute("stretchy", "false");
  }
}

/**
 * The thin space TeX puts after a function name (\log x, \max_k z_k): MathJax writes it as an
 * invisible function application (U+2061), which a browser sets with no space at all.
 * Before a bracket TeX leaves none either (\sin(x)), and so does this.
 */
function functionSpace(math) {
  for (const op of math.querySelectorAll("mo")) {
    if (op.textContent !== "\u2061") continue;
    const next = op.nextElementSibling;
    const cls = next ? next.getAttribute("data-mjx-texclass") || "" : "";
    const opens = next && (cls === "INNER" || cls === "OPEN" || /^[([{⟨|‖]/.test(next.textContent));
    if (next && !opens) op.setAttribute("rspace", "0.1667em");
  }
}

/**
 * An operator TeX treats as an ordinary symbol (\| and | as norm and absolute-value bars,
 * the slash of a/b) has no space around it; a browser would space it as a relation
 * (∥ "parallel to") or a binary operator, so ‖u‖ read as ‖ u ‖. Nor does it stretch.
 */
function ordinaryOperators(math) {
  for (const op of math.querySelectorAll("mo")) {
    const parent = op.parentElement;
    const alone = parent.localName === "mrow" && parent.children.length === 1;
    const ord = (el) => el.getAttribute("data-mjx-texclass") === "ORD";
    if (!ord(op) && !(alone && ord(parent))) continue;
    op.setAttribute("lspace", "0");
    op.setAttribute("rspace", "0");
    if (!op.hasAttribute("stretchy")) op.setAttribute("stretchy", "false");
  }
}

/** Rewrite the <math> element ``math`` in place as MathML Core. */
function mathCore(math) {
  fences(math);
  functionSpace(math);
  ordinaryOperators(math);
  math.removeAttribute("xmlns");
  // Whitespace between elements means nothing in MathML; the serializer's indentation goes.
  const TOKENS = new Set(["mi", "mn", "mo", "mtext", "ms", "annotation"]);
  const walker = math.ownerDocument.createTreeWalker(math, 4 /* NodeFilter.SHOW_TEXT */);
  const blank = [];
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!/\S/.test(t.data) && !TOKENS.has(t.parentNode.localName)) blank.push(t);
  }
  for (const t of blank) t.remove();
  for (const node of [math, ...math.querySelectorAll("*")]) {
    if (!CORE.has(node.localName)) {
      throw new Error(`<${node.localName}> is not MathML Core (in "${math.textContent}")`);
    }
    for (const attr of [...node.attributes]) {
      if (attr.name.startsWith("data-") || attr.name === "class") node.removeAttribute(attr.name);
    }
    mathvariant(node);
    if (node.localName === "mtable") table(node);
  }
}

/**
 * The characters a browser shows for ``math``: a one-letter <mi> is drawn in italic,
 * as the letter's mathematical italic character, which the font must then have too.
 */
function shownCharacters(math) {
  const out = new Set(math.textContent);
  // A root's radical sign is drawn from the font but is not in the text.
  if (math.querySelector("msqrt, mroot")) out.add("√");
  for (const mi of math.querySelectorAll("mi")) {
    const chars = [...mi.textContent];
    if (chars.length === 1 && !mi.hasAttribute("mathvariant")) {
      const italic = mapChar(chars[0], "italic");
      if (italic !== null) out.add(italic);
    }
  }
  return out;
}

module.exports = { mathCore, mapText, shownCharacters };
