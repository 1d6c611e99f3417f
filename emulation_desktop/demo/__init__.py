"""Demo data: Hà Nội's Emulation Cluster No. 3 (Sóc Sơn, Đông Anh, Gia Lâm, Thanh Trì, Mê Linh).

Invented records whose totals reproduce every figure of the cluster's 2022 review (docs/architecture.md, The demo), loaded
through the same validated operations as a clerk's entries. It shows new users a living app and is the
end-to-end acceptance test.
"""

from __future__ import annotations

from emulation_desktop.demo.data import key_tasks
from emulation_desktop.demo.loader import load_demo

__all__ = ["key_tasks", "load_demo"]
