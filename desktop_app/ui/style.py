"""The look of the app: a light Fusion palette, one accent colour, roomy controls, and icons."""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

ACCENT = "#2563EB"
ACCENT_DARK = "#1D4ED8"
ACCENT_SOFT = "#DBEAFE"
SELECTED = "#F0F5FF"
TEXT = "#1F2937"
MUTED = "#667085"
BORDER = "#E4E7EC"
WINDOW = "#F4F6F9"
SURFACE = "#FFFFFF"
DANGER = "#B42318"
DANGER_SOFT = "#FEF3F2"
WARNING = "#B54708"
WARNING_SOFT = "#FFFAEB"
SUCCESS = "#067647"

# Badge colours per library status (text, background).
BADGE_COLOURS: dict[str, tuple[str, str]] = {
    "draft": ("#475467", "#F2F4F7"),
    "working": ("#1D4ED8", "#DBEAFE"),
    "done": ("#067647", "#DCFAE6"),
    "failed": ("#B42318", "#FEE4E2"),
    "stopped": ("#93370D", "#FEF0C7"),
}

_QSS = f"""
QMainWindow, QDialog {{ background: {WINDOW}; }}
QToolBar {{ background: {SURFACE}; border: none; border-bottom: 1px solid {BORDER};
            padding: 4px 10px; spacing: 4px; }}
QToolBar QToolButton {{ padding: 5px 9px; border-radius: 6px; color: {TEXT}; }}
QToolBar QToolButton:hover {{ background: #EEF2F7; }}
QToolBar QToolButton:pressed {{ background: {ACCENT_SOFT}; }}
QToolBar QToolButton:disabled {{ color: #A0A6AF; }}
QStatusBar {{ background: {SURFACE}; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QStatusBar QLabel {{ color: {MUTED}; padding: 0 8px; }}
QSplitter::handle {{ background: transparent; border-left: 1px solid {BORDER}; }}
QSplitter::handle:hover {{ background: {BORDER}; }}
QPushButton {{ padding: 6px 14px; border: 1px solid #D0D5DD; border-radius: 7px;
               background: {SURFACE}; color: {TEXT}; }}
QPushButton:hover {{ background: #F2F4F7; }}
QPushButton:pressed {{ background: #E4E7EC; }}
QPushButton:disabled {{ color: #A0A6AF; background: #F7F8FA; border-color: {BORDER}; }}
QPushButton:checked {{ background: {ACCENT_SOFT}; border-color: {ACCENT}; color: {ACCENT_DARK}; }}
QPushButton#primary {{ background: {ACCENT}; border: 1px solid {ACCENT}; color: white;
                       font-weight: 600; padding: 8px 18px; }}
QPushButton#primary:hover {{ background: {ACCENT_DARK}; }}
QPushButton#primary:disabled {{ background: #A4BCF3; border-color: #A4BCF3; color: #F5F8FF; }}
QPushButton[compact="true"] {{ padding: 5px 9px; min-width: 16px; }}
QPushButton#link {{ border: none; background: transparent; color: {ACCENT}; padding: 2px 4px; }}
QPushButton#link:hover {{ text-decoration: underline; }}
QFrame#panel {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 10px; }}
QLabel#panelTitle {{ font-weight: 600; color: {TEXT}; }}
QLabel#sectionTitle {{ color: {MUTED}; font-size: 11px; font-weight: 600; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#hint {{ color: {MUTED}; }}
QLabel#credits {{ font-size: 15px; font-weight: 600; color: {TEXT}; }}
QLineEdit, QSpinBox {{ padding: 5px 7px; border: 1px solid #D0D5DD; border-radius: 6px;
                       background: {SURFACE}; }}
QLineEdit:focus, QSpinBox:focus {{ border: 1px solid {ACCENT}; }}
QLineEdit:disabled {{ background: #F2F4F7; color: #98A2B3; }}
QListView#library {{ background: {SURFACE}; border: none; outline: none; }}
QFrame#banner {{ border-radius: 8px; }}
QFrame#banner[kind="error"] {{ background: {DANGER_SOFT}; border: 1px solid #FECDCA; }}
QFrame#banner[kind="warning"] {{ background: {WARNING_SOFT}; border: 1px solid #FEDF89; }}
QFrame#banner[kind="info"] {{ background: #EFF8FF; border: 1px solid #B2DDFF; }}
QFrame#banner QLabel {{ color: {TEXT}; }}
QTabWidget::pane {{ border: 1px solid {BORDER}; border-radius: 8px; background: {SURFACE};
                    top: -1px; }}
QTabBar::tab {{ padding: 6px 14px; border: 1px solid transparent; color: {MUTED}; }}
QTabBar::tab:selected {{ color: {ACCENT_DARK}; border-bottom: 2px solid {ACCENT}; }}
QProgressBar {{ border: none; background: #EAECF0; border-radius: 3px; max-height: 6px; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
"""


