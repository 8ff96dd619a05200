"""What the viewer compares for the selected photo, and loading it: a screen-sized preview first,
then the full photo, both off the GUI thread; only the latest request is shown, and the last few
full decodes are kept so going back to a photo is instant."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from desktop_app.core.errors import SkyClearError
from desktop_app.core.models import Generation, Status
from desktop_app.jobs.tasks import TaskRunner
from desktop_app.ui.compare_panel import ORIGINAL, CompareChoice, ComparePanel
from desktop_app.ui.image_loader import PREVIEW_SIDE, load_image
from desktop_app.ui.library_entry import LibraryEntry
from desktop_app.ui.messages import error_text
from desktop_app.ui.prompts import Shell
from desktop_app.ui.version_strip import version_label, version_number

__all__ = ["MAX_CACHED_IMAGES", "PreviewController"]

MAX_CACHED_IMAGES = 3
MIN_PREVIEW_SIDE = 640  # a viewer not laid out yet (or tiny) still gets a usable preview
_VIEW = "view"  # the runner key of the images on screen
_BANNER = "view"  # the banner context of a photo that could not be shown

Pair = tuple[QImage, QImage | None]


def _decode_pair(paths: tuple[str, str | None], side: int | None) -> Pair:
    first = load_image(paths[0], side)
    second = load_image(paths[1], side) if paths[1] else None
    return first, second


class PreviewController(QObject):
    previewShown = Signal(str)  # path of the original now on screen
    resultShown = Signal(str)  # path of the result now on screen
    decoding = Signal()  # a photo not in memory is being decoded for the screen

    def __init__(self, compare: ComparePanel, shell: Shell, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.compare = compare
        self.shell = shell
        self.tasks = TaskRunner(2, self)
        self._images: dict[str, QImage] = {}  # full-resolution decodes, oldest first
        self._shown_paths: tuple[str | None, str | None] = (None, None)
        self._choices_for: str | None = None  # the library key the compare combos describe
        compare.choiceChanged.connect(self.show_chosen_images)

    def close(self, msecs: int = 10_000) -> None:
        self.tasks.close(msecs)

    # -- what is compared -------------------------------------------------------------------
    def show_nothing(self, library_empty: bool) -> None:
        self.tasks.drop(_VIEW)
        self.compare.show_empty(library_empty)
        if not library_empty:
            self.compare.view.clear()
            self.compare.set_choices([], ORIGINAL, None)
        self._shown_paths = (None, None)
        self._choices_for = None

    def show_entry(self, entry: LibraryEntry, prefer_after: str | None = None) -> None:
        """Fill the two choices for ``entry`` (keeping the user's picks on the same photo) and
        load them; ``prefer_after``: a result to show on the right (e.g. one just finished)."""
        self.compare.show_empty(False)
        root = entry.root
        original = root.prepared_path if root is not None and root.prepared_path and \
            Path(root.prepared_path).exists() else entry.source
        choices = [CompareChoice(ORIGINAL, self.tr("Original"), original)]
        several_jobs = len({g.root_id for g in entry.family}) > 1
        for gen in entry.done:
            index = version_number(entry, gen) - 1
            base = self.tr("Result") if index == 0 else self.tr("Variation {0}").format(index)
            for n, path in enumerate(gen.result_files):
                label = base if len(gen.result_files) == 1 else f"{base}.{n + 1}"
                if several_jobs:  # say which job: "Sky · local · 2"
                    label = version_label(entry, gen, n)
                choices.append(CompareChoice(f"{gen.id}:{n}", label, path))
        same = self.shows(entry)
        before = self.compare.before_key() if same else ORIGINAL
        after = prefer_after or (self.compare.after_key() if same else None)
        keys = [c.key for c in choices]
        if before not in keys:
            before = ORIGINAL
        if after not in keys or after == ORIGINAL:
            after = choices[-1].key if len(choices) > 1 else None
        self.compare.set_choices(choices, before, after)
        self._choices_for = entry.key
        self.show_chosen_images()

    def shows(self, entry: LibraryEntry) -> bool:
        """True when the choices on screen are ``entry``'s."""
        return self._choices_for == entry.key

    def forget_choices(self) -> None:
        self._choices_for = None

    def shown_result(self, entry: LibraryEntry | None) -> CompareChoice | None:
        """The result on the right when it is ``entry``'s, else its latest result."""
        if entry is None or not entry.done:
            return None
        choice = self.compare.choice(self.compare.after_key()) if self.shows(entry) else None
        if choice is None or choice.key == ORIGINAL:
            gen = entry.done[-1]
            choice = CompareChoice(f"{gen.id}:0", self.tr("Result"), gen.result_files[0])
        return choice

    def variation_parent(self, entry: LibraryEntry) -> Generation:
        """The result shown on the right when it is one of this photo's, else the latest."""
        key = self.compare.after_key()
        if key and key != ORIGINAL and self.shows(entry):
            gen = entry.generation(int(key.split(":")[0]))
            if gen is not None and gen.status is Status.DONE:
                return gen
        return entry.done[-1]

    def shown_version(self, entry: LibraryEntry | None) -> Generation | None:
        """The version Generate and New variation start from: the result shown, else the
        photo's latest job (None: a photo never sent)."""
        if entry is None or entry.is_draft:
            return None
        return self.variation_parent(entry) if entry.done else entry.latest

    # -- loading ----------------------------------------------------------------------------
    def show_chosen_images(self) -> None:
        """Load the two chosen images (preview first, then full size) off the GUI thread."""
        before = self.compare.choice(self.compare.before_key())
        after = self.compare.choice(self.compare.after_key())
        if before is None:
            return
        paths = (before.path, after.path if after else None)
        if paths == self._shown_paths:
            self.tasks.drop(_VIEW)  # back to what is on screen: a load on its way is stale
            return
        cached = [self._images.get(p) if p else None for p in paths]
        if cached[0] is not None and (paths[1] is None or cached[1] is not None):
            self.tasks.drop(_VIEW)
            self._display(before, after, (cached[0], cached[1]), full=True)
            return
        self.decoding.emit()
        side = self._preview_side()
        self.tasks.submit_latest(_VIEW, _decode_pair, paths, side,
                                 on_done=lambda images: self._preview_ready(before, after,
                                                                            images, side),
                                 on_error=self._image_failed)

    def _preview_side(self) -> int:
        """The preview's long side: what the viewer shows in device pixels, at most
        PREVIEW_SIDE. libjpeg decodes at 1/8 of the size in two thirds of the time it takes at
        1/2, so a photo in a laptop-sized window appears sooner; the full photo follows."""
        view = self.compare.view
        shown = max(view.width(), view.height()) * view.devicePixelRatioF()
        return int(min(PREVIEW_SIDE, max(MIN_PREVIEW_SIDE, shown)))

    def _preview_ready(self, before: CompareChoice, after: CompareChoice | None,
                       images: Pair, side: int) -> None:
        self._display(before, after, images, full=False)
        paths = (before.path, after.path if after else None)
        if all(img is None or max(img.width(), img.height()) < side for img in images):
            self._remember(paths, images)  # the preview already is the whole photo
            return
        self.tasks.submit_latest(_VIEW, _decode_pair, paths, None,
                                 on_done=lambda full: self._full_ready(before, after, full),
                                 on_error=self._image_failed)

    def _full_ready(self, before: CompareChoice, after: CompareChoice | None,
                    images: Pair) -> None:
        self._remember((before.path, after.path if after else None), images)
        self._display(before, after, images, full=True)

    def _remember(self, paths: tuple[str, str | None], images: Pair) -> None:
        evicted = []
        for path, image in zip(paths, images, strict=True):
            if path and image is not None:
                older = self._images.pop(path, None)
                if older is not None and older.cacheKey() != image.cacheKey():
                    evicted.append(older)
                    del older
                self._images[path] = image
        while len(self._images) > MAX_CACHED_IMAGES:
            evicted.append(self._images.pop(next(iter(self._images))))
        if evicted:  # a 24 MP image's memory takes milliseconds to give back: not here
            self.tasks.submit(evicted.clear)

    def _display(self, before: CompareChoice, after: CompareChoice | None, images: Pair, *,
                 full: bool) -> None:
        view = self.compare.view
        old_state = view.view_state()
        old_width = view.before_image().width() if not view.before_image().isNull() else 0
        new_pair = self._shown_paths != (before.path, after.path if after else None)
        try:
            view.set_images(images[0], images[1], before.label, after.label if after else None)
        except SkyClearError as err:
            self._image_failed(err)
            return
        if full and old_width and not old_state.fitted and old_width != images[0].width():
            # the full-size photo replaces its preview: keep what the user zoomed into
            ratio = images[0].width() / old_width
            old_state.center.setX(old_state.center.x() * ratio)
            old_state.center.setY(old_state.center.y() * ratio)
            view.set_view_state(type(old_state)(old_state.center, old_state.zoom / ratio, False))
        if new_pair:
            view.set_split(0.5)  # each new pair starts with the divider in the middle
        self._shown_paths = (before.path, after.path if after else None)
        banner = self.compare.banner
        if banner.context == _BANNER:
            banner.dismiss()
        self.previewShown.emit(before.path)
        if after is not None:
            self.resultShown.emit(after.path)

    def _image_failed(self, error: BaseException) -> None:
        self._shown_paths = (None, None)
        self.compare.view.clear()  # never the previous photo under this one's name
        self.shell.show_banner(error_text(error) if isinstance(error, SkyClearError) else
                               self.tr("The photo could not be shown."), "error",
                               context=_BANNER)
