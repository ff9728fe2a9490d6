"""Every test makes an app, and every app compiled a URL builder for each of its ~180 routes
(werkzeug writes and compiles Python code for each): a fifth of the suite's CPU. The builders
are pure functions of the rule's parsed parts and its defaults (the converters are looked up on
the rule when a URL is built), so the suite compiles each shape once (tests/conftest.py)."""
from werkzeug.routing import Rule

_original = Rule._compile_builder
_builders = {}


def _compile_builder(self, append_unknown=True):
    defaults = self.defaults or {}
    constants = tuple((key, self._converters[key].to_url(value) if key in self._converters
                       else None) for key, value in defaults.items())
    key = (self.rule, tuple(self._trace), append_unknown, constants)
    if key not in _builders:
        _builders[key] = _original(self, append_unknown)
    return _builders[key]


def compile_builders_once() -> None:
    Rule._compile_builder = _compile_builder
