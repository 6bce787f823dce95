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

  // Axes with integer ticks; returns the x and y scales. box (optional): the plotting
  // area {left, right, top, bottom} in SVG coordinates; the whole figure by default.
  function axes(g, xlim, ylim, labels, yticks, xticks, box) {
    box = box || { left: PAD.left, right: W - PAD.right, top: PAD.top, bottom: H - PAD.bottom };
    var sx = scale(xlim[0], xlim[1], box.left, box.right);
    var sy = scale(ylim[0], ylim[1], box.bottom, box.top);
    el("rect", { x: box.left, y: box.top, width: box.right - box.left,
      height: box.bottom - box.top, class: "frame" }, g);
    if (xticks === undefined) {
      xticks = [];
      for (var t = Math.ceil(xlim[0]); t <= xlim[1]; t += 1) xticks.push(t);
    }
    xticks.forEach(function (t) {
      el("line", { x1: sx(t), x2: sx(t), y1: box.bottom, y2: box.bottom + 4, class: "tick" }, g);
      text(g, sx(t), box.bottom + 16, fmt(t, 0), { class: "label", "text-anchor": "middle" });
    });
    (yticks || []).forEach(function (t) {
      el("line", { x1: box.left - 4, x2: box.left, y1: sy(t), y2: sy(t), class: "tick" }, g);
      text(g, box.left - 7, sy(t) + 4, fmt(t, t % 1 ? 1 : 0), { class: "label", "text-anchor": "end" });
    });
    text(g, box.right, box.bottom + PAD.bottom - 4, labels[0], { class: "label", "text-anchor": "end" });
    // The y-axis name sits above the frame, clear of the top tick's number.
    text(g, box.left, box.top - 9, labels[1], { class: "label" });
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
    var s = axes(g, xlim, ylim, ["ϑ1", "ϑ2"], [-1, 0, 1, 2]);
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

  // The half-plane where score >= 0, clipped to the box lim x lim, and the ends of the line
  // score = 0 on the box's edges (the score is affine, so it is exactly linear along each edge).
  function halfPlane(score, lim) {
    var box = [[lim[0], lim[0]], [lim[1], lim[0]], [lim[1], lim[1]], [lim[0], lim[1]]];
    var region = [], ends = [];
    box.forEach(function (p, i) {
      var q = box[(i + 1) % 4], a = score(p), b = score(q);
      if (a >= 0) region.push(p);
      if (a === 0) ends.push(p);
      else if (b !== 0 && (a < 0) !== (b < 0)) {
        var t = a / (a - b), m = [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
        region.push(m); ends.push(m);
      }
    });
    return { region: region, ends: ends.length >= 2 ? [ends[0], ends[ends.length - 1]] : [] };
  }

  // The perceptron with weights (w1, w2) and bias b over the box: the shaded half-plane where
  // it outputs 1, its line and its weight vector. Returns the length of w and the line's ends.
  function perceptronDrawing(g, px, lim, w1, w2, b) {
    var score = formula("perceptron-score"), normal = formula("perceptron-normal");
    var cut = halfPlane(function (p) { return score(w1, w2, b, p[0], p[1]); }, lim);
    if (cut.region.length) el("path", { d: path(cut.region.map(px)) + " Z", class: "half-plane" }, g);
    var n = normal(w1, w2, b, 0, 0), len = Math.hypot(n[0], n[1]), ends = cut.ends;
    if (len > 0 && ends.length) {
      el("path", { d: path(ends.map(px)), class: "boundary" }, g);
      var mid = [(ends[0][0] + ends[1][0]) / 2, (ends[0][1] + ends[1][1]) / 2];
      var tip = [mid[0] + 0.45 * n[0] / len, mid[1] + 0.45 * n[1] / len];
      var a = px(mid), c = px(tip), ux = (c[0] - a[0]) / 36, uy = (c[1] - a[1]) / 36;
      el("path", { d: path([a, c]), class: "arrow" }, g);
      el("path", { d: path([[c[0] - 8 * ux + 5 * uy, c[1] - 8 * uy - 5 * ux], c, [c[0] - 8 * ux - 5 * uy, c[1] - 8 * uy + 5 * ux]]), class: "arrow" }, g);
    }
    return { len: len, ends: ends };
  }

  DRAW["perceptron"] = function (g, v, config) {
    var score = formula("perceptron-score");
    var lim = config.lim, s = axes(g, lim, lim, ["x1", "x2"], [-1, 0, 1]);
    var px = function (p) { return [s[0](p[0]), s[1](p[1])]; };
    var drawn = perceptronDrawing(g, px, lim, v.w1, v.w2, v.b);
    var right = labelledPoints(g, config, px, function (p) { return score(v.w1, v.w2, v.b, p[0], p[1]) >= 0 ? 1 : 0; });
    var where = "w = (" + fmt(v.w1, 1) + ", " + fmt(v.w2, 1) + "), b = " + fmt(v.b, 1) + ": ";
    if (drawn.len === 0) where += "with w = 0 there is no line and every point gets step(b). ";
    else if (!drawn.ends.length) where += "the line misses the plotted square. ";
    return where + right + " of " + config.points.length + " points are on their class's side.";
  };

  // Chapter 2: the learning rule replayed in the package's order (train_perceptron: rows in
  // order, epoch after epoch, from config.initial), with the printed prediction and update.
  // Each update records the epoch, the point's row, the prediction and the weights (b, w1, w2)
  // before and after. The page refuses a replay that disagrees with the package's counts.
  function perceptronRun(config) {
    if (config.run) return config.run;
    var predict = formula("perceptron-prediction"), update = formula("perceptron-update");
    var w = config.initial.slice(), steps = [], mistakes = [];
    for (var epoch = 1; epoch <= config.max_epochs; epoch += 1) {
      var count = 0;
      for (var i = 0; i < config.points.length; i += 1) {
        var p = config.points[i], y = config.labels[i], yHat = predict(w[0], w[1], w[2], p[0], p[1]);
        if (yHat === y) continue;
        var next = update(w[0], w[1], w[2], p[0], p[1], y, config.eta);
        count += 1;
        steps.push({ epoch: epoch, row: i, predicted: yHat, before: w, after: next, inEpoch: count });
        w = next;
      }
      mistakes.push(count);
      if (count === 0) break;
    }
    if (steps.length !== config.updates || mistakes.join() !== config.mistakes.join())
      throw new Error("nnmath widgets: the page's perceptron run (mistakes " + mistakes.join() +
        ") differs from the package's (" + config.mistakes.join() + ")");
    config.run = steps;
    return steps;
  }

  DRAW["perceptron-steps"] = function (g, v, config) {
    var steps = perceptronRun(config), k = v.update, predict = formula("perceptron-prediction");
    var step = k > 0 ? steps[k - 1] : null, w = step ? step.after : config.initial;
    var lim = config.lim, s = axes(g, lim, lim, ["x1", "x2"], [-1, 0, 1]);
    var px = function (p) { return [s[0](p[0]), s[1](p[1])]; };
    perceptronDrawing(g, px, lim, w[1], w[2], w[0]);
    if (step) {
      var score = formula("perceptron-score"), b = step.before;
      var ends = halfPlane(function (p) { return score(b[1], b[2], b[0], p[0], p[1]); }, lim).ends;
      if (ends.length && (b[1] || b[2])) el("path", { d: path(ends.map(px)), class: "boundary-previous" }, g);
      var q = px(config.points[step.row]);
      el("rect", { x: q[0] - 9, y: q[1] - 9, width: 18, height: 18, class: "culprit" }, g);
    }
    var right = labelledPoints(g, config, px, function (p) { return predict(w[0], w[1], w[2], p[0], p[1]); });
    var n = config.points.length, now = right + " of " + n + " points are on their class's side";
    var weights = "w = (" + fmt(w[1]) + ", " + fmt(w[2]) + ") and b = " + fmt(w[0]);
    if (!step) return "Before any update: " + weights + ", so w·x + b = 0 and every point gets ŷ = 1; " +
      now + "; 0 mistakes so far.";
    var p = config.points[step.row], y = config.labels[step.row];
    var said = "Update " + k + " of " + steps.length + ", in epoch " + step.epoch + ": point " +
      (step.row + 1) + " at (" + fmt(p[0]) + ", " + fmt(p[1]) + "), labelled " + y +
      ", was classified " + step.predicted + ", a mistake; w ← w + η(y − ŷ)x makes " + weights +
      ". " + k + (k === 1 ? " mistake" : " mistakes") + " so far, " + step.inEpoch + " in epoch " +
      step.epoch + "; now " + now + ".";
    if (k === steps.length && config.converged)
      said += " Epoch " + (step.epoch + 1) + " makes no mistake: training has converged.";
    return said;
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

  // Chapter 4: the layers of config.layers ([slider prefix, formula key] each) applied in turn.
  // A layer's formula takes W's entries and b (the sliders named prefix + argument) and the
  // previous activations a1, a2, and returns [z..., σ(z)...].
  function forwardPass(config, v, x) {
    var a = x, layers = [];
    config.layers.forEach(function (layer) {
      var entry = window.nnmath.formulas[layer[1]];
      var args = entry.args.map(function (name) {
        return name.charAt(0) === "a" ? a[Number(name.slice(1)) - 1] : v[layer[0] + name];
      });
      var out = entry.f.apply(null, args), m = out.length / 2;
      a = out.slice(m);
      layers.push({ z: out.slice(0, m), a: a });
    });
    return layers;
  }

  var SUB = ["\u2081", "\u2082"], SUP = ["\u00b9", "\u00b2"];

  DRAW["forward-pass"] = function (g, v, config) {
    var x = [v.x1, v.x2], layers = forwardPass(config, v, x);
    // Left: the network, one column of neurons per layer.
    var columns = [[{ y: 95, a: x[0] }, { y: 205, a: x[1] }]];
    layers.forEach(function (layer, l) {
      var ys = layer.a.length === 1 ? [150] : [95, 205];
      columns.push(layer.a.map(function (a, j) { return { y: ys[j], a: a, z: layer.z[j] }; }));
    });
    var xs = [40, 135, 225];
    layers.forEach(function (layer, l) {
      columns[l + 1].forEach(function (to, j) {
        columns[l].forEach(function (from, k) {
          var w = v[config.layers[l][0] + "W" + (j + 1) + (k + 1)];
          el("line", { x1: xs[l] + 22, y1: from.y, x2: xs[l + 1] - 22, y2: to.y,
            class: w < 0 ? "edge-negative" : "edge-positive",
            "stroke-width": (0.8 + 3.2 * Math.min(Math.abs(w), 40) / 40).toFixed(2) }, g);
        });
      });
    });
    ["input x", "hidden a" + SUP[0], "output a" + SUP[1]].forEach(function (name, c) {
      text(g, xs[c], 40, name, { class: "label", "text-anchor": "middle" });
    });
    columns.forEach(function (column, c) {
      column.forEach(function (node, j) {
        el("circle", { cx: xs[c], cy: node.y, r: 22, class: "neuron" }, g);
        text(g, xs[c], node.y + 4, fmt(node.a, c ? 3 : 2), { class: "value", "text-anchor": "middle" });
        var below = c ? "z = " + fmt(node.z) : "x" + SUB[j];
        text(g, xs[c], node.y + 38, below, { class: "label", "text-anchor": "middle" });
      });
    });
    // Right: the unit square shaded where the output is at least 1/2 (class 1).
    var box = { left: 282, right: 462, top: 40, bottom: 220 };
    var s = axes(g, [0, 1], [0, 1], ["x1", "x2"], [0, 1], [0, 1], box);
    var n = 30, cell = 1 / n, regions = el("g", { class: "regions", "shape-rendering": "crispEdges" }, g);
    var classOf = function (p) { return forwardPass(config, v, p)[layers.length - 1].a[0] >= 0.5 ? 1 : 0; };
    for (var i = 0; i < n; i += 1) {
      for (var j = 0; j < n; j += 1) {
        var x0 = s[0](i * cell), y0 = s[1]((j + 1) * cell);
        el("rect", { x: x0.toFixed(2), y: y0.toFixed(2), width: (s[0]((i + 1) * cell) - x0 + 0.3).toFixed(2),
          height: (s[1](j * cell) - y0 + 0.3).toFixed(2),
          class: classOf([(i + 0.5) * cell, (j + 0.5) * cell]) ? "region-b" : "region-a" }, regions);
      }
    }
    var px = function (p) { return [s[0](p[0]), s[1](p[1])]; };
    var right = labelledPoints(g, config, px, classOf);
    var q = px(x);
    el("path", { d: "M" + q[0] + " " + (q[1] - 8) + " L" + (q[0] + 8) + " " + q[1] + " L" + q[0] + " " + (q[1] + 8) + " L" + (q[0] - 8) + " " + q[1] + " Z", class: "chosen" }, g);
    var vector = function (values, digits) {
      return values.length === 1 ? fmt(values[0], digits) : "(" + values.map(function (u) { return fmt(u, digits); }).join(", ") + ")";
    };
    var said = "x = " + vector(x) + ". ";
    layers.forEach(function (layer, l) {
      var up = SUP[l], prev = l ? "a" + SUP[l - 1] : "x";
      said += (l === layers.length - 1 ? "Output layer: " : "Hidden layer: ") + "z" + up + " = W" + up + prev +
        " + b" + up + " = " + vector(layer.z) + ", a" + up + " = σ(z" + up + ") = " + vector(layer.a, 3) + ". ";
    });
    var out = layers[layers.length - 1].a[0];
    var params = config.layers.map(function (layer, l) {
      var up = SUP[l], rows = layers[l].z.length, W = [], b = [];
      for (var j = 1; j <= rows; j += 1) {
        W.push([1, 2].map(function (k) { return fmt(v[layer[0] + "W" + j + k], 0); }).join(", "));
        b.push(fmt(v[layer[0] + "b" + j], 0));
      }
      return "W" + up + " = [" + W.join("; ") + "], b" + up + " = " + (b.length === 1 ? b[0] : "(" + b.join(", ") + ")");
    });
    return said + "F(x) = " + fmt(out, 3) + (out >= 0.5 ? " ≥ 1/2: class 1. " : " < 1/2: class 0. ") + right + " of " +
      config.points.length + " points lie in their class's region. Weights: " + params.join("; ") + ".";
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
    // A button with data-step moves the first slider by that many of its steps.
    root.querySelectorAll("button[data-step]").forEach(function (button) {
      button.addEventListener("click", function () {
        var input = inputs[0], next = Number(input.value) + Number(button.dataset.step) * Number(input.step || 1);
        input.value = String(Math.min(Number(input.max), Math.max(Number(input.min), next)));
        update();
      });
    });
    update();
    root.dataset.nnmathReady = "true";
  }

  function setUpAll() {
    document.querySelectorAll("[data-widget]").forEach(setUp);
  }

  window.nnmathOnPage(setUpAll);
})();
