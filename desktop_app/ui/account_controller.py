"""The account side of the window: the credits balance, whether IACrea can be reached, the
status-bar words about both, and whether a cloud request can be sent at all."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QLocale, QObject, QTimer, Signal

from desktop_app.core import credentials
from desktop_app.core.errors import ConfigError, NetworkError, SkyClearError
from desktop_app.core.messages import Msg
from desktop_app.core.models import Credits, EngineName, Status
from desktop_app.core.settings import HostKind, Settings, save_settings
from desktop_app.engines.factory import default_engine
from desktop_app.engines.workspace import Workspace
from desktop_app.jobs.poller import JobUpdate
from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui import style
from desktop_app.ui.banner import Banner
from desktop_app.ui.messages import error_text
from desktop_app.ui.prompts import Prompt, Shell
from desktop_app.ui.service_panel import ServicePanel
from desktop_app.ui.window_layout import StatusLabels

__all__ = ["AccountController"]

OFFLINE = "offline"  # the banner context of the offline warning


class AccountController(QObject):
    creditsChanged = Signal(object)  # Credits | None

    def __init__(self, ws: Workspace, panel: ServicePanel, labels: StatusLabels, banner: Banner,
                 shell: Shell, prompt: Prompt, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws, self.panel, self.labels, self.banner = ws, panel, labels, banner
        self.shell, self.prompt = shell, prompt
        self.tasks = TaskRunner(1, self)
        self._credits: Credits | None = None
        self._credits_engine: EngineName | None = None
        self._pending = False
        self._offline = False
        self._online_known = False  # nothing said about the connection until a call tells
        self._closed = False
        self._online_timer = QTimer(self)
        self._online_timer.setInterval(15_000)
        self._online_timer.timeout.connect(self.refresh_credits)

    def close(self, msecs: int = 10_000) -> None:
        self._closed = True
        self._online_timer.stop()
        self.tasks.close(msecs)

    # -- credits ----------------------------------------------------------------------------
    def credits(self) -> Credits | None:
        return self._credits

    def forget_credits(self) -> None:
        self._credits = None

    def refresh_credits(self) -> None:
        """Ask the current engine for the balance (off the GUI thread)."""
        engine = self.panel.engine()
        if engine is EngineName.LOCAL:
            self.set_credits(None, engine)
            return
        if not credentials.has_cloud_credentials(self.ws.settings):
            self.set_credits(None, engine, note=self.tr("Add your API key in Settings to use "
                                                        "IACrea."))
            return
        if self._pending or self._closed:
            return
        if self._credits is None:
            self.set_credits(None, engine, note=self.tr("Asking IACrea for your balance…"))
        self._pending = True
        self.tasks.submit(self.ws.pipeline.credits, engine,
                          on_done=partial(self._credits_ready, engine),
                          on_error=partial(self._credits_failed, engine))

    def check_connection_soon(self) -> None:
        if not self._pending:
            self.refresh_credits()

    def _credits_ready(self, engine: EngineName, credits: Credits | None) -> None:
        self._pending = False
        self.set_online(True)
        self.set_credits(credits, engine)

    def _credits_failed(self, engine: EngineName, error: BaseException) -> None:
        self._pending = False
        message = error_text(error) if isinstance(error, SkyClearError) else \
            self.tr("The credits could not be read.")
        if isinstance(error, NetworkError):
            self.set_online(False)
        self.set_credits(self._credits if self._credits_engine is engine else None, engine,
                         note=message)

    def set_credits(self, credits: Credits | None, engine: EngineName,
                    note: str | None = None) -> None:
        self._credits = credits if engine is EngineName.CLOUD else None
        self._credits_engine = engine
        low = credits is not None and credits.total <= self.ws.settings.low_credit_warning
        if engine is EngineName.CLOUD and credits is not None and note is None and low:
            note = self.tr("Running low: top up in your IACrea account.") if credits.total else \
                self.tr("No credits left: top up in your IACrea account.")
        self.panel.set_credits(engine, credits, note=note, low=low)
        self.refresh_status_bar()
        self.creditsChanged.emit(self._credits)

    def take_update(self, update: JobUpdate) -> None:
        """A submitted cloud job reports the balance the service gave with it."""
        gen = update.gen
        if gen.remaining_credits is not None and gen.engine is EngineName.CLOUD and \
                gen.status is Status.STARTING and not update.running:
            self.set_credits(Credits(total=gen.remaining_credits), EngineName.CLOUD)

    def apply_settings(self, settings: Settings) -> None:
        """Use (and save) new settings: the engines are rebuilt, the credits asked again."""
        try:
            save_settings(settings)
        except OSError as err:
            self.shell.show_banner(self.tr("The settings could not be saved ({0}).").format(
                err.strerror or err), "error")
        self.ws.apply_settings(settings)
        self.panel.blockSignals(True)
        self.panel.set_engine(default_engine(settings))
        self.panel.blockSignals(False)
        self.panel._update_auto()
        if self.banner.context is None or self.banner.context == OFFLINE:
            self.banner.dismiss()
        self.forget_credits()
        self.refresh_status_bar()
        self.refresh_credits()

    # -- before spending --------------------------------------------------------------------
    def cloud_problem(self, need_host: bool = True) -> ConfigError | None:
        """Why a cloud request cannot be sent now (fixed in Settings), or None."""
        try:
            credentials.resolve(self.ws.settings)
        except ConfigError as err:
            return err
        if need_host and self.ws.settings.host_kind is HostKind.NONE:
            return ConfigError(Msg.NO_HOST())
        return None

    def confirm_spend(self, count: int) -> bool:
        credits = self._credits
        if credits is None:
            return True
        low = self.ws.settings.low_credit_warning
        if credits.total <= 0:
            text = self.tr("Your IACrea account has no photo credits left, so IACrea will "
                           "probably refuse %n photo(s). Send anyway?", "", count)
        elif credits.total < count:
            text = self.tr("You have %n photo credit(s) but selected {0} photos: some may be "
                           "refused. Send anyway?", "", credits.total).format(
                QLocale().toString(count))
        elif credits.total - count < low:
            text = self.tr("This uses %n photo credit(s); {0} will be left. Continue?", "",
                           count).format(QLocale().toString(credits.total - count))
        else:
            return True
        return self.prompt.confirm(self.tr("Photo credits"), text)

    def confirm_variation(self) -> bool:
        if self._credits is None or self._credits.total > 0:
            return True
        return self.prompt.confirm(
            self.tr("No credits left"),
            self.tr("Your IACrea account shows no photo credits. A variation may be free with "
                    "your plan, or IACrea may refuse it. Ask anyway?"))

    # -- connection -------------------------------------------------------------------------
    def watch_network(self) -> None:
        """Use the system's reachability information where Qt has a backend for it."""
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadBackendByFeatures(
                    QNetworkInformation.Feature.Reachability):
                return
            info = QNetworkInformation.instance()
        except (ImportError, RuntimeError, AttributeError):
            return
        if info is None:
            return
        info.reachabilityChanged.connect(self._reachability_changed)
        self._reachability_changed(info.reachability())

    def _reachability_changed(self, reachability: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Disconnected:
            self.set_online(False)
        elif reachability == QNetworkInformation.Reachability.Online and self._offline:
            self.refresh_credits()

    def set_online(self, online: bool) -> None:
        known, self._online_known = self._online_known, True
        if known and self._offline == (not online):
            return
        self._offline = not online
        if self._offline:
            if not self._closed:
                self._online_timer.start()
            if not self.banner.isVisible() or self.banner.kind() != "error":
                self.shell.show_banner(self.tr(
                    "You seem to be offline. Photos already sent keep processing at IACrea; "
                    "SkyClear keeps checking and collects the results once you are back "
                    "online. The local engine works offline."), "warning", context=OFFLINE)
        else:
            self._online_timer.stop()
            if self.banner.context == OFFLINE:
                self.banner.dismiss()
        self.refresh_status_bar()

    def is_offline(self) -> bool:
        return self._offline

    def refresh_status_bar(self) -> None:
        engine = self.panel.engine()
        labels = self.labels
        labels.engine.setText(self.tr("Engine: local (offline)") if engine is
                              EngineName.LOCAL else self.tr("Engine: IACrea cloud"))
        if engine is EngineName.LOCAL:
            labels.credits.setText(self.tr("No credits needed"))
        elif self._credits is None:
            labels.credits.setText(self.tr("Credits: —"))
        else:
            labels.credits.setText(self.tr("Credits: {0}").format(
                QLocale().toString(self._credits.total)))
        if engine is EngineName.CLOUD and self._online_known:
            labels.online.setText(self.tr("● Offline") if self._offline else
                                  self.tr("● Online"))
            labels.online.setStyleSheet(
                f"color: {style.DANGER if self._offline else style.SUCCESS};")
            labels.online.show()
        else:
            labels.online.hide()

