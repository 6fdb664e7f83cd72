"""Marking cohorts' progress boards stale.

A staff member's board page is stored once rendered (``board_cache``) under the
cohort's ``board_version``. Every change to something the board shows bumps that
version in the same transaction as the change, so no process on any host serves the
old page once the change is committed. The board shows, and so these call ``stale``:

- learners' results: ``results.refresh`` (when a stored result changes) and
  ``results.forget``;
- who the learners are: ``invites.accept``, ``services.remove_member``, and
  ``auth.services.delete_account`` (before the account goes);
- their names: ``auth.services.update_profile``;
- what is assigned and each learner's extension: ``assignments.add`` (which
  ``assignments.create`` and ``practice_sets.create_practice_set`` both end in),
  ``assignments.remove``, ``assignments.set_exception``;
- the cohort's time zone, in which due dates are shown: ``services.rename``.

Time passing is the one change without a writer: a stored page also records the
next due date it depends on, and is not served after it (``board_cache``).

A new writer of anything above must call ``stale`` too: the functional tests compare
every board page they are served with a fresh one, and ``test_board_cache`` has a test
per writer. Deliberately free of other app imports, so the auth package can call it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update

from app.extensions import db
from app.models import Cohort, CohortMember


def stale(cohort_ids: Iterable[int]) -> None:
    """Bump the boards' versions. One statement per cohort, in id order, so writers
    that touch several cohorts take the rows' locks in one order (PostgreSQL)."""
    for cohort_id in sorted(set(cohort_ids)):
        db.session.execute(
            update(Cohort)
            .where(Cohort.id == cohort_id)
            .values(board_version=Cohort.board_version + 1)
            .execution_options(synchronize_session=False)
        )


def stale_for_learner(user_id: int) -> None:
    """Every cohort the learner belongs to: their name or their account changes."""
    stale(db.session.scalars(select(CohortMember.cohort_id).where(CohortMember.user_id == user_id)))
