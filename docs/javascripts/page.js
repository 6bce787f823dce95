// window.nnmathOnPage(setUp): runs setUp on every page. Material's instant navigation swaps
// pages without reloading and announces each one on its document$ observable; without it,
// setUp runs once the document has loaded. Loaded before the site's other scripts, which
// set themselves up through it.
(function () {
  "use strict";
  window.nnmathOnPage = function (setUp) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(setUp);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setUp);
    } else {
      setUp();
    }
  };
})();
