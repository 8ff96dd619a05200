"""The IACrea cloud engine: the API client plus an image host for the photos and masks."""

from __future__ import annotations

import mimetypes
import threading
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.api import IACreaClient
from desktop_app.core.errors import ConfigError
from desktop_app.core.messages import Msg
from desktop_app.core.models import Credits, EngineName, Generation, PollResult, Service, Submission
from desktop_app.engines.hosting import Host

NO_HOST = Msg.NO_HOST.english


class CloudEngine:
    name = EngineName.CLOUD
    needs_hosting = True
    resubmit_is_free = False

    def __init__(self, client_factory: Callable[[], IACreaClient],
                 host_factory: Callable[[], Host | None], *, account: str | None = None) -> None:
        self.account = account  # the IACrea user ID this engine sends and looks with
        self._client_factory = client_factory
        self._host_factory = host_factory
        self._host: Host | None = None
        self._local = threading.local()  # one client (one requests.Session) per thread
        self._clients: list[IACreaClient] = []
        self._lock = threading.Lock()

    @property
    def client(self) -> IACreaClient:
        client = getattr(self._local, "client", None)
        if client is None:
            client = self._client_factory()
            self._local.client = client
            with self._lock:
                self._clients.append(client)
        return client

    def check_host(self) -> None:
        """Raise ConfigError (a sentence) unless an image host is configured and usable."""
        self._image_host()

    def _image_host(self) -> Host:
        with self._lock:
            if self._host is None:
                self._host = self._host_factory()
        if self._host is None:
            raise ConfigError(Msg.NO_HOST())
        return self._host

    def host(self, path: Path) -> str:
        return self._image_host().upload(path, mimetypes.guess_type(path.name)[0] or
                                         "image/jpeg")

    def submit(self, gen: Generation) -> Submission:
        if gen.parent_remote_id is None:
            assert gen.image_url
            answer = self.client.generate(
                gen.service, gen.image_url,
                auto=gen.auto if gen.service is Service.DECLUTTER else None,
                webhook=gen.webhook)
        elif gen.service is Service.SKY:
            answer = self.client.generate_variation(gen.service, gen.parent_remote_id)
        else:
            answer = self.client.generate_variation(
                gen.service, gen.parent_remote_id, original_url=gen.image_url,
                mask_url=gen.mask_url)
        return Submission(remote_id=answer.generation_id, project_id=answer.project_id,
                          remaining_credits=answer.remaining_photos)

    def poll(self, gen: Generation) -> PollResult:
        assert gen.remote_id
        return self.client.get(gen.service, gen.remote_id).as_poll_result()

    def fetch(self, ref: str, dest: Path) -> Path:
        return self.client.download(ref, dest)

    def credits(self) -> Credits | None:
        return self.client.credits()

    def close(self) -> None:
        with self._lock:
            clients, self._clients = self._clients, []
        for client in clients:
            client.close()
