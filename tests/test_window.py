"""The main window driven end to end against the IACrea contract server and a PUT image host.

Everything is real: HTTP on 127.0.0.1, SQLite, the poll thread, the thread pools. Only the
questions a person would answer (file dialogs, confirmations) are answered by the test.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PIL import Image
from test_window_helpers import (
    SKY_PHOTO,
    add_photo,
    cloud_settings,
    entry_of,
    wait_status,
    window_factory,
)

from desktop_app.core.models import EngineName, Service, Status
from desktop_app.jobs.poller import JobUpdate
from desktop_app.ui.actions import ActionId

__all__ = ["window_factory"]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _credits(window: Any) -> int | None:
    credits = window.account.credits()
    return credits.total if credits is not None else None


def test_full_cloud_flow(qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any,
                         tmp_path: Path) -> None:
    before = _sha(SKY_PHOTO)
    window = window_factory(cloud_settings(iacrea_server, put_server))
    assert window.panel.engine() is EngineName.CLOUD
    # the balance the service reports is shown
    qtbot.waitUntil(lambda: _credits(window) == 10,
                    timeout=60_000)
    assert "10" in window.credits_status.text()

    with qtbot.waitSignal(window.previewShown, timeout=60_000):
        entry = add_photo(qtbot, window, SKY_PHOTO)
    assert entry.is_draft and entry.badge[0] == "Draft"
    assert not window.compare.view.has_after()

    seen: list[Status] = []
    window.jobUpdated.connect(lambda u: seen.append(u.gen.status))
    window.panel.set_service(Service.SKY)
    # the service moves on only when the test moves its clock: each status is certainly shown
    iacrea_server.starting_for = iacrea_server.processing_for = 3600
    window.generate()
    wait_status(qtbot, window, SKY_PHOTO, Status.STARTING)
    # the photo was prepared in a worker process (nothing else of a cloud job starts one),
    # off the window's interpreter lock
    assert window.ws.engines.local_workers().pids()
    iacrea_server.advance(3600)
    wait_status(qtbot, window, SKY_PHOTO, Status.PROCESSING)
    iacrea_server.advance(3600)
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.DONE)
    iacrea_server.starting_for, iacrea_server.processing_for = 0.2, 0.3
    assert seen.index(Status.STARTING) < seen.index(Status.PROCESSING) < seen.index(Status.DONE)
    assert seen[-1] is Status.DONE
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 1
    assert put_server.puts(), "the prepared photo went through the PUT host"

    # the result is on screen, against the original
    qtbot.waitUntil(lambda: window.compare.view.has_after(), timeout=60_000)
    assert window.compare.after_combo.currentText() == "Result"
    assert window.compare.before_combo.currentText() == "Original"
    assert Path(gen.result_files[0]).exists()
    # the balance after the call is the one the service reported
    qtbot.waitUntil(lambda: _credits(window) == 9,
                    timeout=60_000)
    assert iacrea_server.credits == 9

    # a sky variation, one click
    window.new_variation()
    qtbot.waitUntil(lambda: len(entry_of(window, SKY_PHOTO).family) == 2, timeout=60_000)
    wait_status(qtbot, window, SKY_PHOTO, Status.DONE)
    assert len(iacrea_server.calls_to("sky_interior/generate-variation")) == 1
    qtbot.waitUntil(lambda: window.compare.after_combo.currentText() == "Variation 1",
                    timeout=60_000)
    labels = [window.compare.after_combo.itemText(i)
              for i in range(window.compare.after_combo.count())]
    assert labels == ["Original", "Result", "Variation 1"]
    variation = entry_of(window, SKY_PHOTO).family[1]

    # Save As: the variation shown, at the result's own resolution, as PNG
    target = tmp_path / "out" / "listing.png"
    window.prompt.save_path = str(target)
    window.save_result_as()
    qtbot.waitUntil(target.exists, timeout=60_000)
    with Image.open(target) as saved, Image.open(variation.result_files[0]) as result:
        assert saved.format == "PNG"
        assert saved.size == result.size
    assert _sha(SKY_PHOTO) == before, "the original photo is never modified"


def test_several_photos_at_once_and_notification(qtbot: Any, window_factory: Any,
                                                 iacrea_server: Any, put_server: Any) -> None:
    from test_window_helpers import OTHER_PHOTO

    window = window_factory(cloud_settings(iacrea_server, put_server))
    window._window_is_active = lambda: False  # the user is looking at another app
    add_photo(qtbot, window, SKY_PHOTO)
    add_photo(qtbot, window, OTHER_PHOTO)
    window.library.selectAll()  # the panel answers on the next pass
    qtbot.waitUntil(lambda: window.panel.generate_button.text()
                    == "Generate 2 photos · 2 credits", timeout=10_000)
    notes: list[tuple[str, str]] = []
    window.notified.connect(lambda title, text: notes.append((title, text)))
    window.generate()
    wait_status(qtbot, window, SKY_PHOTO, Status.DONE)
    wait_status(qtbot, window, OTHER_PHOTO, Status.DONE)
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 2
    qtbot.waitUntil(lambda: len(notes) == 2, timeout=60_000)
    assert all(title == "Result ready" for title, _ in notes)
    assert not window.library_part.drafts.items(), "sent photos are no longer drafts"


def test_bad_key_is_said_in_plain_words(qtbot: Any, window_factory: Any, iacrea_server: Any,
                                        put_server: Any) -> None:
    from desktop_app.core import credentials

    settings = cloud_settings(iacrea_server, put_server)
    credentials.set_api_key("sk-wrong")
    window = window_factory(settings)
    add_photo(qtbot, window, SKY_PHOTO)
    window.generate()
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.ERROR)
    assert gen.error and "key" in gen.error.lower()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=60_000)
    assert window.banner.text() == gen.error
    assert window.banner.kind() == "error"
    assert "Open Settings" in window.banner.action_texts()
    assert iacrea_server.credits == 10, "nothing was charged"
    # the credits line says the same, not a number
    qtbot.waitUntil(lambda: "key" in window.panel.credits_detail.text().lower(), timeout=60_000)


def test_503_storm_is_ridden_out(qtbot: Any, window_factory: Any, iacrea_server: Any,
                                 put_server: Any) -> None:
    window = window_factory(cloud_settings(iacrea_server, put_server))
    add_photo(qtbot, window, SKY_PHOTO)
    # every look at the job fails for a while: the window keeps trying and says so
    iacrea_server.fail_with(503, times=12, path="sky_interior/get",
                            message="Service temporarily unavailable")
    retrying: list[JobUpdate] = []
    window.jobUpdated.connect(lambda u: retrying.append(u) if u.gen.error and
                              not u.finished else None)
    window.generate()
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.DONE, timeout=60_000)
    assert gen.error is None
    failed_polls = [c for c in iacrea_server.calls_to("sky_interior/get") if c.status == 503]
    assert len(failed_polls) == 12
    assert retrying, "the transient trouble was reported while it lasted"
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 1, "never sent twice"
    assert iacrea_server.credits == 9


def test_failed_generation_is_refunded_and_retried(qtbot: Any, window_factory: Any,
                                                   iacrea_server: Any, put_server: Any) -> None:
    window = window_factory(cloud_settings(iacrea_server, put_server))
    add_photo(qtbot, window, SKY_PHOTO)
    iacrea_server.fail_next_generation()
    window.generate()
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.FAILED)
    assert gen.error and "refunded" in gen.error
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=60_000)
    assert "refunded" in window.banner.text()
    assert window.banner.action_texts() == ["Retry"]
    # the banner and the panel say it; the status line does not repeat it a third time
    assert "refunded" in window.panel.job_error.text()
    assert window.statusBar().currentMessage() == ""  # nor an earlier "Sending 1 photo…"
    assert entry_of(window, SKY_PHOTO).badge == ("Failed", "failed")
    assert window.action(ActionId.RETRY).isEnabled()
    qtbot.waitUntil(lambda: iacrea_server.credits == 10, timeout=60_000)

    window.banner.trigger_action("Retry")
    gen = wait_status(qtbot, window, SKY_PHOTO, Status.DONE)
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 2
    assert not window.banner.isVisible()
    qtbot.waitUntil(lambda: window.compare.view.has_after(), timeout=60_000)


def test_offline_is_detected_and_shown(qtbot: Any, window_factory: Any, iacrea_server: Any,
                                       put_server: Any) -> None:
    from fault_server import free_port

    settings = cloud_settings(iacrea_server, put_server,
                              base_url=f"http://127.0.0.1:{free_port()}")
    window = window_factory(settings)
    qtbot.waitUntil(window.account.is_offline, timeout=60_000)
    assert "Offline" in window.online_status.text()
    assert window.banner.isVisible() and window.banner.kind() == "warning"
    assert "offline" in window.banner.text().lower()


def test_low_credits_warn_before_spending(qtbot: Any, window_factory: Any, iacrea_server: Any,
                                          put_server: Any) -> None:
    iacrea_server.credits = 1
    window = window_factory(cloud_settings(iacrea_server, put_server, low_credit_warning=5))
    qtbot.waitUntil(lambda: _credits(window) == 1,
                    timeout=60_000)
    assert window.panel.credits_label.text() == "1 photo credit"
    add_photo(qtbot, window, SKY_PHOTO)
    questions: list[str] = []

    def refuse(title: str, text: str) -> bool:
        questions.append(text)
        return False

    window.prompt.confirm = refuse
    window.generate()
    assert questions and "0 will be left" in questions[0]
    assert entry_of(window, SKY_PHOTO).is_draft, "nothing was sent"
    assert not iacrea_server.calls_to("sky_interior/generate")


def test_cloud_without_image_host_says_how_to_fix(qtbot: Any, window_factory: Any,
                                                  iacrea_server: Any, put_server: Any) -> None:
    window = window_factory(cloud_settings(iacrea_server, put_server, host_kind="none"))
    add_photo(qtbot, window, SKY_PHOTO)
    window.generate()
    assert window.banner.isVisible()
    assert "image host" in window.banner.text()
    assert window.banner.action_texts() == ["Open Settings"]
    assert entry_of(window, SKY_PHOTO).is_draft


def test_closing_with_jobs_running_keeps_them_for_next_start(
        qtbot: Any, window_factory: Any, iacrea_server: Any, put_server: Any) -> None:
    from test_window_helpers import make_workspace

    iacrea_server.processing_for = 3600  # the service takes its time
    settings = cloud_settings(iacrea_server, put_server)
    window = window_factory(settings)
    add_photo(qtbot, window, SKY_PHOTO)
    window.generate()
    wait_status(qtbot, window, SKY_PHOTO, Status.PROCESSING)
    asked: list[int] = []

    def keep(count: int) -> str:
        asked.append(count)
        return "keep"

    window.prompt.ask_about_running_jobs = keep
    assert window.close()
    assert asked == [1]
    assert not window.poller.isRunning()
    window.ws.close()

    # next start: the job is picked up where it was, and not sent again
    iacrea_server.finish_all()
    second = window_factory(workspace=make_workspace(settings))
    wait_status(qtbot, second, SKY_PHOTO, Status.DONE)
    assert len(iacrea_server.calls_to("sky_interior/generate")) == 1


def test_closing_can_be_cancelled_or_stop_the_jobs(qtbot: Any, window_factory: Any,
                                                   iacrea_server: Any, put_server: Any) -> None:
    iacrea_server.processing_for = 3600
    window = window_factory(cloud_settings(iacrea_server, put_server))
    add_photo(qtbot, window, SKY_PHOTO)
    window.generate()
    wait_status(qtbot, window, SKY_PHOTO, Status.PROCESSING)
    window.prompt.running_jobs_answer = "cancel"
    assert not window.close()
    assert window.isVisible() and window.poller.isRunning()
    window.prompt.running_jobs_answer = "stop"
    assert window.close()
    gen = window.ws.store.get(entry_of(window, SKY_PHOTO).family[0].id)
    assert gen.status is Status.CANCELLED
    assert gen.error and "credit stays spent" in gen.error  # it had been sent: said plainly
