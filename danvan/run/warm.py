"""Fork after loading: what every worker needs (underthesea's models, the gazetteer, every extractor's
patterns) loaded in the parent while the first pass runs, so the workers forked for the expensive pass
inherit it instead of each loading it again."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from danvan.stored import Stored

# A made-up article that touches every extractor: a dateline, places, organisations, an official, figures,
# a document, a model and an abbreviation.
_SAMPLE = """Tuyên Quang: Dân vận khéo ở xã Minh Quang
Thứ Hai, 12/08/2024 - 09:15
Ngày 10/8, Ban Dân vận Huyện ủy Chiêm Hóa phối hợp với Ủy ban MTTQ huyện tổ chức hội nghị sơ kết.
Đồng chí Nguyễn Văn An, Trưởng Ban Dân vận Huyện ủy cho biết, theo Kế hoạch số 12-KH/HU, toàn huyện có 45 mô
hình “Dân vận khéo”, 1.200 hộ hiến 26.000 m2 đất làm đường. Hội LHPN xã Minh Quang với mô hình “Góc xanh” đã
thu hút 300 hội viên tham gia xây dựng nông thôn mới (NTM).
Tin, ảnh: Hồng Nhung
"""


def warm_up() -> None:
    """Load what parsing an article needs (in this process), by parsing a sample; errors are left to the
    real articles."""
    from danvan.extract.combine import extract_all  # loaded when called, not when imported
    from danvan.ingest.read import build_article

    try:
        extract_all(build_article("warm-up", "warm-up.txt", _SAMPLE))
    except Exception:  # only a head start: the workers load what they need themselves
        return


def stores() -> dict[str, Stored[Any]]:
    """The data built once (the gazetteer, underthesea's segmentation data, the parsed vocabulary, the
    provinces' own place names), by the name of the cache folder each is kept in."""
    from danvan import vocab
    from danvan.extract import gazetteer, themes
    from danvan.ingest import underthesea_parts

    return {
        "gazetteer": gazetteer.STORE,
        "segmentation": underthesea_parts.STORE,
        "vocabulary": vocab.STORE,
        "own-place-names": themes.OWN_PLACE_NAMES,
    }


def keep_stores_in(cache_folder: Path) -> None:
    """Read the data built once (:func:`stores`) from the cache's stores, and keep it there when it is built:
    in this process and in what it forks."""
    from danvan.run.cache import extractor_version

    for folder, store in stores().items():
        store.keep_in(cache_folder / folder / f"{extractor_version()}.json")


def start_warm_up() -> threading.Thread:
    """Load what the workers need in a background thread of this process; join it before forking them."""
    thread = threading.Thread(target=warm_up, name="danvan-warm-up", daemon=True)
    thread.start()
    return thread
