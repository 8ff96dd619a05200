from pathlib import Path

from desktop_app.core.models import Generation, Service, Status
from desktop_app.core.store import JobStore


def test_store_round_trip_and_families(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.sqlite3")
    root = store.add(Generation(service=Service.SKY, source="/photos/a.jpg"))
    assert root.id is not None and root.root_id == root.id and root.status is Status.DRAFT
    var = store.add(Generation(service=Service.SKY, source="/photos/a.jpg", parent_id=root.id))
    assert var.root_id == root.id
    store.update(var.id, status=Status.DONE, result_files=["/x/1.jpg", "/x/2.jpg"])
    again = JobStore(tmp_path / "jobs.sqlite3")  # a new process sees the same rows
    got = again.get(var.id)
    assert got.status is Status.DONE and got.result_files == ["/x/1.jpg", "/x/2.jpg"]
    assert got.finished_at is not None
    assert [g.id for g in again.family(root.id)] == [root.id, var.id]
    assert [g.id for g in again.roots()] == [root.id]
    assert [g.id for g in again.unfinished()] == [root.id]
    store.close()
    again.close()
