"""Personal invite codes for the printed invitations: every invitee needs one on paper."""

from __future__ import annotations

from collections.abc import Sequence

from storage.db import Database
from storage.import_rows import new_claim_code


async def personal_codes(db: Database, delegate_ids: Sequence[int]) -> dict[int, str]:
    """Each delegate's claim code (`/start p-<code>`), made now for those who have none; the
    code links whoever opens it first to that delegate, like an imported delegate's."""
    codes: dict[int, str] = {}
    if not delegate_ids:
        return codes
    async with db.transaction() as tx:
        for start in range(0, len(delegate_ids), 500):
            chunk = list(delegate_ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            rows = await tx.fetch_all(
                f"SELECT id, claim_code FROM delegates WHERE id IN ({marks})", chunk
            )
            for delegate_id, code in rows:
                if code is None:
                    code = new_claim_code()
                    await tx.execute(
                        "UPDATE delegates SET claim_code = ? WHERE id = ?", (code, delegate_id)
                    )
                codes[int(delegate_id)] = str(code)
    return codes
