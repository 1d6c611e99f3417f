"""Deterministic helpers: split a total into integer parts that add up exactly (the demo's figures must
match to the đồng), and pick dates."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta


def split_total(total: int, weights: Sequence[float], *, step: int = 1, minimum: int = 0) -> list[int]:
    """Parts proportional to ``weights``, each ``minimum`` plus a multiple of ``step``, summing to ``total``.

    Largest-remainder rounding, so the parts stay close to the proportions and the sum is exact.
    """
    count = len(weights)
    if count == 0:
        if total:
            raise ValueError("nothing to split a non-zero total over")
        return []
    spare = total - minimum * count
    if spare < 0 or spare % step:
        raise ValueError(f"cannot split {total} into {count} parts of {minimum}+{step}k")
    units = spare // step
    weight_sum = sum(weights)
    raw = [units * w / weight_sum for w in weights]
    parts = [int(r) for r in raw]
    by_remainder = sorted(range(count), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in by_remainder[: units - sum(parts)]:
        parts[i] += 1
    return [minimum + p * step for p in parts]


def split_part(part: int, wholes: Sequence[int], rng: random.Random, *, jitter: float = 0.06) -> list[int]:
    """Split ``part`` over places with ``wholes`` (e.g. cremations over each commune's deaths) so that
    0 <= part_i <= whole_i, the rates vary a little around the overall rate, and the sum is exact."""
    total = sum(wholes)
    if not 0 <= part <= total:
        raise ValueError(f"{part} is not a part of {total}")
    rate = part / total if total else 0.0
    parts = [
        min(w, max(0, round(w * min(1.0, max(0.0, rate + rng.uniform(-jitter, jitter)))))) for w in wholes
    ]
    difference = part - sum(parts)
    order = list(range(len(wholes)))
    while difference:
        rng.shuffle(order)
        for i in order:
            if difference > 0 and parts[i] < wholes[i]:
                parts[i] += 1
                difference -= 1
            elif difference < 0 and parts[i] > 0:
                parts[i] -= 1
                difference += 1
            if not difference:
                break
    return parts


def jittered(rng: random.Random, count: int, spread: float = 0.4) -> list[float]:
    """``count`` weights around 1, so that generated parts differ like real ones do."""
    return [rng.uniform(1 - spread, 1 + spread) for _ in range(count)]


def day_between(rng: random.Random, first: date, last: date) -> date:
    """A day from ``first`` to ``last`` inclusive."""
    return first + timedelta(days=rng.randint(0, (last - first).days))
