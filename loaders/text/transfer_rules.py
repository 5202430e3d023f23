"""The parts the transfer rules share over one parsed document: parties, recipients, stage cues, moving weapon
mentions and the recorder of transfer facts, each built once."""

from __future__ import annotations

from armsgraph.loaders.text.facts import Facts
from armsgraph.loaders.text.textdoc import TextDoc
from armsgraph.loaders.text.transfer_mentions import Mentions
from armsgraph.loaders.text.transfer_parties import Parties
from armsgraph.loaders.text.transfer_recipients import Recipients
from armsgraph.loaders.text.transfer_record import Recorder
from armsgraph.loaders.text.transfer_stages import Stages


class TransferRules:
    """The transfer rules' parts over one document, composed (no inheritance between them)."""

    def __init__(self, d: TextDoc, f: Facts) -> None:
        self.d = d
        """The parsed document (read-only)."""
        self.f = f
        """The facts found so far; the components add their own."""
        self.parties = Parties(d, f)
        self.recipients = Recipients(d, f, self.parties)
        self.stages = Stages(d)
        self.mentions = Mentions(d, f, self.parties)
        self.record = Recorder(d, f)
