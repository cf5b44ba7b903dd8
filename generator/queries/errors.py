"""The one exception of the queries stage: a base that cannot be parsed or evaluated."""

from __future__ import annotations

__all__ = ["BaseError"]


class BaseError(Exception):
    """An expected failure of a base: bad YAML, a syntax error, an unknown function or property,
    a type error. `expression` is the text that failed; `line` its 1-based line in the `.base` file
    (or the note holding a `base` block), 0 when unknown; the caller adds the file."""

    def __init__(self, message: str, expression: str = "", line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.expression = expression
        self.line = line

    def located(self, expression: str, line: int) -> BaseError:
        """This error, with the expression and line filled in where they are not known yet."""
        return BaseError(self.message, self.expression or expression, self.line or line)

    def __str__(self) -> str:
        where = f" in `{self.expression}`" if self.expression else ""
        return f"{self.message}{where}"
