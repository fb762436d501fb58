"""What a person types, read one way everywhere: how long each text may be, and a name tidied for showing or matching.

The limits reach the form and the browser in the definition's ``limits`` (host/building.py): each
``maxlength`` on the page, the browser's bounds on rows, evidence entries and file size, and the validator read
the same numbers, so a form filled in to its limits always validates.
"""

from __future__ import annotations

import re

# Characters in a text field (the form's maxlength; the validator's check.text limit).
MAX_NAME = 200  # a respondent's or organisation's name, a service area's or measure's name
MAX_NOTE = 5000  # a note on an answer or a row
MAX_NA_REASON = 300  # why an item is not applicable: one line (issue 30)
MAX_ACTION = 1000  # an action in the plan
MAX_OWNER = 200  # who owns the action
MAX_REVIEW = 5000  # an action's review note (issue 14)
MAX_WHAT = 500  # what an evidence entry is (issue 14)
# Evidence entries per item (issue 14).
MAX_ENTRIES = 20
# Rows a person names (service areas, measures). Far more than any real review or contract lists, and a bound that
# keeps validating, scoring and drawing a file under the size limit to a moment (200,000 blank rows took seconds).
MAX_ROWS = 1000
# A guard for the browser, not a rule about answers: no answers file comes near this, and the page reads no larger.
MAX_FILE_BYTES = 10 * 1024 * 1024

# As the definition ships them (``limits``), by the name the templates and browser modules read.
LIMITS = {"name": MAX_NAME, "note": MAX_NOTE, "na_reason": MAX_NA_REASON, "action": MAX_ACTION, "owner": MAX_OWNER,
          "review": MAX_REVIEW, "what": MAX_WHAT, "entries": MAX_ENTRIES, "rows": MAX_ROWS,
          "file_bytes": MAX_FILE_BYTES}


def tidy(value: object) -> str:
    """Typed text on one line as it is shown: white space at the ends dropped, each run inside made one space."""
    return " ".join(str(value).split())


def fold(name: str) -> str:
    """A name for matching (two areas with one name, the same area in two files): spacing and case ignored."""
    return tidy(name).casefold()


# What a terminal acts on instead of showing (issue 35): control characters but tab and line ends (ESC starts the
# sequences that move, colour or clear; NUL, BEL...), DEL, the C1 controls (U+009B is "ESC [" in one character) and
# the bidirectional controls that reorder what is shown. Answers may hold them (text is text); what is printed or
# put in a spreadsheet shows them as \uXXXX, which in JSON output is the same string.
ACTIVE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """Text as a terminal or a spreadsheet should show it: each character it would act on written as \\uXXXX."""
    return ACTIVE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
