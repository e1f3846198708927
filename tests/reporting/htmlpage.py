"""Read an HTML report the way the tests need: its elements with their attributes, and its text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    classes: set[str] = field(default_factory=set)
    children: list[Element] = field(default_factory=list)

    @property
    def cells(self) -> list[str]:
        """The texts of a table row's cells."""
        return [child.text.strip() for child in self.children if child.tag in ("th", "td")]


class Page(HTMLParser):
    """Every element of a page, in document order, each with the text inside it."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self._texts: list[str] = []
        self.feed(source)
        self.close()
        self.text = re.sub(r"\s+", " ", " ".join(self._texts))

    @classmethod
    def read(cls, path: Path) -> Page:
        return cls(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        element = Element(tag, values, classes=set(values.get("class", "").split()))
        self.elements.append(element)
        if self._open:
            self._open[-1].children.append(element)
        if tag not in {"meta", "br", "hr", "img", "input", "link", "rect", "line", "path", "circle"}:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1].tag in ("style", "script"):
            return
        self._texts.append(data)
        for element in self._open:
            element.text += data

    def find(self, tag: str, cls: str | None = None, **attrs: str) -> list[Element]:
        return [
            element
            for element in self.elements
            if element.tag == tag
            and (cls is None or cls in element.classes)
            and all(element.attrs.get(name.replace("_", "-")) == value for name, value in attrs.items())
        ]
