"""Writing size markers into a test file with libcst, keeping its formatting and comments.

What a file needs is judged from its source as it is now, not only from the observation: a
function that already carries the suggested size (on itself, its class or its module) is left
alone, so applying twice changes nothing the second time. Where every test of the module (or of a
class) gets one size, one ``pytestmark`` (or one class decorator) says it instead of many.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import libcst as cst

from pytest_test_categories_core import SIZES_BY_VALUE, TestSize

Key = tuple[str | None, str]  # (class qualified name or None, function name)


@dataclass(frozen=True, slots=True)
class Wanted:
    """One function's suggested size; ``marked``: the size of the marker the observation saw on it
    (the file may not show it: a base class such as ``SmallTest`` or one in another file)."""

    cls: str | None
    function: str
    size: TestSize
    marked: TestSize | None = None


@dataclass(slots=True)
class Outcome:
    source: str
    added: list[str] = field(default_factory=list)  # one line per marker written
    not_found: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # sizes that differ, left alone without --resize


def _size_of_mark(node: cst.BaseExpression) -> TestSize | None:
    """The size of ``pytest.mark.<size>`` or ``pytest.mark.<size>(...)``, else None."""
    if isinstance(node, cst.Call):
        node = node.func
    if (
        isinstance(node, cst.Attribute)
        and isinstance(node.value, cst.Attribute)
        and isinstance(node.value.value, cst.Name)
        and node.value.value.value == "pytest"
        and node.value.attr.value == "mark"
    ):
        return SIZES_BY_VALUE.get(node.attr.value)
    return None


def _sizes_in(node: cst.BaseExpression) -> list[TestSize]:
    """Sizes in a ``pytestmark`` value: one mark, or a list or tuple of marks."""
    if isinstance(node, cst.List | cst.Tuple):
        return [size for element in node.elements if (size := _size_of_mark(element.value)) is not None]
    size = _size_of_mark(node)
    return [] if size is None else [size]


def _decorator_size(decorators: Sequence[cst.Decorator]) -> TestSize | None:
    for decorator in decorators:
        size = _size_of_mark(decorator.decorator)
        if size is not None:
            return size
    return None


def _pytestmark_in(body: Iterable[cst.CSTNode]) -> tuple[bool, TestSize | None]:
    """Whether a block assigns ``pytestmark``, and the size it gives (if any)."""
    found, size = False, None
    for statement in body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Assign) and any(
                isinstance(target.target, cst.Name) and target.target.value == "pytestmark"
                for target in small.targets
            ):
                found = True
                sizes = _sizes_in(small.value)
                size = sizes[0] if sizes else size
    return found, size


@dataclass(slots=True)
class _Class:
    qualname: str
    size: TestSize | None  # its own decorator or pytestmark
    parent: str | None
    tests: list[Key] = field(default_factory=list)  # its own and its nested classes' tests


@dataclass(slots=True)
class _Function:
    key: Key
    size: TestSize | None  # its own size decorator


class _Survey(cst.CSTVisitor):
    """Where the file's tests are and which size markers it already has."""

    def __init__(self) -> None:
        self.classes: dict[str, _Class] = {}
        self.functions: dict[Key, _Function] = {}
        self._stack: list[str] = []
        self._in_function = 0

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        if self._in_function:
            return False
        parent = self._stack[-1] if self._stack else None
        qualname = f"{parent}.{node.name.value}" if parent else node.name.value
        own = _decorator_size(node.decorators)
        if own is None and isinstance(node.body, cst.IndentedBlock):
            own = _pytestmark_in(node.body.body)[1]
        self.classes[qualname] = _Class(qualname, own, parent)
        self._stack.append(qualname)
        return True

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        if not self._in_function:
            self._stack.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if not self._in_function:
            cls = self._stack[-1] if self._stack else None
            key = (cls, node.name.value)
            self.functions[key] = _Function(key, _decorator_size(node.decorators))
            if node.name.value.startswith("test"):
                for qualname in self._enclosing(cls):
                    self.classes[qualname].tests.append(key)
        self._in_function += 1
        return True

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._in_function -= 1

    def _enclosing(self, cls: str | None) -> list[str]:
        found = []
        while cls is not None:
            found.append(cls)
            cls = self.classes[cls].parent
        return found

    def size_in_force(self, key: Key, module_size: TestSize | None) -> TestSize | None:
        function = self.functions[key]
        if function.size is not None:
            return function.size
        for qualname in self._enclosing(key[0]):
            if self.classes[qualname].size is not None:
                return self.classes[qualname].size
        return module_size

    def tests(self) -> list[Key]:
        return [key for key in self.functions if key[1].startswith("test")]


