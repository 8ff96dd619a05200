"""How a job is worded: one word per state for the badge and the panel, and the time taken."""

from __future__ import annotations

from typing import Any

from desktop_app.core.models import EngineName, Generation, Service, Status
from desktop_app.ui.job_status import badge_word, describe_job, job_panel_text
from desktop_app.ui.library_entry import LibraryEntry


def test_the_badge_and_the_panel_name_each_state_with_the_same_word(qapp: Any) -> None:
    for engine in EngineName:
        for status in Status:
            gen = Generation(Service.SKY, "a.jpg", engine=engine, status=status)
            phrase = describe_job(gen, None)
            assert phrase.startswith(badge_word(status, engine)), (engine, status, phrase)
    cloud = Generation(Service.SKY, "a.jpg", engine=EngineName.CLOUD, status=Status.STARTING)
    assert badge_word(Status.STARTING, EngineName.CLOUD) == "Queued"
    assert describe_job(cloud, None) == "Queued at IACrea…"


def test_a_retried_job_counts_its_time_from_the_new_submission(qapp: Any) -> None:
    gen = Generation(Service.SKY, "a.jpg", engine=EngineName.LOCAL, status=Status.DONE,
                     created_at=1000.0, submitted_at=1037.0, finished_at=1047.0)
    words = job_panel_text(gen, None, busy=False, results=2, now=2000.0)
    assert words.text == "Done — 2 results" and words.elapsed == "Took 0:10"
    running = Generation(Service.SKY, "a.jpg", engine=EngineName.LOCAL,
                         status=Status.PROCESSING, created_at=1000.0, submitted_at=1037.0)
    assert job_panel_text(running, None, busy=True, results=0, now=1042.0).elapsed == \
        "Elapsed 0:05"


def test_a_rows_summary_says_stopped_or_failed_as_its_badge_does(qapp: Any) -> None:
    """A job stopped on this side (no connection, the upload refused) can be retried; only the
    service says a job failed. The row said "Sky failed" beside a "Stopped" badge."""
    for status, summary, badge in ((Status.ERROR, "Sky stopped", "Stopped"),
                                   (Status.FAILED, "Sky failed", "Failed")):
        gen = Generation(Service.SKY, "a.jpg", engine=EngineName.CLOUD, status=status)
        entry = LibraryEntry(source="a.jpg", family=[gen])
        assert (entry.summary, entry.badge[0]) == (summary, badge)
