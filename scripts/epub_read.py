"""Read the pages of the built site in headless Chromium for the EPUB (scripts/epub.py).

Each page is opened as a reader would see it once its scripts have run: the interactive
figures (whose SVG is drawn by script) are taken in their initial state, with the colours
they have on screen written into the drawing. What only makes sense with script or on the
site is turned into plain XHTML before the page is serialized (XMLSerializer gives
well-formed XHTML, MathML and SVG in their namespaces):

* navigation, header links, copy buttons and download buttons are dropped;
* a slider becomes a line with its label and its value;
* every tab of a tab block is shown, under its label;
* a folded block (``<details>``) is shown, its summary as its title; the worked solution
  of an exercise moves to a "Solutions" section at the end of the page, reached by a
  link from the exercise, with a link back;
* links and images are made absolute (the EPUB writer maps them into the book).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The drawing properties copied from the screen into the elements of an inline SVG (the
# widgets colour their lines with the site's stylesheet, which the book does not carry),
# with their initial values.
SVG_PROPERTIES = {
    "fill": "rgb(0, 0, 0)",
    "fill-opacity": "1",
    "stroke": "none",
    "stroke-width": "1px",
    "stroke-dasharray": "none",
    "stroke-opacity": "1",
    "opacity": "1",
    "font-size": "16px",
    "font-style": "normal",
    "font-weight": "400",
    "text-anchor": "start",
    "dominant-baseline": "auto",
}
# Every widget has drawn more than the title its SVG is served with.
WIDGETS_DRAWN = """() => [...document.querySelectorAll('.nnmath-widget svg')]
  .every((svg) => svg.childElementCount > 1)"""
EXTRACT_JS = """(properties) => {
  const content = document.querySelector('.md-content__inner')
    || document.querySelector('article') || document.body;
  // A value is written where it differs from what the element would have without the
  // site's stylesheet: its parent's (the properties are inherited, but opacity) or, at
  // the root of the drawing, SVG's initial value.
  for (const svg of content.querySelectorAll('.nnmath-widget svg')) {
    for (const el of [svg, ...svg.querySelectorAll('*')]) {
      if (['title', 'desc'].includes(el.localName)) continue;
      const style = getComputedStyle(el);
      const parent = el === svg ? null : getComputedStyle(el.parentElement);
      const declared = [];
      for (const [property, initial] of Object.entries(properties)) {
        const value = style.getPropertyValue(property);
        const without = parent && property !== 'opacity'
          ? parent.getPropertyValue(property) : initial;
        if (value !== without) declared.push(`${property}:${value}`);
      }
      if (declared.length) el.setAttribute('style', declared.join(';'));
      else el.removeAttribute('style');
    }
  }
  const text = (el) => el.textContent.replace(/\\s+/g, ' ').trim();
  const root = content.cloneNode(true);
  root.querySelectorAll([
    'script', 'style', 'link', 'noscript', 'template', '.headerlink', '.anchor-link',
    '.md-content__button', '.md-source-file', '.nnmath-downloads', '.nnmath-pdf-home',
    'clipboard-copy', '.zeroclipboard-container', '.md-clipboard', '.md-code__nav',
    '.jp-InputPrompt', '.jp-OutputPrompt', '.celltoolbar', '.jp-Collapser',
    'a[id^="__codelineno"]',
    // Answers are checked on the web page by script; a book keeps prompt, hint and solution.
    '.nnmath-exercise-form', '.nnmath-exercise-progress', '.nnmath-exercise-method',
  ].join(', ')).forEach((el) => el.remove());
  const make = (tag, cls, content) => {
    const el = document.createElement(tag);
    if (cls) el.className = cls;
    if (content !== undefined) el.append(content);
    return el;
  };
  // A slider: its label and the value it starts at.
  for (const slider of root.querySelectorAll('.nnmath-widget-slider')) {
    const label = slider.querySelector('label');
    const output = slider.querySelector('output');
    const input = slider.querySelector('input');
    const value = output ? text(output) : input ? input.value : '';
    slider.replaceWith(make('p', 'nnmath-widget-setting',
      `${label ? text(label) : ''}: ${value}`));
  }
  for (const el of root.querySelectorAll('input, button, select, textarea')) el.remove();
  // Scripts make wide formulas focusable (they scroll on screen); MathML has no tabindex.
  for (const el of root.querySelectorAll('math[tabindex]')) el.removeAttribute('tabindex');
  for (const el of root.querySelectorAll('label, output')) {
    const span = make('span', el.className);
    span.append(...el.childNodes);
    el.replaceWith(span);
  }
  // Tab blocks: every tab, each under its label.
  for (const set of root.querySelectorAll('.tabbed-set')) {
    const labels = [...set.querySelectorAll(':scope > .tabbed-labels > *')]
      .map(text);
    const blocks = [...set.querySelectorAll(':scope > .tabbed-content > .tabbed-block')];
    const tabs = make('div', 'nnmath-tabs');
    blocks.forEach((block, i) => {
      tabs.append(make('p', 'nnmath-tab-title', make('strong', '', labels[i] || '')));
      const body = make('div', 'nnmath-tab');
      body.append(...block.childNodes);
      tabs.append(body);
    });
    set.replaceWith(tabs);
  }
  // Folded blocks, innermost first; worked solutions of exercises go to the end.
  const solutions = [];
  for (const details of [...root.querySelectorAll('details')].reverse()) {
    const summary = details.querySelector(':scope > summary');
    const title = summary ? text(summary) : 'Details';
    if (summary) summary.remove();
    const box = make('div', `nnmath-details ${details.className}`.trim());
    const exercise = details.closest('.nnmath-exercise[id]');
    if (exercise && details.classList.contains('success')) {
      const head = exercise.querySelector('.nnmath-exercise-title');
      const match = head ? text(head).match(/^Exercise [0-9.]+/) : null;
      const name = match ? match[0] : 'the exercise';
      box.id = `solution-${exercise.id.replace(/^exercise-/, '')}`;
      box.append(make('h3', '', `${name}: ${title}`), ...details.childNodes);
      const back = make('a', '', `Back to ${name}`);
      back.href = `#${exercise.id}`;
      box.append(make('p', 'nnmath-back', back));
      const link = make('a', '', `${title} of ${name}`);
      link.href = `#${box.id}`;
      details.replaceWith(make('p', 'nnmath-solution-link', link));
      solutions.unshift(box);
      continue;
    }
    box.append(make('p', 'nnmath-details-title', make('strong', '', title)),
               ...details.childNodes);
    details.replaceWith(box);
  }
  if (solutions.length) {
    const section = make('section', 'nnmath-solutions');
    const heading = make('h2', '', 'Solutions');
    heading.id = root.querySelector('#solutions') ? 'nnmath-solutions' : 'solutions';
    section.append(heading, ...solutions);
    root.append(section);
  }
  // Absolute addresses; the EPUB writer maps them into the book.
  for (const a of root.querySelectorAll('a[href]')) a.setAttribute('href', a.href);
  for (const img of root.querySelectorAll('img[src]')) img.setAttribute('src', img.src);
  const h1 = root.querySelector('h1');
  return {
    title: h1 ? text(h1) : document.title,
    sections: [...root.querySelectorAll('h2[id]')].map((h) => [h.id, text(h)]),
    body: new XMLSerializer().serializeToString(root),
  };
}"""


@dataclass
class ReadPage:
    """One page of the site as the book takes it: its path in the site, its title, its
    sections (h2 id, heading) and its content as XHTML (one element)."""

    path: str
    title: str
    sections: list[tuple[str, str]]
    body: str


def read_pages(base: str, paths: list[str], chromium: str) -> list[ReadPage]:
    """Open each page ``base + path`` in headless Chromium and take its content."""
    from playwright.sync_api import sync_playwright

    pages = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            tab: Any = browser.new_page(viewport={"width": 1000, "height": 1000})
            for path in paths:
                tab.goto(base + path, wait_until="load")
                tab.wait_for_function(WIDGETS_DRAWN, timeout=30_000)
                tab.evaluate("document.fonts.ready.then(() => 1)")
                info = tab.evaluate(EXTRACT_JS, SVG_PROPERTIES)
                sections = [(str(a), str(t)) for a, t in info["sections"]]
                pages.append(ReadPage(path, str(info["title"]), sections, str(info["body"])))
        finally:
            browser.close()
    return pages
