"""The accurate engine's network while it trains: a BERT encoder and a head that reads the target.

``TargetClassifier`` takes the marked sentence (``analysis.sentiment.accurate.mark_target``) and
classifies the target from two of the encoder's output vectors: ``[CLS]`` (the sentence) and the
opening mark in front of the target (where the target is). Two targets of one sentence then differ
in what the head reads, not only in where the marks sit; NewsMTSC's multi-target sentences are
where the sentence-level ``[CLS]`` alone did worst. The idea is the "entity start" pooling of
relation classification (Baldini Soares et al., 2019, "Matching the Blanks").

Needs torch and transformers (the ``train`` extra); the run-time engine reads the ONNX export.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from torch import nn

HEAD_FILE = "head.pt"
HEAD_INFO = "head.json"


class TargetClassifier(nn.Module):
    """``forward(input_ids, attention_mask, token_type_ids)`` -> logits (n x labels), from the
    encoder's last layer at ``[CLS]`` and at the first ``mark_id`` of each row (``[CLS]`` again
    when the mark was cut off)."""

    def __init__(self, encoder: nn.Module, *, mark_id: int, n_labels: int, dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        self.mark_id = int(mark_id)
        self.n_labels = int(n_labels)
        width = encoder.config.hidden_size
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(2 * width, n_labels)
        nn.init.normal_(self.classifier.weight, std=encoder.config.initializer_range)
        nn.init.zeros_(self.classifier.bias)

    def forward(self, input_ids, attention_mask, token_type_ids):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state
        position = (input_ids == self.mark_id).float().argmax(dim=1)
        index = position[:, None, None].expand(-1, 1, hidden.size(-1))
        at_mark = hidden.gather(1, index).squeeze(1)
        return self.classifier(self.dropout(torch.cat([hidden[:, 0], at_mark], dim=-1)))

    @classmethod
    def from_base(cls, folder: str | Path, *, mark_id: int, n_labels: int) -> "TargetClassifier":
        """The base encoder of ``folder`` (no pooler) with a new head."""
        from transformers import BertModel

        return cls(BertModel.from_pretrained(str(folder), add_pooling_layer=False), mark_id=mark_id,
                   n_labels=n_labels)

    def save(self, folder: str | Path) -> None:
        """The encoder (``save_pretrained``) and the head (``head.pt``, ``head.json``) into ``folder``."""
        folder = Path(folder)
        self.encoder.save_pretrained(str(folder))
        torch.save(self.classifier.state_dict(), folder / HEAD_FILE)
        (folder / HEAD_INFO).write_text(json.dumps({"mark_id": self.mark_id, "n_labels": self.n_labels}),
                                        encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> "TargetClassifier":
        """A model written by ``save``."""
        from transformers import BertModel

        folder = Path(folder)
        if not (folder / HEAD_INFO).is_file():
            raise FileNotFoundError(f"{folder}: no {HEAD_INFO}; not a TargetClassifier folder "
                                    "(weights of an earlier model format?)")
        head = json.loads((folder / HEAD_INFO).read_text(encoding="utf-8"))
        model = cls(BertModel.from_pretrained(str(folder), add_pooling_layer=False), **head)
        model.classifier.load_state_dict(torch.load(folder / HEAD_FILE, weights_only=True))
        return model
