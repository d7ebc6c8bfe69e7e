"""Check-in codes: what a registered person shows at the door, typed by a recruiter.

Random (the secrets module), 10 characters from an alphabet without look-alikes
(no 0/O, 1/I/L, 5/S, 2/Z, 8/B), so about 47 bits: not guessable, and easy to
read aloud or type. A typed code is normalised (case, spaces, dashes) before it
is compared, and compared in constant time (`hmac.compare_digest`) against
every code of the session, so the time taken says nothing of how close a guess
came.
"""

import hmac
import re
import secrets

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 10
MAX_TYPED = 40

_ALLOWED = re.compile(f"[{ALPHABET}]{{{LENGTH}}}")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed) -> str:
    """The code as stored: upper case, without the spaces and dashes people type between its groups."""
    if not isinstance(typed, str):
        return ""
    return re.sub(r"[\s\-]", "", typed[:MAX_TYPED]).upper()


def is_well_formed(code: str) -> bool:
    return bool(_ALLOWED.fullmatch(code))


def grouped(code: str) -> str:
    """ "ACDE-FGHJK": easier to read out."""
    return f"{code[:5]}-{code[5:]}" if len(code) == LENGTH else code


def find(code: str, candidates) -> object | None:
    """The item of `candidates` ((code, item) pairs) whose code is `code`, compared in constant time; every pair
    is compared, whatever matches."""
    found = None
    for stored, item in candidates:
        if hmac.compare_digest(stored.encode(), code.encode()) and found is None:
            found = item
    return found
