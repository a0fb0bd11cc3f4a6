"""Records know no files: the record types and their trusted constructor import nothing of the store,
at any depth (imports inside functions included); the store builds on them, never the other way."""

import pytest
from test_layers import _imports, _inside


@pytest.mark.parametrize("module", ["llmtimeline.model", "llmtimeline.trusted", "llmtimeline.validation",
                                    "llmtimeline.typed", "llmtimeline.collector", "llmtimeline.schema"])
def test_records_and_their_rules_never_import_the_store(module):
    seen, todo, path = {module}, [module], {module: (module,)}
    while todo:
        current = todo.pop()
        for imported in _imports(current):
            assert not _inside(imported, ("llmtimeline.store", "llmtimeline.timeline", "llmtimeline.views")), \
                " -> ".join((*path[current], imported))
            if imported not in seen:
                seen.add(imported)
                path[imported] = (*path[current], imported)
                todo.append(imported)


def test_the_store_reads_records_through_the_rules():
    # the walk above would pass on a package that imports nothing: the store does depend on the rules
    assert "llmtimeline.validation" in _imports("llmtimeline.store._contract")
    assert "llmtimeline.validation" in _imports("llmtimeline.model")
