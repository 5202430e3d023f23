"""Gold annotations: one JSON object per line, one line per document (format in docs/text-extraction.md).

``{"document": "<file name>", "countries": ["USA", ...], "weapons": ["weapon:patriot", ...],
"officials": [{"name": "Joe Biden", "title": "President", "of": "country:USA"}],
"transfers": [{"supplier": "country:USA", "recipient": "country:UKR", "weapon": "weapon:stinger",
"status": "pledged"}], "claims": [{"speaker": "person:joe-biden", "text": "..."}], "note": "..."}``

``claims`` is optional: a line without it is not scored for claims. Everything else is required
(an empty list means "none in this document").
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from armsgraph.schema.errors import GoldError


class GoldOfficial(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    title: str = Field(min_length=1)
    of: str = Field(pattern=r"^(country|org):")


class GoldTransfer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    supplier: str = Field(pattern=r"^(country|org):")
    recipient: str = Field(pattern=r"^(country|org):")
    weapon: str = Field(pattern=r"^weapon:")
    status: str | None = None


class GoldClaim(BaseModel):
    model_config = ConfigDict(extra="forbid")
    speaker: str = Field(pattern=r"^(person|org|country):")
    text: str = Field(min_length=1)


class GoldDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: str = Field(min_length=1, description="File name of the document (.txt or .md).")
    countries: list[str]
    weapons: list[str]
    officials: list[GoldOfficial]
    transfers: list[GoldTransfer]
    claims: list[GoldClaim] | None = None
    note: str | None = None

    @field_validator("countries")
    @classmethod
    def _iso3(cls, v: list[str]) -> list[str]:
        bad = [c for c in v if len(c) != 3 or not c.isupper()]
        if bad:
            raise ValueError(f"countries are ISO alpha-3 codes, got {bad}")
        return v


def read_gold(path: Path) -> list[GoldDocument]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path.name}: cannot read: {exc}") from exc
    out: list[GoldDocument] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            doc = GoldDocument.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path.name}:{number}: invalid JSON: {exc.msg}") from exc
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"])
            raise GoldError(f"{path.name}:{number}:{field}: {err['msg']}") from exc
        if doc.document in seen:
            raise GoldError(f"{path.name}:{number}:document: {doc.document} is annotated twice")
        seen.add(doc.document)
        out.append(doc)
    if not out:
        raise GoldError(f"{path.name}: no gold annotations")
    return out
