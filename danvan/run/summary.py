"""What a parse did: files parsed, rejected and why, from the cache; stored with a cached run."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ParseSummary:
    files: int = 0
    parsed: int = 0
    warned: int = 0
    rejected: int = 0
    metadata: int = 0  # fetch records beside the pages (sidecars, fetch_log.csv)
    cached: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    corpus_sha256: str = ""

    def record(self) -> dict[str, Any]:
        """The summary as plain JSON-able data (stored with a cached run)."""
        return {**self.__dict__, "reasons": dict(self.reasons)}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> ParseSummary:
        """A summary restored from a cached run: every file came from the cache."""
        fields = {k: v for k, v in record.items() if k in cls.__dataclass_fields__}
        return cls(**{**fields, "reasons": Counter(record.get("reasons", {})), "cached": record["files"]})

    def lines(self) -> list[str]:
        fetched = f", {self.metadata} fetch records" if self.metadata else ""
        out = [
            f"{self.files} files: {self.parsed} parsed ({self.warned} with warnings), "
            f"{self.rejected} rejected{fetched}; {self.cached} from cache"
        ]
        out += [f"  rejected ×{n}: {reason}" for reason, n in self.reasons.most_common(8)]
        return out
