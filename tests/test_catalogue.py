"""The Chinese catalogue is complete, and the compiled file the portal reads says what the catalogue says."""

import ast
import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sd]|\{\w*\}")


def entries() -> list[dict]:
    """The .po file's entries: msgctxt, msgid, msgid_plural, msgstr (or msgstr[0]) and flags."""
    found, entry, field = [], {}, None
    for line in [*(LOCALE / "django.po").read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry:
                found.append(entry)
            entry, field = {}, None
        elif line.startswith("#,"):
            entry["flags"] = {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            field = "msgstr" if field == "msgstr[0]" else field
            entry[field] = ast.literal_eval(value)
    return [entry for entry in found if entry.get("msgid")]  # the header has an empty msgid


def test_every_entry_is_translated_and_none_is_fuzzy():
    catalogue = entries()
    assert len(catalogue) > 500
    assert [entry["msgid"] for entry in catalogue if not entry.get("msgstr")] == []
    assert [entry["msgid"] for entry in catalogue if "fuzzy" in entry.get("flags", ())] == []


def test_translations_keep_every_placeholder():
    for entry in entries():
        source = entry["msgid"] + entry.get("msgid_plural", "")
        assert set(PLACEHOLDER.findall(entry["msgstr"])) <= set(PLACEHOLDER.findall(source)), entry["msgid"]
        assert set(PLACEHOLDER.findall(entry["msgid"])) <= set(PLACEHOLDER.findall(entry["msgstr"])), entry["msgid"]


def test_the_compiled_catalogue_matches_the_source():
    with (LOCALE / "django.mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    for entry in entries():
        if "msgid_plural" in entry:
            continue  # plural entries are keyed apart; their first form is checked through ngettext below
        if "msgctxt" in entry:
            assert translations.pgettext(entry["msgctxt"], entry["msgid"]) == entry["msgstr"], entry["msgid"]
        else:
            assert translations.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]
    for entry in entries():
        if "msgid_plural" in entry and "msgctxt" not in entry:
            assert translations.ngettext(entry["msgid"], entry["msgid_plural"], 1) == entry["msgstr"], entry["msgid"]
