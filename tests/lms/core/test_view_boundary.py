"""Views call selectors and services and hold no ORM queries (issue 17): a guard that reads
every view module of the lms apps and of media_pipeline and fails on a query in it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

# What counts as a view module: by name, wherever it is in lms/ or media_pipeline/ ...
VIEW_MODULE_NAMES = ("views.py", "admin_views.py", "api.py", "wagtail_hooks.py")
# ... and the modules of views that are named otherwise (each one is mounted by a urls module).
VIEW_MODULES_NAMED_OTHERWISE = (
    "lms/core/admin_reports.py",
    "lms/learning/family.py",
    "media_pipeline/serving.py",
)

MANAGERS = {"objects", "_default_manager"}
# Queryset methods that nothing else in a view calls by these names.
QUERY_METHODS = {
    "filter",
    "exclude",
    "select_related",
    "prefetch_related",
    "values_list",
    "annotate",
    "aggregate",
    "order_by",
    "distinct",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
    "select_for_update",
    "only",
    "defer",
    "in_bulk",
    "raw",
    "extra",
    "save",
}
# Queryset methods whose names also belong to lists, dicts and strings: a query when called
# with no arguments (`.count()`, `.exists()`), or `.get()`/`.values()` with keywords/arguments
# (`request.GET.get("q", "")` and `dict.values()` are not queries).
QUERY_METHODS_WITHOUT_ARGUMENTS = {
    "exists",
    "first",
    "last",
    "all",
    "none",
    "count",
    "delete",
    "iterator",
    "latest",
    "earliest",
}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


def view_modules() -> list[str]:
    found = {
        path.relative_to(ROOT).as_posix()
        for top in ("lms", "media_pipeline")
        for path in (ROOT / top).rglob("*.py")
        if "migrations" not in path.parts
        and (path.name in VIEW_MODULE_NAMES or path.parent.name == "views")
        and path.name != "__init__.py"
    }
    return sorted(found | set(VIEW_MODULES_NAMED_OTHERWISE))


def queries_in(source: str) -> list[str]:
    """Each ORM use in the module, as "line: what"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            found.append(f"{node.lineno}: .{node.attr}")
        if not isinstance(node, ast.Call):
            continue
        func, has_arguments = node.func, bool(node.args or node.keywords)
        if isinstance(func, ast.Name) and func.id in SHORTCUTS:
            found.append(f"{node.lineno}: {func.id}()")
        if not isinstance(func, ast.Attribute):
            continue
        if (
            func.attr in QUERY_METHODS
            or (func.attr in QUERY_METHODS_WITHOUT_ARGUMENTS and not has_arguments)
            or (func.attr == "get" and node.keywords)
            or (func.attr == "values" and has_arguments)
        ):
            found.append(f"{node.lineno}: .{func.attr}()")
    return found


def test_the_guard_finds_the_queries_a_view_could_hold():
    source = """
def view(request, pk):
    a = Model.objects.all()
    b = selectors.things(user=request.user).filter(pk=pk).exists()
    c = get_object_or_404(Model, pk=pk)
    d = things.get(pk=pk)
    e = things.count()
    obj.save(update_fields=["x"])
"""
    found = sorted(line.split(": ")[1] for line in queries_in(source))
    assert found == sorted(
        [".objects", ".all()", ".filter()", ".exists()", "get_object_or_404()", ".get()"]
        + [".count()", ".save()"]
    )


def test_the_guard_leaves_plain_python_alone():
    source = """
def view(request):
    text = request.GET.get("semester", "")
    value = request.POST.get("school")
    rows = {"a": 1}.values()
    n = "a,b".count(",")
    context.update(error="x")
    return filter(None, [text, value])
"""
    assert queries_in(source) == []


@pytest.mark.parametrize("module", view_modules())
def test_a_view_module_holds_no_orm_queries(module):
    found = queries_in((ROOT / module).read_text(encoding="utf-8"))
    assert found == [], f"{module} queries in its views; move these into selectors/services"
