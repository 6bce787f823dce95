"""A safe parser for answers: mathematical syntax only, never ``eval``.

The text is split into tokens by a small regular grammar (numbers, names,
``+ - * / ^ ** ( ) [ ] ,``), implicit multiplications are made explicit
(``2x`` → ``2*x``, ``2(x+1)`` → ``2*(x+1)``, ``(a)(b)`` → ``(a)*(b)``), and the
result is parsed by :func:`ast.parse`. The syntax tree is then walked with a
whitelist of node types and turned into a SymPy expression node by node. Quotes,
dots used for attribute access, keywords, lambdas, subscripts, comparisons and
every other piece of Python are rejected with a :class:`ValueError` before
anything is evaluated; SymPy's own ``sympify``/``parse_expr`` (which call
``eval``) are never used.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from typing import Any

import sympy

from nnmath.symbolic.sigmoid import Sigmoid

__all__ = ["FUNCTIONS", "MAX_EXPONENT", "MAX_LENGTH", "SYNTAX", "parse_answer"]

#: The functions an answer may call, by name.
FUNCTIONS: Mapping[str, Callable[[Any], Any]] = {
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "sigma": Sigmoid,
}
#: Longest answer accepted, in characters.
MAX_LENGTH = 1000
#: Largest number allowed as an exponent (so that ``9^9^9`` cannot stall the checker).
MAX_EXPONENT = 100
#: Deepest nesting accepted.
MAX_DEPTH = 60

SYNTAX = (
    "numbers, the exercise's variables, + - * /, ^ or ** for powers, parentheses, "
    "implicit multiplication (2x, 2(x+1)), exp(...), log(...) (natural), sqrt(...), "
    "sigma(...) (the sigmoid), and arrays as [1, 2, 3]"
)
"""The answer syntax, one for every exercise (shown by ``nnmath.exercises.list()`` and the CLI)."""

_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def _reject(what: str, allowed: str) -> ValueError:
    return ValueError(f"{what} is not allowed in an answer; allowed are {allowed}")


def _tokens(text: str, allowed: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        if text.startswith("**", i):
            out.append(("op", "**"))
            i += 2
            continue
        number = _NUMBER.match(text, i)
        if number and (text[i].isdigit() or (text[i] == "." and number.end() > i + 1)):
            # "2e" followed by a letter is 2·e…, not an exponent: the regex only takes the
            # exponent when digits follow it.
            out.append(("number", number.group()))
            i = number.end()
            continue
        name = _NAME.match(text, i)
        if name:
            out.append(("name", name.group()))
            i = name.end()
            continue
        if text[i] in "+-*/^(),[]":
            out.append(("op", text[i]))
            i += 1
            continue
        char = text[i]
        hint = {
            "'": "a quote (strings)",
            '"': "a quote (strings)",
            ".": "a dot that is not part of a number (attribute access)",
            "=": "'=' (write only the expression, not an equation)",
            "_": "an underscore",
        }.get(char, f"the character {char!r}")
        raise _reject(hint, allowed)
    return out


def _split_name(name: str, variables: Mapping[str, Any]) -> list[str] | None:
    """Split a run of letters such as ``w2x`` into known variable names, if possible."""
    if name in variables or name in FUNCTIONS:
        return [name]
    best: list[str] | None = None
    for k in range(len(name) - 1, 0, -1):
        head = name[:k]
        if head in variables:
            rest = _split_name(name[k:], variables)
            if rest is not None and all(part in variables or part in FUNCTIONS for part in rest):
                best = [head, *rest]
                break
    return best


def _explicit(tokens: list[tuple[str, str]], variables: Mapping[str, Any]) -> str:
    """Join the tokens, inserting ``*`` where multiplication is implicit."""
    expanded: list[tuple[str, str]] = []
    for kind, value in tokens:
        if kind == "name" and value not in variables and value not in FUNCTIONS:
            parts = _split_name(value, variables)
            if parts is not None:
                expanded.extend(("name", part) for part in parts)
                continue
        expanded.append((kind, value))
    pieces: list[str] = []
    previous: tuple[str, str] | None = None
    for kind, value in expanded:
        if previous is not None:
            p_kind, p_value = previous
            ends_operand = (
                p_kind == "number"
                or p_value == ")"
                or (p_kind == "name" and p_value not in FUNCTIONS)
            )
            starts_operand = kind in ("number", "name") or value == "("
            if ends_operand and starts_operand:
                pieces.append("*")
        pieces.append("**" if value == "^" else value)
        previous = (kind, value)
    return " ".join(pieces)


class _Builder:
    """Turn a whitelisted Python syntax tree into SymPy, node by node."""

    def __init__(self, variables: Mapping[str, Any], allowed: str) -> None:
        self.variables = variables
        self.allowed = allowed

    def build(self, node: ast.AST, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise ValueError(f"the answer is nested more than {MAX_DEPTH} levels deep")
        method = getattr(self, f"_node_{type(node).__name__}", None)
        if method is None:
            raise _reject(_describe(node), self.allowed)
        return method(node, depth + 1)

    def _node_Expression(self, node: ast.Expression, depth: int) -> Any:
        return self.build(node.body, depth)

    def _node_Constant(self, node: ast.Constant, depth: int) -> Any:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _reject(f"the constant {value!r}", self.allowed)
        if isinstance(value, int):
            return sympy.Integer(value)
        # The decimal as written (0.1 is 1/10), so that exact answers stay exact.
        return sympy.Rational(repr(value))

    def _node_Name(self, node: ast.Name, depth: int) -> Any:
        if node.id in self.variables:
            return self.variables[node.id]
        if node.id in FUNCTIONS:
            raise ValueError(f"{node.id} is a function: write {node.id}(...)")
        names = ", ".join(sorted(self.variables)) or "none"
        raise ValueError(f"unknown name {node.id!r}; this exercise's variables are: {names}")

    def _node_UnaryOp(self, node: ast.UnaryOp, depth: int) -> Any:
        operand = self.build(node.operand, depth)
        if isinstance(operand, list):
            raise ValueError("arithmetic on arrays is not supported: write the array's entries")
        if isinstance(node.op, ast.USub):
            return -operand
        if isinstance(node.op, ast.UAdd):
            return operand
        raise _reject(_describe(node), self.allowed)

    def _node_BinOp(self, node: ast.BinOp, depth: int) -> Any:
        left = self.build(node.left, depth)
        right = self.build(node.right, depth)
        if isinstance(left, list) or isinstance(right, list):
            raise ValueError("arithmetic on arrays is not supported: write the array's entries")
        op = node.op
        if isinstance(op, ast.Add):
            return left + right
        if isinstance(op, ast.Sub):
            return left - right
        if isinstance(op, ast.Mult):
            return left * right
        if isinstance(op, ast.Div):
            if right == 0:
                raise ValueError("division by zero in the answer")
            return left / right
        if isinstance(op, ast.Pow):
            if right.is_number and abs(float(right)) > MAX_EXPONENT:
                raise ValueError(f"exponents larger than {MAX_EXPONENT} are not accepted")
            if left.is_number and right.is_number and not right.is_integer and left.is_negative:
                raise ValueError("a negative number raised to a fractional power is not real")
            return left**right
        raise _reject(_describe(node), self.allowed)

    def _node_Call(self, node: ast.Call, depth: int) -> Any:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise _reject(_describe(node), self.allowed)
        name = node.func.id
        if node.keywords or len(node.args) != 1:
            raise ValueError(f"{name}(...) takes exactly one argument, got {len(node.args)}")
        argument = self.build(node.args[0], depth)
        if isinstance(argument, list):
            raise ValueError(f"{name}(...) takes a number or an expression, not an array")
        if name == "log" and argument.is_number and not argument.is_positive:
            raise ValueError("log(...) of a number that is not positive")
        return FUNCTIONS[name](argument)

    def _node_List(self, node: ast.List, depth: int) -> Any:
        entries = [self.build(element, depth) for element in node.elts]
        if len({_shape(entry) for entry in entries}) > 1:
            raise ValueError("the rows of an array must all have the same length")
        return entries


def _shape(value: Any) -> tuple[int, ...]:
    """The shape of a parsed answer: () for a number, (2, 3) for two rows of three."""
    if not isinstance(value, list):
        return ()
    return (len(value), *(_shape(value[0]) if value else ()))


def _describe(node: ast.AST) -> str:
    names = {
        "Attribute": "attribute access (a.b)",
        "Subscript": "indexing (a[i])",
        "Lambda": "a lambda",
        "Compare": "a comparison",
        "BoolOp": "and/or",
        "Tuple": "a tuple (use [ ] for arrays)",
        "Dict": "a dictionary",
        "Set": "a set",
        "JoinedStr": "an f-string",
        "IfExp": "an if-expression",
        "NamedExpr": "an assignment",
        "Starred": "a starred expression",
        "GeneratorExp": "a generator",
        "ListComp": "a comprehension",
        "Call": "a call of anything but exp, log, sqrt or sigma",
        "BinOp": "that operator (only + - * / ^ are)",
        "UnaryOp": "that operator (only unary - and + are)",
    }
    return names.get(type(node).__name__, f"Python syntax ({type(node).__name__})")


def parse_answer(text: str, variables: Mapping[str, Any]) -> Any:
    """Parse an answer into a SymPy expression, or a nested list of them for an array.

    Parameters
    ----------
    text : str
        The answer, e.g. ``"w2*x*(w2*(w1*x+b1)+b2-t)"`` or ``"[1, 1/2, 9/4]"``.
    variables : Mapping[str, sympy.Symbol]
        The names an answer may use, with the symbols they stand for.

    Returns
    -------
    sympy.Expr or list
        ``sigma(...)`` becomes :class:`nnmath.symbolic.sigmoid.Sigmoid`.

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If the text is empty, too long, contains anything but the syntax of
        :data:`SYNTAX` (the message says what is allowed), or does not parse
        (the message names the problem).

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> parse_answer("2x^2 + 3(x - 1)", {"x": x})
    2*x**2 + 3*x - 3
    >>> parse_answer("__import__('os')", {"x": x})
    Traceback (most recent call last):
    ...
    ValueError: an underscore is not allowed in an answer; allowed are numbers, ...
    """
    if not isinstance(text, str):
        raise TypeError(f"answer must be a string, got {type(text).__name__}")
    allowed = SYNTAX
    stripped = text.strip()
    if not stripped:
        raise ValueError("the answer is empty")
    if len(stripped) > MAX_LENGTH:
        raise ValueError(f"the answer is longer than {MAX_LENGTH} characters")
    if "__" in stripped:
        raise _reject("an underscore", allowed)
    tokens = _tokens(stripped, allowed)
    for kind, value in tokens:
        if kind == "name" and value in _KEYWORDS:
            raise _reject(f"the Python keyword {value!r}", allowed)
    source = _explicit(tokens, variables)
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise ValueError(_syntax_problem(stripped, exc)) from None
    except (RecursionError, MemoryError):
        raise ValueError(f"the answer is nested more than {MAX_DEPTH} levels deep") from None
    return _Builder(variables, allowed).build(tree)


_KEYWORDS = frozenset(
    {
        *("lambda", "import", "from", "def", "class", "for", "while", "if", "else", "elif"),
        *("return", "yield", "not", "and", "or", "in", "is", "None", "True", "False", "with"),
        *("as", "try", "except", "finally", "raise", "global", "nonlocal", "del", "pass"),
        *("break", "continue", "assert", "async", "await"),
    }
)


def _syntax_problem(text: str, exc: SyntaxError) -> str:
    opened = text.count("(") - text.count(")")
    if opened > 0:
        return f"cannot parse {text!r}: {opened} unclosed '(' (a ')' is missing)"
    if opened < 0:
        return f"cannot parse {text!r}: a ')' has no matching '('"
    if text.count("[") != text.count("]"):
        return f"cannot parse {text!r}: the brackets [ ] do not match"
    if re.search(r"[-+*/^]\s*$", text):
        return f"cannot parse {text!r}: it ends with an operator"
    return f"cannot parse {text!r}: {exc.msg}"