def light_palette() -> QPalette:
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: WINDOW,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: SURFACE,
        QPalette.ColorRole.AlternateBase: "#F7F8FA",
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.Button: SURFACE,
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.BrightText: "#FFFFFF",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.ToolTipBase: "#FFFFFF",
        QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: "#98A2B3",
        QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.Light: "#FFFFFF",
        QPalette.ColorRole.Midlight: "#F2F4F7",
        QPalette.ColorRole.Mid: "#D0D5DD",
        QPalette.ColorRole.Dark: "#98A2B3",
        QPalette.ColorRole.Shadow: "#667085",
    }
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#A0A6AF"))
    return pal


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setPalette(light_palette())
    app.setStyleSheet(_QSS + _spin_box_qss())


def _spin_box_qss() -> str:
    """Spin-box arrows: a styled spin box no longer draws its own (they showed as brackets)."""
    up = resource_path("icons", "chevron-up.svg").replace("\\", "/")
    down = resource_path("icons", "chevron-down.svg").replace("\\", "/")
    return f"""
QSpinBox {{ padding-right: 20px; }}
QSpinBox::up-button, QSpinBox::down-button {{ subcontrol-origin: border; width: 18px;
    border: none; border-left: 1px solid {BORDER}; background: transparent; }}
QSpinBox::up-button {{ subcontrol-position: top right; border-top-right-radius: 6px; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; border-bottom-right-radius: 6px; }}
QSpinBox::up-button:hover, QSpinBox::down-button:hover {{ background: #F2F4F7; }}
QSpinBox::up-arrow {{ image: url("{up}"); width: 10px; height: 6px; }}
QSpinBox::down-arrow {{ image: url("{down}"); width: 10px; height: 6px; }}
QSpinBox::up-arrow:disabled, QSpinBox::down-arrow:disabled {{ image: none; }}
"""


def resource_path(*parts: str) -> str:
    return str(resources.files("desktop_app.resources").joinpath(*parts))


@cache
def _svg(name: str) -> QSvgRenderer:
    return QSvgRenderer(resource_path("icons", f"{name}.svg"))


def icon(name: str, colour: str | None = None) -> QIcon:
    """An icon from ``resources/icons``, optionally recoloured (the files are drawn in grey)."""
    result = QIcon()
    for side in (16, 24, 32, 48):
        result.addPixmap(icon_pixmap(name, side, colour))
    return result


def icon_pixmap(name: str, side: int, colour: str | None = None, dpr: float = 1.0) -> QPixmap:
    size = QSize(round(side * dpr), round(side * dpr))
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    _svg(name).render(painter)
    if colour:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(pixmap.rect(), QColor(colour))
    painter.end()
    pixmap.setDevicePixelRatio(dpr)
    return pixmap


def dialog_button(parent: QWidget, text: str, tip: str) -> QPushButton:
    """A button of a dialog with a canvas: never the default one, so Enter stays the canvas's
    (it adds a selection) instead of pressing a button."""
    button = QPushButton(text, parent)
    button.setToolTip(tip)
    button.setAutoDefault(False)
    button.setDefault(False)
    return button