def _mark(size: TestSize) -> cst.Attribute:
    return cst.Attribute(
        value=cst.Attribute(value=cst.Name("pytest"), attr=cst.Name("mark")), attr=cst.Name(size.value)
    )


class _Writer(cst.CSTTransformer):
    def __init__(
        self,
        decorate: dict[Key, TestSize],
        rename: dict[Key, TestSize],
        classes: dict[str, TestSize],
        module_size: TestSize | None,
        needs_import: bool,
    ) -> None:
        self.decorate = decorate
        self.rename = rename
        self.classes = classes
        self.module_size = module_size
        self.needs_import = needs_import
        self._stack: list[str] = []
        self._in_function = 0

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        if not self._in_function:
            parent = self._stack[-1] if self._stack else None
            self._stack.append(f"{parent}.{node.name.value}" if parent else node.name.value)
        return True

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        if self._in_function:
            return updated_node
        qualname = self._stack.pop()
        size = self.classes.get(qualname)
        if size is None:
            return updated_node
        return updated_node.with_changes(decorators=[cst.Decorator(_mark(size)), *updated_node.decorators])

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self._in_function += 1
        return True

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        self._in_function -= 1
        if self._in_function:
            return updated_node
        key = (self._stack[-1] if self._stack else None, updated_node.name.value)
        size = self.decorate.get(key)
        if size is not None:
            return updated_node.with_changes(
                decorators=[cst.Decorator(_mark(size)), *updated_node.decorators]
            )
        size = self.rename.get(key)
        if size is not None:
            return updated_node.with_changes(decorators=[_renamed(d, size) for d in updated_node.decorators])
        return updated_node

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body: list[cst.BaseStatement] = list(updated_node.body)
        if self.needs_import:
            _insert(body, _after_standard_library_imports(body), "import pytest\n", gap_after=2)
        if self.module_size is not None:
            _insert(
                body,
                _after_imports(body),
                f"pytestmark = pytest.mark.{self.module_size.value}\n",
                gap_after=1,
            )
        return updated_node.with_changes(body=body)


def _insert(body: list[cst.BaseStatement], index: int, code: str, *, gap_after: int) -> None:
    """Insert one statement at ``index``, with a blank line before it and a gap after it (before an
    import that follows, one blank line: a group of its own, as import sorters keep them)."""
    line = cst.parse_statement(code)
    assert isinstance(line, cst.SimpleStatementLine)
    following = body[index] if index < len(body) else None
    leading: list[cst.EmptyLine] = [cst.EmptyLine()] if index else []
    if isinstance(following, cst.SimpleStatementLine) and _is_import(following):
        leading = list(following.leading_lines) or leading
        body[index] = following.with_changes(leading_lines=[cst.EmptyLine()])
    elif (
        isinstance(following, cst.SimpleStatementLine | cst.BaseCompoundStatement)
        and not following.leading_lines
    ):
        body[index] = following.with_changes(leading_lines=[cst.EmptyLine()] * gap_after)
    body.insert(index, line.with_changes(leading_lines=leading))


def _renamed(decorator: cst.Decorator, size: TestSize) -> cst.Decorator:
    """The size decorator with another size; a ``timeout=`` budget is kept only when growing."""
    expression = decorator.decorator
    old = _size_of_mark(expression)
    if old is None:
        return decorator
    if isinstance(expression, cst.Call):
        if size > old:
            return decorator.with_changes(decorator=expression.with_changes(func=_mark(size)))
        return decorator.with_changes(decorator=_mark(size))
    return decorator.with_changes(decorator=_mark(size))


def _is_import(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(small, cst.Import | cst.ImportFrom) for small in statement.body
    )


def _is_docstring(statement: cst.CSTNode) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, cst.SimpleString | cst.ConcatenatedString)
    )


def _is_future(statement: cst.CSTNode) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.ImportFrom)
        and isinstance(statement.body[0].module, cst.Name)
        and statement.body[0].module.value == "__future__"
    )


def _after_docstring_and_future(body: list[cst.BaseStatement]) -> int:
    index = 0
    if body and _is_docstring(body[0]):
        index = 1
    while index < len(body) and _is_future(body[index]):
        index += 1
    return index


