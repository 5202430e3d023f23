"""A SIPRI deal's Report without validating again what the parser already checked (issue 16, the read's CPU).

``schema.build`` validated each Report's four free values and then ran the model's derivations generically (copy
the defaults, dispatch per field, run the ``after`` validators through pydantic's ``__setattr__``, compare every
field before and after): about a third of the loader's time per deal. Here one Report per file is validated by the
model itself (the template: every default and the file's constants), and each deal's Report is that template with
its own values (``schema.build.replace``), when each of them is what the model would keep as it is:

* the parsed values (years, counts, flags, TIVs, delivery years, a SIPRI id) come typed and bounded from the
  format's parser, and the ids, key, stage and date are made from validated parts: taken as ``schema.build`` takes
  its ``made`` values;
* the row's free text (designation, status, comments) and the one count a parser adds up (``number_delivered``) are
  checked as ``schema.build`` checks a plain ``str``/``int`` field: a stripped string without NUL or lone surrogate,
  a 64-bit integer;
* the two derived fields are the model's own rules: ``id`` from ``Report.id_of`` (``report:`` and the bounded
  key, as ``Node._derive_id``), ``block`` from ``Report.block_of`` (``supplier|recipient``, as ``Report._block``).
  Only while the model's ``after`` validators are exactly these (and the stored-value check) and no field has a
  default factory; else every Report is built by ``schema.build``.

Anything else (a value that fails a check) goes through ``schema.build`` with the values it was given before, so a
bad record fails with the same ``ValidationError`` and ``file:line:field: reason``.
``tests/loaders/sipri/test_sipri_reports.py`` compares both ways, the models and the fields set, on real and
hostile values.
"""

from __future__ import annotations

import contextlib
from typing import Any

from pydantic import ValidationError

from armsgraph.schema import Report
from armsgraph.schema.build import build, replace
from armsgraph.schema.values import INT64_MAX, INT64_MIN, value_problem

TEXTS = ("designation", "status", "comments")
"""A deal's free text, as the parser read it (stripped): checked per deal."""
COUNTS = ("number_delivered",)
"""The count a parser may add up (the transfers format's deliveries: a sum may pass 64 bits): checked per deal."""
CHECKED = (*TEXTS, *COUNTS)

AFTER = frozenset({"_check_values", "_derive_id", "_block"})
"""The Report's ``after`` validators this module stands for: the stored-value check (the checks above, the rest
made from validated parts), the id and the block."""


def _stands_for_the_model() -> bool:
    """Whether the model's derivations are the ones :meth:`ReportMaker.make` repeats (else it always builds)."""
    decorators = Report.__pydantic_decorators__
    return (set(decorators.model_validators) == AFTER
            and all(d.info.mode == "after" for d in decorators.model_validators.values())
            and not decorators.field_validators and not decorators.validators and not decorators.root_validators
            and Report.prefix == "report" and not Report.__private_attributes__
            and all(f.default_factory is None for f in Report.model_fields.values()))


class ReportMaker:
    """One file's Reports: ``constants`` are what every Report of it says alike (the Document's, validated)."""

    def __init__(self, constants: dict[str, Any]) -> None:
        self.template: Report | None = None
        if _stands_for_the_model():
            # validated by the model itself, so every default and constant is as it keeps them; constants it refuses
            # leave every Report to schema.build, which then refuses each deal as it did
            with contextlib.suppress(ValidationError):
                self.template = Report(key="-", supplier="-", recipient="-", **constants)

    def make(self, checked: tuple[Any, ...], made: dict[str, Any]) -> Report:
        """The Report of ``checked`` (the values of :data:`CHECKED`, in order) and ``made`` (every other value a
        deal gives, made from validated parts, as ``schema.build`` takes them; the constants included)."""
        designation, status, comments, delivered = checked
        if (self.template is not None and _text(designation) and _text(status) and _text(comments)
                and (delivered is None or (type(delivered) is int and INT64_MIN <= delivered <= INT64_MAX))):
            made["designation"], made["status"], made["comments"], made["number_delivered"] = checked
            made["id"] = Report.id_of(key=made["key"])
            made["block"] = Report.block_of(made["supplier"], made["recipient"])
            return replace(self.template, made)
        return build(Report, dict(zip(CHECKED, checked, strict=True)), made)


def _text(value: Any) -> bool:
    """What a plain optional ``str`` field of a stripping model keeps as it is and the store can hold."""
    return value is None or (type(value) is str and value.strip() == value
                             and ((value.isascii() and "\x00" not in value) or value_problem(value) is None))
