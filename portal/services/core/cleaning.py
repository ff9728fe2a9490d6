"""Text cleaned of what no field means: NUL and the other control characters (tab, line feed
and carriage return kept, for the text areas). Used at the edge for every request value
(portal/edge.py), for the names of uploaded files (storage) and for the cells of the exports."""
import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f]+")


def clean_text(value: str) -> str:
    """The text without NUL nor control characters other than tab, LF and CR."""
    return CONTROL.sub("", value)


def one_line(value: str) -> str:
    """The text on one line: every control character, line breaks and tabs included, gone
    (a file's name, which a Content-Disposition header carries)."""
    return LINE_BREAKS.sub("", value)
