"""The Bases expression language: text -> tokens -> a tree, by recursive descent (never `eval`).

Precedence, loosest first, as in JavaScript: `||`, `&&`, `==` `!=`, `<` `<=` `>` `>=`, `+` `-`,
`*` `/` `%`, prefix `!` and `-`, then calls, `.name` and `[index]`. Literals: numbers, strings in
single or double quotes (backslash escapes), `true`, `false`, `null`, lists `[a, b]`, objects
`{"k": v}` and regular expressions `/pattern/flags` (where an operand is expected).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.queries.errors import BaseError

__all__ = [
    "Binary",
    "Call",
    "Index",
    "ListLit",
    "Literal",
    "Member",
    "MethodCall",
    "Name",
    "Node",
    "ObjectLit",
    "RegexLit",
    "Unary",
    "parse_expression",
]

# -- the tree ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    pos: int  # offset of the node's first character in the expression


@dataclass(frozen=True, slots=True)
class Literal(Node):
    value: object  # None, bool, int, float or str


@dataclass(frozen=True, slots=True)
class RegexLit(Node):
    source: str
    flags: str


@dataclass(frozen=True, slots=True)
class ListLit(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class ObjectLit(Node):
    items: tuple[tuple[str, Node], ...]


@dataclass(frozen=True, slots=True)
class Name(Node):
    name: str  # a property, `file`, `note`, `formula`, `this`, or `value`/`index`/`acc`/`values`


@dataclass(frozen=True, slots=True)
class Member(Node):
    target: Node
    name: str


@dataclass(frozen=True, slots=True)
class Index(Node):
    target: Node
    index: Node


@dataclass(frozen=True, slots=True)
class Call(Node):
    name: str  # a global function: `if(...)`, `link(...)`
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class MethodCall(Node):
    target: Node
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Unary(Node):
    op: str  # "!" or "-"
    operand: Node


@dataclass(frozen=True, slots=True)
class Binary(Node):
    op: str
    left: Node
    right: Node


# -- tokens ------------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<name>[A-Za-z_$\u00c0-\uffff][\w$\u00c0-\uffff]*)
  | (?P<op>==|!=|>=|<=|&&|\|\||[-+*/%!<>()\[\]{},.:])
    """,
    re.X,
)
_REGEX = re.compile(r"/((?:[^/\\\n\[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+)/([a-z]*)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "number", "string", "name", "op", "regex", "end"
    text: str
    pos: int


def _unescape(body: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", body[i + 2 : i + 6]):
                out.append(chr(int(body[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.token = self._next(operand=True)

    # tokens

    def _error(self, message: str, pos: int | None = None) -> BaseError:
        at = self.token.pos if pos is None else pos
        return BaseError(f"syntax error at column {at + 1}: {message}", self.text)

    def _next(self, operand: bool) -> _Token:
        """The next token; `operand`: an operand is expected, so "/" starts a regular expression."""
        text = self.text
        while True:
            if self.pos >= len(text):
                return _Token("end", "", len(text))
            if operand and text[self.pos] == "/":
                m = _REGEX.match(text, self.pos)
                if m is None:
                    raise self._error("unterminated regular expression", self.pos)
                self.pos = m.end()
                return _Token("regex", m.group(0), m.start())
            m = _TOKEN.match(text, self.pos)
            if m is None:
                if text[self.pos] in "\"'":
                    raise self._error("unterminated string", self.pos)
                raise self._error(f"unexpected character {text[self.pos]!r}", self.pos)
            self.pos = m.end()
            kind = m.lastgroup or ""
            if kind == "space":
                continue
            return _Token(kind, m.group(0), m.start())

    def _advance(self, operand: bool = False) -> _Token:
        token = self.token
        self.token = self._next(operand)
        return token

    def _is(self, text: str) -> bool:
        return self.token.kind == "op" and self.token.text == text

    def _expect(self, text: str, operand: bool = False) -> _Token:
        if not self._is(text):
            found = self.token.text or "the end"
            raise self._error(f"expected {text!r}, found {found!r}")
        return self._advance(operand)

    # grammar

    def parse(self) -> Node:
        if self.token.kind == "end":
            raise self._error("empty expression")
        node = self._or()
        if self.token.kind != "end":
            raise self._error(f"unexpected {self.token.text!r}")
        return node

    def _binary(self, ops: tuple[str, ...], operand: object) -> Node:
        next_level = operand  # a bound method of the next tighter level
        node: Node = next_level()  # type: ignore[operator]
        while self.token.kind == "op" and self.token.text in ops:
            op = self._advance(operand=True)
            right: Node = next_level()  # type: ignore[operator]
            node = Binary(node.pos, op.text, node, right)
        return node

    def _or(self) -> Node:
        return self._binary(("||",), self._and)

    def _and(self) -> Node:
        return self._binary(("&&",), self._equality)

    def _equality(self) -> Node:
        return self._binary(("==", "!="), self._relational)

    def _relational(self) -> Node:
        return self._binary(("<", "<=", ">", ">="), self._additive)

    def _additive(self) -> Node:
        return self._binary(("+", "-"), self._multiplicative)

    def _multiplicative(self) -> Node:
        return self._binary(("*", "/", "%"), self._unary)

    def _unary(self) -> Node:
        if self._is("!") or self._is("-") or self._is("+"):
            op = self._advance(operand=True)
            operand = self._unary()
            if op.text == "+":
                return operand
            return Unary(op.pos, op.text, operand)
        return self._postfix(self._primary())

    def _args(self) -> tuple[Node, ...]:
        self._expect("(", operand=True)
        args: list[Node] = []
        if not self._is(")"):
            while True:
                args.append(self._or())
                if self._is(","):
                    self._advance(operand=True)
                    continue
                break
        self._expect(")")
        return tuple(args)

    def _postfix(self, node: Node) -> Node:
        while True:
            if self._is("."):
                self._advance()
                token = self.token
                if token.kind != "name":
                    raise self._error("expected a name after '.'")
                self._advance()
                if self._is("("):
                    node = MethodCall(node.pos, node, token.text, self._args())
                else:
                    node = Member(node.pos, node, token.text)
            elif self._is("["):
                self._advance(operand=True)
                index = self._or()
                self._expect("]")
                node = Index(node.pos, node, index)
            else:
                return node

    def _primary(self) -> Node:
        token = self.token
        if token.kind == "number":
            self._advance()
            text = token.text
            # "1.toString()": the "." belongs to the call when no digit follows it.
            if text.endswith(".") and self.token.kind == "name":
                text = text[:-1]
                self.pos = token.pos + len(text)
                self.token = _Token("op", ".", self.pos)
                self.pos += 1
            number: float = float(text)
            value: object = int(number) if re.fullmatch(r"\d+", text) else number
            return Literal(token.pos, value)
        if token.kind == "string":
            self._advance()
            return Literal(token.pos, _unescape(token.text[1:-1]))
        if token.kind == "regex":
            self._advance()
            body, _, flags = token.text[1:].rpartition("/")
            return RegexLit(token.pos, body, flags)
        if token.kind == "name":
            self._advance()
            if token.text == "true":
                return Literal(token.pos, True)
            if token.text == "false":
                return Literal(token.pos, False)
            if token.text == "null":
                return Literal(token.pos, None)
            if self._is("("):
                return Call(token.pos, token.text, self._args())
            return Name(token.pos, token.text)
        if self._is("("):
            self._advance(operand=True)
            node = self._or()
            self._expect(")")
            return node
        if self._is("["):
            self._advance(operand=True)
            items: list[Node] = []
            while not self._is("]"):
                items.append(self._or())
                if self._is(","):
                    self._advance(operand=True)
                elif not self._is("]"):
                    raise self._error(f"expected ',' or ']', found {self.token.text or 'the end'!r}")
            self._advance()
            return ListLit(token.pos, tuple(items))
        if self._is("{"):
            self._advance(operand=True)
            pairs: list[tuple[str, Node]] = []
            while not self._is("}"):
                key = self.token
                if key.kind == "string":
                    name = _unescape(key.text[1:-1])
                elif key.kind == "name":
                    name = key.text
                else:
                    raise self._error("expected a key in an object literal")
                self._advance()
                self._expect(":", operand=True)
                pairs.append((name, self._or()))
                if self._is(","):
                    self._advance(operand=True)
                elif not self._is("}"):
                    raise self._error(f"expected ',' or '}}', found {self.token.text or 'the end'!r}")
            self._advance()
            return ObjectLit(token.pos, tuple(pairs))
        if token.kind == "end":
            raise self._error("unexpected end of expression")
        raise self._error(f"unexpected {token.text!r}")


def parse_expression(text: str) -> Node:
    """The tree of one expression; BaseError (with the expression) when it is not valid."""
    if len(text) > 100_000:
        raise BaseError("expression too long", text[:80])
    try:
        return _Parser(text).parse()
    except RecursionError as exc:
        raise BaseError("expression nested too deeply", text[:80]) from exc
