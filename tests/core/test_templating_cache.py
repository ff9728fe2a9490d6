"""The compiled templates kept for the process (portal/templating.py): a second app renders from
the code the first compiled, and a template changed on disk is compiled again."""
import jinja2

from portal.templating import CompiledTemplates


def _environment(folder, cache):
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache)


def test_two_environments_compile_a_template_once_until_it_changes(tmp_path, monkeypatch):
    cache, compiled = CompiledTemplates(), []
    dump = cache.dump_bytecode
    monkeypatch.setattr(cache, "dump_bytecode", lambda bucket: compiled.append(1) or dump(bucket))
    (tmp_path / "page.html").write_text("Bonjour {{ name }}")
    first, second = _environment(tmp_path, cache), _environment(tmp_path, cache)
    assert first.get_template("page.html").render(name="Claire") == "Bonjour Claire"
    assert second.get_template("page.html").render(name="Paul") == "Bonjour Paul"
    assert len(compiled) == 1
    (tmp_path / "page.html").write_text("Au revoir {{ name }}")
    assert _environment(tmp_path, cache).get_template("page.html").render(name="Paul") == \
        "Au revoir Paul"
    assert len(compiled) == 2


def test_the_portal_keeps_its_compiled_templates(app):
    assert isinstance(app.jinja_env.bytecode_cache, CompiledTemplates)
