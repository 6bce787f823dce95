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
