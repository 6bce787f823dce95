// The checker of typed answers (nnmath.exercises), loaded when a reader first focuses an
// answer box. It ports the grammar of nnmath/exercises/parsing.py (tokens, implicit
// multiplication, Python's precedence, the same whitelist and messages) and the rules of
// nnmath/exercises/checking.py, and evaluates the parsed tree itself: no eval, no Function,
// no property access. What it compares with comes from window.nnmath.exerciseChecks,
// written at build time by nnmath.exercises.page (SymPy prints the expected answers).
(function (root) {
  "use strict";

  var MAX_LENGTH = 1000, MAX_EXPONENT = 100, MAX_DEPTH = 60;
  var SYNTAX = "numbers, the exercise's variables, + - * /, ^ or ** for powers, parentheses, " +
    "implicit multiplication (2x, 2(x+1)), exp(...), log(...) (natural), sqrt(...), " +
    "sigma(...) (the sigmoid), and arrays as [1, 2, 3]";
  var FUNCTIONS = {
    exp: Math.exp,
    log: Math.log,
    sqrt: Math.sqrt,
    sigma: function (t) { return 1 / (1 + Math.exp(-t)); }
  };
  var KEYWORDS = ("lambda import from def class for while if else elif return yield not and " +
    "or in is None True False with as try except finally raise global nonlocal del pass " +
    "break continue assert async await").split(" ");
  var NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
  var NAME = /[A-Za-z_][A-Za-z_0-9]*/y;

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function isFunctionName(name) { return has(FUNCTIONS, name); }

  // A problem with the answer: the verdict is "invalid" (Python raises ValueError).
  function Invalid(message) { this.message = message; }
  function reject(what) { return new Invalid(what + " is not allowed in an answer; allowed are " + SYNTAX); }
  function pyRepr(text) {
    var quote = text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' : "'";
    return quote + text.replace(/\\/g, "\\\\").replace(quote === "'" ? /'/g : /"/g, "\\" + quote) + quote;
  }

  // ---------------------------------------------------------------- tokens (as _tokens)
  function tokenize(text) {
    var out = [], i = 0;
    while (i < text.length) {
      var c = text[i];
      if (/\s/.test(c)) { i += 1; continue; }
      if (text.substr(i, 2) === "**") { out.push({ kind: "op", value: "**" }); i += 2; continue; }
      NUMBER.lastIndex = i;
      var number = NUMBER.exec(text);
      if (number && (/[0-9]/.test(c) || (c === "." && number[0].length > 1))) {
        out.push({ kind: "number", value: number[0] }); i += number[0].length; continue;
      }
      NAME.lastIndex = i;
      var name = NAME.exec(text);
      if (name) { out.push({ kind: "name", value: name[0] }); i += name[0].length; continue; }
      if ("+-*/^(),[]".indexOf(c) >= 0) { out.push({ kind: "op", value: c }); i += 1; continue; }
      var hints = { "'": "a quote (strings)", '"': "a quote (strings)",
        ".": "a dot that is not part of a number (attribute access)",
        "=": "'=' (write only the expression, not an equation)", "_": "an underscore" };
      var ch = String.fromCodePoint(text.codePointAt(i));
      throw reject(has(hints, ch) ? hints[ch] : "the character " + pyRepr(ch));
    }
    return out;
  }

  // Split a run of letters such as w2x into known names (as _split_name).
  function splitName(name, variables) {
    if (has(variables, name) || isFunctionName(name)) return [name];
    for (var k = name.length - 1; k > 0; k -= 1) {
      var head = name.slice(0, k);
      if (has(variables, head)) {
        var rest = splitName(name.slice(k), variables);
        if (rest !== null && rest.every(function (p) { return has(variables, p) || isFunctionName(p); })) {
          return [head].concat(rest);
        }
      }
    }
    return null;
  }

  // Insert * where multiplication is implicit, ^ becomes ** (as _explicit).
  function explicit(tokens, variables) {
    var expanded = [];
    tokens.forEach(function (t) {
      if (t.kind === "name" && !has(variables, t.value) && !isFunctionName(t.value)) {
        var parts = splitName(t.value, variables);
        if (parts !== null) {
          parts.forEach(function (p) { expanded.push({ kind: "name", value: p }); });
          return;
        }
      }
      expanded.push(t);
    });
    var out = [], previous = null;
    expanded.forEach(function (t) {
      if (previous !== null) {
        var ends = previous.kind === "number" || previous.value === ")" ||
          (previous.kind === "name" && !isFunctionName(previous.value));
        var starts = t.kind === "number" || t.kind === "name" || t.value === "(";
        if (ends && starts) out.push({ kind: "op", value: "*" });
      }
      out.push(t.value === "^" ? { kind: "op", value: "**" } : t);
      previous = t;
    });
    return out;
  }

  // ------------------------------------------------- Python's expression grammar (eval mode)
  function SyntaxProblem(message) { this.message = message; }

  function parseTokens(tokens) {
    var pos = 0;
    function peek() { return tokens[pos]; }
    function isOp(value) { var t = tokens[pos]; return t !== undefined && t.kind === "op" && t.value === value; }
    function fail(message) { throw new SyntaxProblem(message || "invalid syntax"); }
    function expect(value) { if (!isOp(value)) fail(); pos += 1; }

    // expressions: expression (',' expression)* [','] -- a comma makes a tuple
    function sequence(closer) {
      var items = [], comma = false;
      while (!(closer && isOp(closer))) {
        if (pos >= tokens.length) break;
        items.push(sum());
        if (isOp(",")) { pos += 1; comma = true; } else break;
      }
      return { items: items, comma: comma };
    }
    // operand (op operand)*, grouped from the left: a - b - c is (a - b) - c
    function leftAssociative(ops, operand) {
      var left = operand();
      while (ops.some(function (op) { return isOp(op); })) {
        var op = tokens[pos].value; pos += 1;
        left = { t: "bin", op: op, l: left, r: operand() };
      }
      return left;
    }
    function sum() { return leftAssociative(["+", "-"], term); }
    function term() { return leftAssociative(["*", "/"], factor); }
    function factor() {
      if (isOp("-") || isOp("+")) {
        var op = tokens[pos].value; pos += 1;
        return { t: "unary", op: op, a: factor() };
      }
      return power();
    }
    function power() {
      var base = primary();
      if (isOp("**")) { pos += 1; return { t: "bin", op: "**", l: base, r: factor() }; }
      return base;
    }
    function primary() {
      var node = atom();
      for (;;) {
        if (isOp("(")) {
          pos += 1;
          var args = sequence(")");
          expect(")");
          node = { t: "call", f: node, args: args.items };
        } else if (isOp("[")) {
          pos += 1;
          var inside = sequence("]");
          if (inside.items.length === 0) fail();
          expect("]");
          node = { t: "other", what: "indexing (a[i])", children: [node].concat(inside.items) };
        } else return node;
      }
    }
    function atom() {
      var t = peek();
      if (t === undefined) fail();
      if (t.kind === "number") {
        pos += 1;
        if (/^0[0-9]+$/.test(t.value) && /[1-9]/.test(t.value)) {
          fail("leading zeros in decimal integer literals are not permitted");
        }
        return { t: "num", text: t.value, v: Number(t.value) };
      }
      if (t.kind === "name") {
        pos += 1;
        if (KEYWORDS.indexOf(t.value) >= 0) fail();
        return { t: "name", id: t.value };
      }
      if (t.value === "(") {
        pos += 1;
        var inner = sequence(")");
        expect(")");
        if (inner.items.length === 1 && !inner.comma) return inner.items[0];
        return { t: "other", what: "a tuple (use [ ] for arrays)", children: inner.items };
      }
      if (t.value === "[") {
        pos += 1;
        var list = sequence("]");
        expect("]");
        return { t: "list", items: list.items };
      }
      return fail();
    }

    var top = sequence(null);
    if (pos < tokens.length || top.items.length === 0) fail();
    if (top.comma) return { t: "other", what: "a tuple (use [ ] for arrays)", children: top.items };
    return top.items[0];
  }

  function syntaxProblem(text, message) {
    var opened = (text.match(/\(/g) || []).length - (text.match(/\)/g) || []).length;
    var quoted = pyRepr(text);
    if (opened > 0) return "cannot parse " + quoted + ": " + opened + " unclosed '(' (a ')' is missing)";
    if (opened < 0) return "cannot parse " + quoted + ": a ')' has no matching '('";
    if ((text.match(/\[/g) || []).length !== (text.match(/\]/g) || []).length) {
      return "cannot parse " + quoted + ": the brackets [ ] do not match";
    }
    if (/[-+*/^]\s*$/.test(text)) return "cannot parse " + quoted + ": it ends with an operator";
    return "cannot parse " + quoted + ": " + message;
  }

  // -------------------------------------------------------------- building (as _Builder)
  // Each node of the result: {t, ...} plus constant (no variable in it) and, when
  // constant, its value; lists are {t: "list", items}.
  function evaluateConstant(node) { return evaluate(node, {}); }

  function build(node, variables, depth) {
    if (depth > MAX_DEPTH) throw new Invalid("the answer is nested more than " + MAX_DEPTH + " levels deep");
    var next = depth + 1, built;
    switch (node.t) {
      case "num":
        if (!isFinite(node.v)) throw reject("the constant " + node.text);
        return { t: "num", v: node.v, text: node.text, constant: true };
      case "name":
        if (has(variables, node.id)) return { t: "var", id: node.id, constant: false };
        if (isFunctionName(node.id)) throw new Invalid(node.id + " is a function: write " + node.id + "(...)");
        var names = Object.keys(variables).sort().join(", ") || "none";
        throw new Invalid("unknown name " + pyRepr(node.id) + "; this exercise's variables are: " + names);
      case "unary":
        built = build(node.a, variables, next);
        if (built.t === "list") throw new Invalid("arithmetic on arrays is not supported: write the array's entries");
        return { t: "unary", op: node.op, a: built, constant: built.constant };
      case "bin":
        var l = build(node.l, variables, next), r = build(node.r, variables, next);
        if (l.t === "list" || r.t === "list") {
          throw new Invalid("arithmetic on arrays is not supported: write the array's entries");
        }
        var result = { t: "bin", op: node.op, l: l, r: r, constant: l.constant && r.constant };
        if (node.op === "/" && r.constant && evaluateConstant(r) === 0) {
          throw new Invalid("division by zero in the answer");
        }
        if (node.op === "**" && r.constant) {
          var exponent = evaluateConstant(r);
          if (Math.abs(exponent) > MAX_EXPONENT) {
            throw new Invalid("exponents larger than " + MAX_EXPONENT + " are not accepted");
          }
          var integer = Math.abs(exponent - Math.round(exponent)) < 1e-12;
          if (l.constant && !integer && evaluateConstant(l) < 0) {
            throw new Invalid("a negative number raised to a fractional power is not real");
          }
        }
        return result;
      case "call":
        if (node.f.t !== "name" || !isFunctionName(node.f.id)) {
          throw reject("a call of anything but exp, log, sqrt or sigma");
        }
        var fname = node.f.id;
        if (node.args.length !== 1) {
          throw new Invalid(fname + "(...) takes exactly one argument, got " + node.args.length);
        }
        var argument = build(node.args[0], variables, next);
        if (argument.t === "list") throw new Invalid(fname + "(...) takes a number or an expression, not an array");
        if (fname === "log" && argument.constant && !(evaluateConstant(argument) > 0)) {
          throw new Invalid("log(...) of a number that is not positive");
        }
        return { t: "call", f: fname, a: argument, constant: argument.constant };
      case "list":
        return { t: "list", items: node.items.map(function (item) { return build(item, variables, next); }),
          constant: true };
      default:
        throw reject(node.what);
    }
  }

  function evaluate(node, env) {
    switch (node.t) {
      case "num": return node.v;
      case "var": return env[node.id];
      case "unary": return node.op === "-" ? -evaluate(node.a, env) : evaluate(node.a, env);
      case "call": return FUNCTIONS[node.f](evaluate(node.a, env));
      case "bin":
        var a = evaluate(node.l, env), b = evaluate(node.r, env);
        if (node.op === "+") return a + b;
        if (node.op === "-") return a - b;
        if (node.op === "*") return a * b;
        if (node.op === "/") return a / b;
        return Math.pow(a, b);
      case "list": return node.items.map(function (item) { return evaluate(item, env); });
      default: return NaN;
    }
  }

  // Parse an answer: {tree (syntax), built (checked)}; throws Invalid (as parse_answer).
  function parse(text, variables) {
    if (typeof text !== "string") throw new Invalid("the answer must be text");
    var stripped = text.trim();
    if (!stripped) throw new Invalid("the answer is empty");
    if (stripped.length > MAX_LENGTH) throw new Invalid("the answer is longer than " + MAX_LENGTH + " characters");
    if (stripped.indexOf("__") >= 0) throw reject("an underscore");
    var tokens = tokenize(stripped);
    tokens.forEach(function (t) {
      if (t.kind === "name" && KEYWORDS.indexOf(t.value) >= 0) throw reject("the Python keyword " + pyRepr(t.value));
    });
    var tree;
    try {
      tree = parseTokens(explicit(tokens, variables));
    } catch (problem) {
      if (problem instanceof SyntaxProblem) throw new Invalid(syntaxProblem(stripped, problem.message));
      if (problem instanceof RangeError) {
        throw new Invalid("the answer is nested more than " + MAX_DEPTH + " levels deep");
      }
      throw problem;
    }
    return { tree: tree, built: build(tree, variables, 1) };
  }

  // ------------------------------------------------------------ numbers as Python prints
  function formatG(x, precision) {
    if (x === 0) return Object.is(x, -0) ? "-0" : "0";
    if (!isFinite(x)) return isNaN(x) ? "nan" : (x > 0 ? "inf" : "-inf");
    var exp = x.toExponential(precision - 1), e = Number(exp.split("e")[1]);
    if (e >= -4 && e < precision) {
      var fixed = x.toFixed(precision - 1 - e);
      return fixed.indexOf(".") >= 0 ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
    }
    var mantissa = exp.split("e")[0];
    if (mantissa.indexOf(".") >= 0) mantissa = mantissa.replace(/0+$/, "").replace(/\.$/, "");
    return mantissa + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
  }

  // Fraction(x).limit_denominator(maxDen), exactly as Python computes it (BigInt).
  function limitDenominator(x, maxDen) {
    var negative = x < 0, v = Math.abs(x), n, d = 1n;
    var scale = 0;
    while (!Number.isInteger(v) && scale < 1100) { v *= 2; scale += 1; }
    n = BigInt(v); d = 1n << BigInt(scale);
    var g = gcd(n, d); n /= g; d /= g;
    if (d <= BigInt(maxDen)) return [negative ? -n : n, d];
    var max = BigInt(maxDen), p0 = 0n, q0 = 1n, p1 = 1n, q1 = 0n, num = n, den = d;
    for (;;) {
      var a = num / den, q2 = q0 + a * q1;
      if (q2 > max) break;
      var p2 = p0 + a * p1;
      p0 = p1; q0 = q1; p1 = p2; q1 = q2;
      var rest = num - a * den; num = den; den = rest;
      if (den === 0n) break;
    }
    var result;
    if (den === 0n || q1 === 0n) result = [p1, q1 === 0n ? 1n : q1];
    else {
      var k = (max - q0) / q1, b1 = [p0 + k * p1, q0 + k * q1], b2 = [p1, q1];
      // |b - n/d| compared exactly: |bp*d - n*bq| / (bq*d)
      var dist = function (b) { var t = b[0] * d - n * b[1]; return [t < 0n ? -t : t, b[1] * d]; };
      var e1 = dist(b1), e2 = dist(b2);
      result = e2[0] * e1[1] <= e1[0] * e2[1] ? b2 : b1;
    }
    return [negative ? -result[0] : result[0], result[1]];
  }
  function gcd(a, b) { while (b) { var t = a % b; a = b; b = t; } return a === 0n ? 1n : a; }
  function fractionText(f) { return f[1] === 1n ? String(f[0]) : f[0] + "/" + f[1]; }
  function nice(c) {
    var f = limitDenominator(c, 1e9);
    return f[1] <= 1000n ? fractionText(f) : formatG(c, 6);
  }

  // --------------------------------------------------------------- checking (as checking.py)
  function close(a, b, rel) { return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b)); }
  function constant(values) {
    if (values.length && values.every(function (v) { return close(v, values[0], 1e-9); })) return values[0];
    return null;
  }
  function where(free, point, precision) {
    return free.map(function (name, k) { return name + " = " + formatG(point[k], precision); }).join(", ");
  }
  function verdict(kind, message) { return { verdict: kind, message: message }; }
  function wrong(message) { return verdict("incorrect", "Not correct: " + message); }

  function environment(payload, point) {
    var env = {};
    payload.free.forEach(function (name, k) { env[name] = point[k]; });
    Object.keys(payload.substitutions).forEach(function (name) {
      env[name] = payload.substitutions[name].apply(null, point);
    });
    return env;
  }

  function checkExpression(payload, built) {
    if (built.t === "list") return wrong("expected an expression, got an array.");
    var tol = payload.tolerance, n = payload.randomPoints, points = payload.points;
    var av = [], ev = [];
    for (var k = 0; k < points.length; k += 1) {
      av.push(evaluate(built, environment(payload, points[k])));
      ev.push(payload.answer.apply(null, points[k]));
    }
    var rav = av.slice(0, n), rev = ev.slice(0, n), randomPoints = points.slice(0, n);
    for (k = 0; k < n; k += 1) {
      if (!isFinite(rav[k])) {
        return wrong("your answer is not a finite real number at " + where(payload.free, points[k], 3) + ".");
      }
    }
    var agree = function (x, y) { return close(x, y, tol); };
    if (rav.every(function (x, i) { return agree(x, rev[i]); })) {
      for (k = n; k < points.length; k += 1) {
        if (isFinite(av[k]) && isFinite(ev[k]) && !agree(av[k], ev[k])) {
          return wrong("at " + where(payload.free, points[k], 4) + " your answer is " + formatG(av[k], 6) +
            " but the correct value is " + formatG(ev[k], 6) + ".");
        }
      }
      var under = payload.assumptions ? " under " + payload.assumptions : "";
      return verdict("correct", "Correct: your answer equals the result at all " + points.length +
        " points this page checks" + under + ".");
    }
    return wrong(feedback(payload, built, rav, rev, randomPoints));
  }

  function feedback(payload, built, av, ev, points) {
    var tol = payload.tolerance;
    var agree = function (x, y) { return close(x, y, tol); };
    // The variables the answer depends on, as SymPy's free symbols after its automatic
    // simplification: those whose change changes the answer's value.
    var aVars = payload.free.filter(function (s, i) {
      return points.slice(0, 3).some(function (p, k) {
        var moved = p.slice();
        moved[i] = points[(k + 1) % points.length][i];
        var before = evaluate(built, environment(payload, p));
        var after = evaluate(built, environment(payload, moved));
        return !(isFinite(before) && isFinite(after) && agree(before, after));
      });
    });
    var extra = aVars.filter(function (s) { return payload.dependsOn.indexOf(s) < 0; }).sort();
    var missing = payload.dependsOn.filter(function (s) { return aVars.indexOf(s) < 0; }).sort();
    if (av.every(function (x) { return Math.abs(x) < 1e-15; }) && !ev.every(function (y) { return Math.abs(y) < 1e-15; })) {
      return "your answer is 0, and the correct one is not.";
    }
    if (av.every(function (x, i) { return agree(x, -ev[i]); })) {
      return "the sign is wrong: your answer is the negative of the correct one.";
    }
    if (ev.every(function (y) { return Math.abs(y) > 1e-12; })) {
      var ratio = constant(av.map(function (x, i) { return x / ev[i]; }));
      if (ratio !== null) return "off by a constant factor: your answer is " + nice(ratio) + " times the correct one.";
    }
    var values = function (f) { return points.map(function (p) { return f.apply(null, p); }); };
    var allFinite = function (vs) { return vs.every(function (v) { return isFinite(v); }); };
    for (var i = 0; i < payload.factors.length; i += 1) {
      var name = payload.factors[i][0], fv = values(payload.factors[i][1]);
      if (!allFinite(fv)) continue;
      if (av.every(function (x, j) { return agree(x * fv[j], ev[j]); })) return "a factor " + name + " is missing.";
      if (av.every(function (x, j) { return agree(x, ev[j] * fv[j]); })) return "your answer has an extra factor " + name + ".";
    }
    for (i = 0; i < payload.terms.length; i += 1) {
      var text = payload.terms[i][0], tv = values(payload.terms[i][1]);
      if (!allFinite(tv)) continue;
      if (av.every(function (x, j) { return agree(x, ev[j] - tv[j]); })) {
        return "a term is missing: the correct answer also has the term " + text + ".";
      }
      if (av.every(function (x, j) { return agree(x, ev[j] + tv[j]); })) {
        return "the term " + text + " appears twice (or has the wrong sign).";
      }
    }
    var shift = constant(av.map(function (x, j) { return x - ev[j]; }));
    if (shift !== null) return "your answer differs from the correct one by the constant " + nice(shift) + ".";
    if (extra.length) return "your answer depends on " + extra.join(", ") + ", but the correct one does not.";
    if (missing.length) return "your answer does not depend on " + missing.join(", ") + ", but the correct one does.";
    var k = 0;
    while (k < av.length - 1 && agree(av[k], ev[k])) k += 1;
    return "at " + where(payload.free, points[k], 4) + " your answer is " + formatG(av[k], 6) +
      " but the correct value is " + formatG(ev[k], 6) + ".";
  }

  function near(a, e, tol) { return Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)); }

  function checkNumber(payload, built) {
    if (built.t === "list") return wrong("wrong shape: expected a single number, got an array.");
    var a = evaluate(built, {}), e = payload.expected, tol = payload.tolerance;
    if (!isFinite(a)) throw new Invalid("expected a finite real number; the answer is not one");
    var integer = payload.type === "integer";
    if (integer && Math.abs(a - Math.round(a)) > 1e-9) {
      return wrong("the answer is a whole number (a count), got " + formatG(a, 6) + ".");
    }
    if (near(a, e, tol)) {
      var stated = integer ? "exactly" : "within the tolerance " + formatG(tol, 6) + " (relative)";
      return verdict("correct", "Correct: " + formatG(a, 6) + " matches the result " + stated + ".");
    }
    for (var i = 0; i < payload.mistakes.length; i += 1) {
      if (near(a, payload.mistakes[i][0], tol)) return wrong(payload.mistakes[i][1]);
    }
    if (e !== 0 && near(-a, e, tol)) return wrong("the sign is wrong.");
    if (e !== 0 && a !== 0) {
      var guess = limitDenominator(a / e, 1e9);
      if (guess[0] > 0n && guess[1] <= 10n && guess[0] <= 10n) {
        return wrong("off by a constant factor: your answer is " + fractionText(guess) + " times the correct one.");
      }
    }
    return wrong(formatG(a, 6) + " is " + (a > e ? "too large" : "too small") + ".");
  }

  function shapeOf(value) {
    if (!Array.isArray(value)) return [];
    if (value.length && value.every(Array.isArray)) {
      var inner = value.map(shapeOf), first = JSON.stringify(inner[0]);
      if (inner.every(function (s) { return JSON.stringify(s) === first; })) return [value.length].concat(inner[0]);
      return null;
    }
    if (value.some(Array.isArray)) return null;
    return [value.length];
  }
  function flat(value) { return Array.isArray(value) ? [].concat.apply([], value.map(flat)) : [value]; }
  function shapeText(shape) { return "(" + shape.join(", ") + (shape.length === 1 ? ",)" : ")"); }

  function checkArray(payload, built) {
    var value = evaluate(built, {}), shape = shapeOf(value), tol = payload.tolerance;
    if (shape === null) throw new Invalid("the rows of an array must all have the same length");
    var a = flat(value);
    if (!a.every(function (v) { return isFinite(v); })) {
      return wrong("the entries must be numbers (expected a finite real number in every entry).");
    }
    var e = flat(payload.expected);
    if (JSON.stringify(shape) !== JSON.stringify(payload.shape)) {
      var transposed = shape.length === 2 && payload.shape.length === 2 &&
        shape[0] === payload.shape[1] && shape[1] === payload.shape[0];
      var what = shape.length === 0 ? "a single number" : "shape " + shapeText(shape);
      return wrong("wrong shape: expected an array of shape " + shapeText(payload.shape) + ", got " + what +
        (transposed ? " (transposed?)" : "") + ".");
    }
    var allNear = function (xs, ys) { return xs.every(function (x, i) { return near(x, ys[i], tol); }); };
    if (allNear(a, e)) return verdict("correct", "Correct: every entry matches within the tolerance " + formatG(tol, 6) + ".");
    for (var i = 0; i < payload.mistakes.length; i += 1) {
      if (allNear(a, flat(payload.mistakes[i][0]))) return wrong(payload.mistakes[i][1]);
    }
    if (e.some(function (v) { return v !== 0; }) && allNear(a, e.map(function (v) { return -v; }))) {
      return wrong("the sign of every entry is wrong.");
    }
    var off = [];
    a.forEach(function (x, k) { if (!near(x, e[k], tol)) off.push(String(k + 1)); });
    var which = off.length === 1 ? "entry " + off[0] + " is" : "entries " + off.join(", ") + " are";
    return wrong("the shape is right, but " + which + " off (counting from 1).");
  }

  function allowedNames(payload) {
    var names = {};
    (payload.type === "expression" ? payload.variables : []).forEach(function (n) { names[n] = true; });
    return names;
  }

  // The verdict on an answer: {verdict: "correct" | "incorrect" | "invalid", message}.
  function check(payload, text) {
    try {
      var parsed = parse(text, allowedNames(payload));
      if (payload.type === "expression") return checkExpression(payload, parsed.built);
      if (payload.type === "array") return checkArray(payload, parsed.built);
      return checkNumber(payload, parsed.built);
    } catch (problem) {
      if (problem instanceof Invalid) return verdict("invalid", "Cannot check this answer: " + problem.message + ".");
      return verdict("invalid", "Cannot check this answer: it could not be read.");
    }
  }

  // ------------------------------------------------------------ MathML of the parsed tree
  var MATHML = "http://www.w3.org/1998/Math/MathML";
  var PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2, unary: 3, "**": 4 };

  function mathml(doc, tree) {
    function el(name, children, text) {
      var node = doc.createElementNS(MATHML, name);
      if (text !== undefined) node.textContent = text;
      (children || []).forEach(function (child) { node.appendChild(child); });
      return node;
    }
    function mo(text) { return el("mo", [], text); }
    function fenced(node, open, close) { return el("mrow", [mo(open || "("), node, mo(close || ")")]); }
    function level(node) {
      if (node.t === "bin") return PRECEDENCE[node.op];
      if (node.t === "unary") return PRECEDENCE.unary;
      return 5;
    }
    function name(id) {
      var m = /^([A-Za-z]+)_?([0-9]+)$/.exec(id);
      if (m) return el("msub", [el("mi", [], m[1]), el("mn", [], m[2])]);
      return el("mi", [], id);
    }
    function draw(node) {
      switch (node.t) {
        case "num": return el("mn", [], node.text);
        case "name": return name(node.id);
        case "unary":
          var operand = draw(node.a);
          if (level(node.a) < PRECEDENCE.unary) operand = fenced(operand);
          return el("mrow", [mo(node.op === "-" ? "\u2212" : "+"), operand]);
        case "bin":
          if (node.op === "/") return el("mfrac", [draw(node.l), draw(node.r)]);
          if (node.op === "**") {
            var base = draw(node.l);
            if (level(node.l) <= PRECEDENCE["**"]) base = fenced(base);
            return el("msup", [base, draw(node.r)]);
          }
          var p = PRECEDENCE[node.op], left = draw(node.l), right = draw(node.r);
          if (level(node.l) < p) left = fenced(left);
          if (level(node.r) < p || (level(node.r) === p && node.op === "-")) right = fenced(right);
          var sign = { "+": "+", "-": "\u2212", "*": node.r.t === "num" ? "\u00b7" : "\u2062" }[node.op];
          return el("mrow", [left, mo(sign), right]);
        case "call":
          var arg = draw(node.args[0] || { t: "num", text: "" });
          var fname = node.f.t === "name" ? node.f.id : "?";
          if (fname === "sqrt") return el("msqrt", [arg]);
          if (fname === "exp") return el("msup", [el("mi", [], "e"), arg]);
          var shown = fname === "sigma" ? "\u03c3" : fname;
          return el("mrow", [el("mi", [], shown), mo("\u2061"), fenced(arg)]);
        case "list":
          var items = [];
          node.items.forEach(function (item, k) { if (k) items.push(mo(",")); items.push(draw(item)); });
          return fenced(el("mrow", items), "[", "]");
        default:
          return el("mi", [], "?");
      }
    }
    return el("math", [draw(tree)]);
  }

  // The parsed answer as MathML (for the live preview), or the problem in words.
  function preview(doc, payload, text) {
    try {
      var parsed = parse(text, allowedNames(payload));
      return { math: mathml(doc, parsed.tree) };
    } catch (problem) {
      return { problem: problem instanceof Invalid ? problem.message : "it could not be read" };
    }
  }

  var api = { parse: function (text, variables) {
    try { parse(text, variables || {}); return { ok: true }; } catch (problem) {
      if (problem instanceof Invalid) return { ok: false, message: problem.message };
      return { ok: false, message: "it could not be read" };
    }
  }, evaluateAnswer: function (text, variables, env) {
    return evaluate(parse(text, variables || {}).built, env || {});
  }, check: check, preview: preview, formatG: formatG, nice: nice, SYNTAX: SYNTAX };

  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else {
    root.nnmath = root.nnmath || {};
    root.nnmath.exerciseChecker = api;
  }
})(typeof window !== "undefined" ? window : this);