def _is_standard_library_import(statement: cst.CSTNode) -> bool:
    if not _is_import(statement):
        return False
    assert isinstance(statement, cst.SimpleStatementLine)
    for small in statement.body:
        if isinstance(small, cst.Import):
            names = [cst.Module([]).code_for_node(alias.name) for alias in small.names]
        elif isinstance(small, cst.ImportFrom) and small.module is not None and not small.relative:
            names = [cst.Module([]).code_for_node(small.module)]
        else:
            return False
        if any(name.split(".")[0] not in sys.stdlib_module_names for name in names):
            return False
    return True


def _after_standard_library_imports(body: list[cst.BaseStatement]) -> int:
    """Where ``import pytest`` goes: after the standard library's imports, before everything else
    (the place import sorters give a third-party package)."""
    index = _after_docstring_and_future(body)
    while index < len(body) and _is_standard_library_import(body[index]):
        index += 1
    return index


def _after_imports(body: list[cst.BaseStatement]) -> int:
    index = _after_docstring_and_future(body)
    last = index
    while index < len(body) and (_is_import(body[index]) or isinstance(body[index], cst.If | cst.Try)):
        if _is_import(body[index]):
            last = index + 1
        index += 1
    return last


def _imports_pytest(body: Sequence[cst.BaseStatement]) -> bool:
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Import) and any(
                    isinstance(alias.name, cst.Name) and alias.name.value == "pytest" and alias.asname is None
                    for alias in small.names
                ):
                    return True
    return False


def rewrite(source: str, wanted: Sequence[Wanted], *, resize: bool) -> Outcome:
    """``source`` with the markers ``wanted`` written in (``resize``: also change wrong ones)."""
    module = cst.parse_module(source)
    survey = _Survey()
    module.visit(survey)
    has_pytestmark, module_size = _pytestmark_in(module.body)
    outcome = Outcome(source)
    add: dict[Key, TestSize] = {}
    rename: dict[Key, TestSize] = {}
    override: dict[Key, TestSize] = {}
    for want in wanted:
        key = (want.cls, want.function)
        name = "::".join([*(want.cls.split(".") if want.cls else ()), want.function])
        if key not in survey.functions:
            outcome.not_found.append(name)
            continue
        in_force = survey.size_in_force(key, module_size)
        if in_force is None and want.marked is not None:  # sized where this file does not show
            in_force = want.marked
        if in_force is want.size:
            continue
        if in_force is None:
            add[key] = want.size
            continue
        if in_force is not None and not resize:
            outcome.left.append(
                f"{name}: marked {in_force.value}, suggested {want.size.value} (--resize changes it)"
            )
            continue
        if survey.functions[key].size is not None:
            rename[key] = want.size
        else:
            override[key] = want.size  # the closest marker wins: one on the function overrides its class's
    if not add and not rename and not override:
        return outcome
    decorate = {**add, **override}
    classes: dict[str, TestSize] = {}
    sizes = set(add.values())
    module_level: TestSize | None = None
    if (
        not has_pytestmark
        and len(sizes) == 1
        and not rename
        and not override
        and set(survey.tests()) == set(add)
    ):
        module_level = sizes.pop()
        decorate = {}
    else:
        for qualname, found in survey.classes.items():
            if found.size is not None or not found.tests or any(key not in add for key in found.tests):
                continue
            class_sizes = {add[key] for key in found.tests}
            parent = found.parent
            if len(class_sizes) == 1 and not (parent is not None and parent in classes):
                classes[qualname] = class_sizes.pop()
                for key in found.tests:
                    decorate.pop(key, None)
    for key, size in decorate.items():
        if module_level is None:
            outcome.added.append(f"{_shown(key)} → @pytest.mark.{size.value}")
    for qualname, size in classes.items():
        outcome.added.append(f"class {qualname} → @pytest.mark.{size.value}")
    for key, size in rename.items():
        was = survey.functions[key].size
        outcome.added.append(f"{_shown(key)} → @pytest.mark.{size.value} (was {was.value if was else '?'})")
    if module_level is not None:
        outcome.added.append(f"module → pytestmark = pytest.mark.{module_level.value}")
    writer = _Writer(decorate, rename, classes, module_level, needs_import=not _imports_pytest(module.body))
    outcome.source = module.visit(writer).code
    return outcome


def _shown(key: Key) -> str:
    cls, function = key
    return f"{cls.replace('.', '::')}::{function}" if cls else function
