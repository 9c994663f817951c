"""The scope is enforced, not a convention: views, template tags, exports, commands, API modules,
forms and PDF builders never query the resident-data models themselves. They go through the apps'
selectors and services, which ask ``privacy/`` for the user's scope.

An AST walk over ``src/frontlijn`` finds every ``Model.objects`` / ``Model._default_manager`` /
``get_object_or_404(Model, ...)`` on a resident-data model, and every generic
``x._default_manager``, in such a module. The few exceptions live in :data:`ALLOWED`, each with
its reason; an entry that no longer matches anything fails too, so the list stays true.
"""

from __future__ import annotations

import ast
from pathlib import Path

import frontlijn

ROOT = Path(frontlijn.__file__).parent
# Models holding data about residents (and the home seekers, and what the front writes about them).
RESIDENT_MODELS = frozenset(
    {
        "Household",
        "Resident",
        "Tenancy",
        "HomeSeeker",
        "Unit",
        "ContactMoment",
        "Promise",
        "Case",
        "CaseHandover",
        "Signal",
        "SignalPhoto",
        "StaffCorrection",
        "Compliment",
        "FeedbackInvitation",
        "FeedbackResponse",
    }
)
# Modules that face users or the outside: they must not query those models directly.
FACING_NAMES = frozenset({"views.py", "forms.py", "pdf.py", "exports.py", "report.py", "urls.py", "admin.py"})
# ...while selectors, services and privacy/ are where the queries belong.
LAYER_NAMES = frozenset({"selectors.py", "services.py", "models.py", "apps.py"})

# (module, model or "_default_manager") -> why it may. ONE list, a reason each.
ALLOWED: dict[tuple[str, str], str] = {
    ("api/exchange/writer.py", "Household"): "the import writer (a service) refreshes last_contact_at after "
    "a batch; the import command checked the user's right to write first (api.selectors.may_write)",
    ("api/exchange/writer.py", "ContactMoment"): "the same import writer: the newest contact per household",
    ("api/exchange/writer.py", "_default_manager"): "the import writer matches rows on idExtern to upsert "
    "them, for a user already checked by api.selectors.may_write",
    ("api/exchange/files.py", "_default_manager"): "export_csv's default queryset for the import round trip; "
    "the export command always passes the user's scoped queryset (api.selectors.export_queryset_for)",
    ("api/serializers.py", "_default_manager"): "export_json's default queryset (as above); the command "
    "passes the scoped one",
    ("plans/views.py", "Signal"): "re-reads, with their themes, only the ids the scoped selector "
    "_signal_choices returned",
}


def _facing_modules():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/migrations/" in rel or rel.startswith("privacy/"):
            continue
        app = rel.split("/")[0]
        facing = (
            path.name in FACING_NAMES
            or "/templatetags/" in rel
            or "/management/commands/" in rel
            or (app == "api" and path.name not in LAYER_NAMES)
        )
        if facing:
            yield rel, path


def _is_none_call(parents: dict, node: ast.AST) -> bool:
    parent = parents.get(node)
    return isinstance(parent, ast.Attribute) and parent.attr == "none"


def _direct_queries(tree: ast.AST) -> list[tuple[str, int]]:
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("objects", "_default_manager", "_base_manager"):
            if _is_none_call(parents, node):
                continue  # Model.objects.none(): no rows
            if isinstance(node.value, ast.Name) and node.value.id in RESIDENT_MODELS:
                found.append((node.value.id, node.lineno))
            elif node.attr != "objects":
                found.append(("_default_manager", node.lineno))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("get_object_or_404", "get_list_or_404")
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in RESIDENT_MODELS
        ):
            found.append((node.args[0].id, node.lineno))
    return sorted(found, key=lambda item: item[1])


def test_no_facing_module_queries_resident_data_outside_selectors_services_and_privacy():
    offenders, used = [], set()
    for rel, path in _facing_modules():
        for model, line in _direct_queries(ast.parse(path.read_text(encoding="utf-8"))):
            if (rel, model) in ALLOWED:
                used.add((rel, model))
            else:
                offenders.append(f"{rel}:{line} queries {model} directly")
    assert not offenders, (
        "Read resident data through the app's selectors (which ask privacy.scoping) or its services; "
        "a justified exception goes into ALLOWED with its reason:\n" + "\n".join(offenders)
    )
    stale = sorted(set(ALLOWED) - used)
    assert not stale, f"ALLOWED entries that match nothing any more (remove them): {stale}"


def test_every_exception_has_a_reason():
    assert all(len(reason) > 20 for reason in ALLOWED.values())


def test_the_walk_finds_a_direct_query():
    """The walk itself works: a view written the wrong way is caught."""
    code = (
        "from django.shortcuts import get_object_or_404\n"
        "def v(request, pk):\n"
        "    a = Household.objects.get(pk=pk)\n"
        "    b = get_object_or_404(Resident, pk=pk)\n"
        "    c = kind.model._default_manager.all()\n"
        "    d = Signal.objects.none()\n"
    )
    assert _direct_queries(ast.parse(code)) == [("Household", 3), ("Resident", 4), ("_default_manager", 5)]
