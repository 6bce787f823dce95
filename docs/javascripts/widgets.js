// Interactive figures (nnmath.widgets). Each <figure data-widget="KEY"> holds an empty
// SVG, labelled range inputs and a summary paragraph; this file draws the SVG and
// rewrites the summary whenever a slider moves. The formulas it evaluates are
// window.nnmath.formulas[KEY], printed by SymPy at build time
// (assets/javascripts/widget-formulas.js): no formula is written here.
// Material's instant navigation swaps pages without reloading, so the figures are
// set up on every page that Material's document$ observable announces.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var W = 480, H = 300, PAD = { left: 44, right: 14, top: 26, bottom: 34 };

  function formula(key) {
    var all = (window.nnmath && window.nnmath.formulas) || {};
    if (!all[key]) throw new Error("nnmath widgets: no formula " + key);
    return all[key].f;
  }

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function text(parent, x, y, content, attrs) {
    var node = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    node.textContent = content;
    return node;
  }

  function fmt(v, digits) {
    var s = Number(v).toFixed(digits === undefined ? 2 : digits);
    return s.replace("-", "\u2212").replace(/^\u22120(\.0+)?$/, "0$1");
  }

  function scale(lo, hi, a, b) {
    return function (v) { return a + (v - lo) / (hi - lo) * (b - a); };
  }

  // Axes with integer ticks; returns the x and y scales.
  function axes(g, xlim, ylim, labels, yticks, xticks) {
    var sx = scale(xlim[0], xlim[1], PAD.left, W - PAD.right);
    var sy = scale(ylim[0], ylim[1], H - PAD.bottom, PAD.top);
    el("rect", { x: PAD.left, y: PAD.top, width: W - PAD.left - PAD.right,
      height: H - PAD.top - PAD.bottom, class: "frame" }, g);
    if (xticks === undefined) {
      xticks = [];
      for (var t = Math.ceil(xlim[0]); t <= xlim[1]; t += 1) xticks.push(t);
    }
    xticks.forEach(function (t) {
      el("line", { x1: sx(t), x2: sx(t), y1: H - PAD.bottom, y2: H - PAD.bottom + 4, class: "tick" }, g);
      text(g, sx(t), H - PAD.bottom + 16, fmt(t, 0), { class: "label", "text-anchor": "middle" });
    });
    (yticks || []).forEach(function (t) {
      el("line", { x1: PAD.left - 4, x2: PAD.left, y1: sy(t), y2: sy(t), class: "tick" }, g);
      text(g, PAD.left - 7, sy(t) + 4, fmt(t, t % 1 ? 1 : 0), { class: "label", "text-anchor": "end" });
    });
    text(g, W - PAD.right, H - 4, labels[0], { class: "label", "text-anchor": "end" });
    // The y-axis name sits above the frame, clear of the top tick's number.
    text(g, PAD.left, PAD.top - 9, labels[1], { class: "label" });
    return [sx, sy];
  }

  function path(points) {
    return points.map(function (p, i) { return (i ? "L" : "M") + p[0].toFixed(2) + " " + p[1].toFixed(2); }).join(" ");
  }

  // The data points, class 0 as circles and class 1 as crosses, each one the prediction gets
  // wrong ringed; returns how many it gets right. px: data -> SVG coordinates.
  function labelledPoints(g, config, px, predict) {
    var right = 0;
    config.points.forEach(function (p, i) {
      var q = px(p), label = config.labels[i];
      if (label === 1) el("path", { d: "M" + (q[0] - 4) + " " + (q[1] - 4) + " L" + (q[0] + 4) + " " + (q[1] + 4) + " M" + (q[0] - 4) + " " + (q[1] + 4) + " L" + (q[0] + 4) + " " + (q[1] - 4), class: "class1" }, g);
      else el("circle", { cx: q[0], cy: q[1], r: 4, class: "class0" }, g);
      if (predict(p) === label) right += 1;
      else el("circle", { cx: q[0], cy: q[1], r: 8, class: "wrong" }, g);
    });
    return right;
  }

  // ------------------------------------------------------------------ the figures

  var DRAW = {};

  DRAW["sigmoid-affine"] = function (g, v, config) {
    var f = formula("sigmoid-affine");
    var xlim = config.xlim, s = axes(g, xlim, [0, 1], ["x", "σ(wx + b)"], [0, 0.5, 1]);
    el("line", { x1: s[0](xlim[0]), x2: s[0](xlim[1]), y1: s[1](0.5), y2: s[1](0.5), class: "guide" }, g);
    function curve(weight, bias) {
      var pts = [];
      for (var i = 0; i <= 160; i += 1) {
        var x = xlim[0] + (xlim[1] - xlim[0]) * i / 160;
        pts.push([x, f(weight, bias, x)]);
      }
      return pts;
    }
    var ref = config.reference;
    el("path", { d: path(curve(ref.w, ref.b).map(function (p) { return [s[0](p[0]), s[1](p[1])]; })), class: "reference" }, g);
    var pts = curve(v.w, v.b);
    el("path", { d: path(pts.map(function (p) { return [s[0](p[0]), s[1](p[1])]; })), class: "curve" }, g);
    var first = pts[0][1], last = pts[pts.length - 1][1];
    var crossing = null;
    for (var i = 1; i < pts.length && crossing === null; i += 1) {
      var u = pts[i - 1][1] - 0.5, u2 = pts[i][1] - 0.5;
      if (u === 0) crossing = pts[i - 1][0];
      else if (u * u2 < 0) crossing = pts[i - 1][0] + (pts[i][0] - pts[i - 1][0]) * u / (u - u2);
    }
    if (crossing !== null) el("circle", { cx: s[0](crossing), cy: s[1](0.5), r: 4, class: "marker" }, g);
    var where = "w = " + fmt(v.w, 1) + ", b = " + fmt(v.b, 1) + ": σ(wx + b) ";
    if (Math.abs(last - first) < 1e-9) return where + "is constant at " + fmt(first, 3) + " (no transition: the weight is 0).";
    var trend = last > first ? "rises" : "falls";
    var cross = crossing === null ? "; it does not reach one half in the window." : "; it crosses one half near x = " + fmt(crossing) + ".";
    return where + trend + " from " + fmt(first, 3) + " at x = " + fmt(xlim[0], 0) + " to " + fmt(last, 3) + " at x = " + fmt(xlim[1], 0) + cross;
  };

  DRAW["bowl-descent"] = function (g, v, config) {
    var cost = formula("bowl-cost"), grad = formula("bowl-gradient");
    var xlim = config.xlim, ylim = config.ylim;
    var s = axes(g, xlim, ylim, ["w1", "w2"], [-1, 0, 1, 2]);
    // Shading: the cost on a grid, in bands (darker is lower).
    var nx = 40, ny = 32, values = [], lo = Infinity, hi = -Infinity;
    for (var j = 0; j < ny; j += 1) for (var i = 0; i < nx; i += 1) {
      var c = cost(xlim[0] + (i + 0.5) * (xlim[1] - xlim[0]) / nx, ylim[0] + (j + 0.5) * (ylim[1] - ylim[0]) / ny);
      values.push(c); lo = Math.min(lo, c); hi = Math.max(hi, c);
    }
    var shade = el("g", { class: "shade" }, g);
    var cw = (W - PAD.left - PAD.right) / nx, ch = (H - PAD.top - PAD.bottom) / ny;
    values.forEach(function (c, k) {
      var band = Math.floor(10 * Math.sqrt((c - lo) / (hi - lo + 1e-300)));
      el("rect", { x: (PAD.left + (k % nx) * cw).toFixed(2), y: (H - PAD.bottom - (Math.floor(k / nx) + 1) * ch).toFixed(2),
        width: (cw + 0.3).toFixed(2), height: (ch + 0.3).toFixed(2), "fill-opacity": (0.45 - 0.04 * Math.min(band, 10)).toFixed(2) }, shade);
    });
    var w = [v.w1, v.w2], iterates = [w], rose = false;
    for (var k = 0; k < config.steps; k += 1) {
      var d = grad(w[0], w[1]);
      var next = [w[0] - v.eta * d[0], w[1] - v.eta * d[1]];
      if (cost(next[0], next[1]) > cost(w[0], w[1])) rose = true;
      iterates.push(next); w = next;
    }
    var clip = function (p) { return [Math.max(-1e4, Math.min(1e4, s[0](p[0]))), Math.max(-1e4, Math.min(1e4, s[1](p[1])))]; };
    el("path", { d: path(iterates.map(clip)), class: "iterates" }, g);
    iterates.forEach(function (p, k) {
      var q = clip(p);
      el("circle", { cx: q[0].toFixed(2), cy: q[1].toFixed(2), r: k ? 2.5 : 4.5, class: k ? "iterate" : "start" }, g);
    });
    var c0 = cost(iterates[0][0], iterates[0][1]), cn = cost(w[0], w[1]);
    var verdict = cn > c0 ? "the cost grew: the iterates jump out of the bowl (the learning rate is above the stable bound " + fmt(config.stable, 3) + ")."
      : rose ? "the cost fell overall but rose at some steps: the iterates overshoot across the valley."
      : "the cost fell at every step.";
    return "η = " + fmt(v.eta) + ", start (" + fmt(v.w1, 1) + ", " + fmt(v.w2, 1) + "): after " + config.steps +
      " steps the cost went from " + c0.toPrecision(3) + " to " + cn.toPrecision(3) + "; " + verdict;
  };

  DRAW["perceptron"] = function (g, v, config) {
    var score = formula("perceptron-score"), normal = formula("perceptron-normal");
    var lim = config.lim, s = axes(g, lim, lim, ["x1", "x2"], [-1, 0, 1]);
    var sc = function (p) { return score(v.w1, v.w2, v.b, p[0], p[1]); };
    var box = [[lim[0], lim[0]], [lim[1], lim[0]], [lim[1], lim[1]], [lim[0], lim[1]]];
    // The half-plane score >= 0 clipped to the box, and the line's ends on the box edges
    // (the score is affine, so it is exactly linear along each edge).
    var region = [], ends = [];
    box.forEach(function (p, i) {
      var q = box[(i + 1) % 4], a = sc(p), b = sc(q);
      if (a >= 0) region.push(p);
      if (a === 0) ends.push(p);
      else if (b !== 0 && (a < 0) !== (b < 0)) {
        var t = a / (a - b), m = [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
        region.push(m); ends.push(m);
      }
    });
    var px = function (p) { return [s[0](p[0]), s[1](p[1])]; };
    if (region.length) el("path", { d: path(region.map(px)) + " Z", class: "half-plane" }, g);
    var n = normal(v.w1, v.w2, v.b, 0, 0), len = Math.hypot(n[0], n[1]);
    if (len > 0 && ends.length >= 2) {
      ends = [ends[0], ends[ends.length - 1]];
      el("path", { d: path(ends.map(px)), class: "boundary" }, g);
      if (len > 0) {
        var mid = [(ends[0][0] + ends[1][0]) / 2, (ends[0][1] + ends[1][1]) / 2];
        var tip = [mid[0] + 0.45 * n[0] / len, mid[1] + 0.45 * n[1] / len];
        var a = px(mid), b = px(tip), ux = (b[0] - a[0]) / 36, uy = (b[1] - a[1]) / 36;
        el("path", { d: path([a, b]), class: "arrow" }, g);
        el("path", { d: path([[b[0] - 8 * ux + 5 * uy, b[1] - 8 * uy - 5 * ux], b, [b[0] - 8 * ux - 5 * uy, b[1] - 8 * uy + 5 * ux]]), class: "arrow" }, g);
      }
    }
    var right = labelledPoints(g, config, px, function (p) { return sc(p) >= 0 ? 1 : 0; });
    var where = "w = (" + fmt(v.w1, 1) + ", " + fmt(v.w2, 1) + "), b = " + fmt(v.b, 1) + ": ";
    if (len === 0) where += "with w = 0 there is no line and every point gets step(b). ";
    else if (ends.length < 2) where += "the line misses the plotted square. ";
    return where + right + " of " + config.points.length + " points are on their class's side.";
  };

  DRAW["softmax"] = function (g, v) {
    var p = formula("softmax")(v.z1, v.z2, v.z3);
    var s = axes(g, [0, 3], [0, 1], ["", "probability"], [0, 0.5, 1], []);
    var width = (s[0](1) - s[0](0)) * 0.6;
    p.forEach(function (pk, k) {
      var x = s[0](k + 0.5);
      el("rect", { x: (x - width / 2).toFixed(2), y: s[1](pk).toFixed(2), width: width.toFixed(2),
        height: (s[1](0) - s[1](pk)).toFixed(2), class: "bar" }, g);
      text(g, x, s[1](pk) - 5, fmt(pk, 3), { class: "label", "text-anchor": "middle" });
      text(g, x, H - PAD.bottom + 16, "p" + (k + 1), { class: "label", "text-anchor": "middle" });
    });
    var best = p.indexOf(Math.max.apply(null, p));
    return "z = (" + [v.z1, v.z2, v.z3].map(function (z) { return fmt(z, 1); }).join(", ") + "): p = (" +
      p.map(function (pk) { return fmt(pk, 3); }).join(", ") + "), which add up to 1; the largest is p" + (best + 1) + ".";
  };

  // The network's regions at one saved point of training: each cell of a grid over the
  // unit square is shaded by the larger of the two outputs F(x) (A: the first, B: the second).
  DRAW["land-boundary"] = function (g, v, config) {
    var F = formula("land-network");
    var snap = config.snapshots[v.snapshot], params = snap.params;
    var s = axes(g, [0, 1], [0, 1], ["x1", "x2"], [0, 0.5, 1], [0, 1]);
    var n = 40, cell = 1 / n;
    var regions = el("g", { class: "regions", "shape-rendering": "crispEdges" }, g);
    for (var i = 0; i < n; i += 1) {
      for (var j = 0; j < n; j += 1) {
        var out = F.apply(null, [(i + 0.5) * cell, (j + 0.5) * cell].concat(params));
        var x0 = s[0](i * cell), y0 = s[1]((j + 1) * cell);
        el("rect", { x: x0.toFixed(2), y: y0.toFixed(2),
          width: (s[0]((i + 1) * cell) - x0 + 0.3).toFixed(2),
          height: (s[1](j * cell) - y0 + 0.3).toFixed(2),
          class: out[0] >= out[1] ? "region-a" : "region-b" }, regions);
      }
    }
    var right = labelledPoints(g, config, function (p) { return [s[0](p[0]), s[1](p[1])]; },
      function (p) { var out = F.apply(null, p.concat(params)); return out[0] >= out[1] ? 0 : 1; });
    return "After " + snap.steps.toLocaleString("en") + " steps of SGD: " + right + " of " +
      config.points.length + " points are in their category's region.";
  };

  // ---------------------------------------------------------------- wiring

  function setUp(root) {
    if (root.dataset.nnmathReady) return;
    var draw = DRAW[root.dataset.widget];
    if (!draw) throw new Error("nnmath widgets: unknown figure " + root.dataset.widget);
    var config = JSON.parse(root.dataset.config || "{}");
    var svg = root.querySelector("svg.nnmath-widget-plot");
    var summary = root.querySelector(".nnmath-widget-summary");
    var inputs = Array.prototype.slice.call(root.querySelectorAll("input[type=range]"));
    function update() {
      var values = {};
      inputs.forEach(function (input) {
        values[input.dataset.arg] = Number(input.value);
        var shown = root.querySelector('output[for="' + input.id + '"]');
        var names = config.shown && config.shown[input.dataset.arg];
        if (shown && names) shown.textContent = names[Number(input.value)];
        else if (shown) shown.textContent = fmt(input.value, input.step.indexOf(".") >= 0 ? input.step.split(".")[1].length : 0);
      });
      var old = svg.querySelector("g.drawing");
      var g = el("g", { class: "drawing" });
      var said = draw(g, values, config);
      if (old) svg.replaceChild(g, old); else svg.appendChild(g);
      summary.textContent = said;
    }
    inputs.forEach(function (input) { input.addEventListener("input", update); });
    update();
    root.dataset.nnmathReady = "true";
  }

  function setUpAll() {
    document.querySelectorAll("[data-widget]").forEach(setUp);
  }

  window.nnmathOnPage(setUpAll);
})();
