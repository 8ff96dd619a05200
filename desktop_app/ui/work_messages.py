"""The window's wording of the codes about work done on this computer (``core/messages.py``):
files and folders, listings, Save As and a listing's delivery, the seller sheet, comparing,
smart select, the local engine's checks, the mask editor, and damaged files found at start.
Merged into the sentences of ``ui/messages.py``, in the same "Messages" context.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop_app.core.messages import Msg

__all__ = ["WORK_SENTENCES"]

WORK_SENTENCES: dict[Msg, object] = {
    Msg.FILE_NOT_FOUND: QT_TRANSLATE_NOOP("Messages", "%1 cannot be found."),
    Msg.FILE_UNREADABLE: QT_TRANSLATE_NOOP("Messages", "%1 cannot be read (%2)."),
    Msg.FILE_SAVE_FAILED: QT_TRANSLATE_NOOP("Messages", "%1 could not be saved in %2 (%3)."),
    Msg.FOLDER_NOT_WRITABLE: QT_TRANSLATE_NOOP("Messages", "SkyClear cannot write in %1 (%2)."),
    Msg.FOLDER_IS_FILE: QT_TRANSLATE_NOOP("Messages", "%1 is a file, not a folder."),
    Msg.EXPORT_TOO_SMALL: QT_TRANSLATE_NOOP(
        "Messages",
        "This photo cannot be made smaller than %1 kB and still be seen: raise the size cap."),
    Msg.EXPORT_IS_ORIGINAL: QT_TRANSLATE_NOOP(
        "Messages",
        "That is your original photo: choose another name, so the original stays untouched."),
    Msg.EXPORT_NO_RESULTS: QT_TRANSLATE_NOOP(
        "Messages",
        "This photo has no results to export yet."),
    Msg.DELIVERY_PRESET_UNKNOWN: QT_TRANSLATE_NOOP(
        "Messages",
        "There is no preset “%1”; the presets are %2."),
    Msg.DELIVERY_STOPPED: QT_TRANSLATE_NOOP(
        "Messages",
        "The export stopped unexpectedly; the computer may be short of memory. Close other "
        "programs and export again."),
    Msg.DELIVERY_NO_PHOTOS: QT_TRANSLATE_NOOP(
        "Messages",
        "This listing has no photos to export yet."),
    Msg.DELIVERY_ORIGINAL: QT_TRANSLATE_NOOP(
        "Messages",
        "%1 in %2 is one of your original photos: choose another folder, so the original stays "
        "untouched."),
    Msg.DELIVERY_NAME_TAKEN: QT_TRANSLATE_NOOP(
        "Messages",
        "%1 already has a file named %2: choose an empty folder, so nothing of yours is "
        "overwritten."),
    Msg.PROBLEM_WITH_FILE: QT_TRANSLATE_NOOP("Messages", "%1: %2."),
    Msg.SHEET_NOTHING_KEPT: QT_TRANSLATE_NOOP(
        "Messages",
        "No photo of this listing has a kept version yet: keep the best result of a photo "
        "first."),
    Msg.SHEET_SAVE_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "The sheet could not be saved in %1 (%2)."),
    # why the sheet could not be saved: a clause, said inside another sentence
    Msg.SHEET_WHY_NO_ROOM: QT_TRANSLATE_NOOP("Messages", "there is not enough free disk space"),
    Msg.SHEET_WHY_CUT_SHORT: QT_TRANSLATE_NOOP(
        "Messages", "the file was cut short: the disk may be full"),
    Msg.SHEET_WHY_FOLDER_NAMED: QT_TRANSLATE_NOOP(
        "Messages", "a folder there has the sheet's name"),
    Msg.SHEET_WHY_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "Messages", "SkyClear is not allowed to write there"),
    Msg.SHEET_WHY_DRAWING_STOPPED: QT_TRANSLATE_NOOP(
        "Messages", "drawing it stopped unexpectedly, perhaps for lack of memory"),
    Msg.LISTING_NAME_IN_USE: QT_TRANSLATE_NOOP(
        "Messages",
        "A listing named “%1” is already in use: rename one of them first."),
    Msg.LISTING_NEEDS_NAME: QT_TRANSLATE_NOOP(
        "Messages",
        "A listing needs a name, such as the property's address."),
    Msg.LISTING_EXISTS: QT_TRANSLATE_NOOP("Messages", "A listing named “%1” already exists."),
    Msg.RESULT_OTHER_PHOTO: QT_TRANSLATE_NOOP("Messages", "That result belongs to another photo."),
    Msg.KEEP_NEEDS_FINISHED: QT_TRANSLATE_NOOP("Messages", "Only a finished result can be kept."),
    Msg.VARIATION_NEEDS_ORIGINAL_AND_MASK: QT_TRANSLATE_NOOP(
        "Messages",
        "A declutter variation needs both the original photo and a painted mask online — paint "
        "the areas to remove and try again."),
    Msg.ADDRESS_NOT_WEB: QT_TRANSLATE_NOOP(
        "Messages",
        "The address “%1” is not a web address (http or https)."),
    Msg.GENERATION_NO_ID: QT_TRANSLATE_NOOP(
        "Messages",
        "This generation has no identifier from the service, so it cannot be looked up."),
    Msg.COMPARE_NOT_COLOUR: QT_TRANSLATE_NOOP(
        "Messages",
        "The photos cannot be compared because one of them is not a colour image."),
    Msg.COMPARE_EMPTY: QT_TRANSLATE_NOOP(
        "Messages",
        "The photos cannot be compared because one of them is empty."),
    Msg.COMPARE_NOT_8_BIT: QT_TRANSLATE_NOOP(
        "Messages",
        "The photos cannot be compared because one of them is not an 8-bit image."),
    Msg.SELECT_NEEDS_COLOUR: QT_TRANSLATE_NOOP(
        "Messages",
        "Smart select needs an 8-bit colour photo."),
    Msg.SELECT_PHOTO_TOO_SMALL: QT_TRANSLATE_NOOP(
        "Messages",
        "The photo is too small to select anything in it."),
    Msg.PHOTO_NOT_COLOUR: QT_TRANSLATE_NOOP("Messages", "The photo must be a colour image."),
    Msg.PHOTO_NOT_8_BIT: QT_TRANSLATE_NOOP(
        "Messages",
        "The photo must be an ordinary 8-bit image."),
    Msg.PHOTO_TOO_SMALL: QT_TRANSLATE_NOOP("Messages", "The photo is too small to work on."),
    Msg.SKY_MASK_SIZE: QT_TRANSLATE_NOOP(
        "Messages",
        "The sky mask does not match the size of the photo."),
    Msg.SKY_MASK_DAMAGED: QT_TRANSLATE_NOOP("Messages", "The sky mask is damaged."),
    Msg.CLICK_OFF_PHOTO: QT_TRANSLATE_NOOP(
        "Messages",
        "The point you clicked is not on the photo."),
    Msg.NO_SKY_TO_REMOVE: QT_TRANSLATE_NOOP(
        "Messages",
        "There is no sky to remove where you clicked."),
    Msg.NOT_SKY_SPOT: QT_TRANSLATE_NOOP(
        "Messages",
        "That spot does not look like sky; click inside the bright part of a window."),
    Msg.AREA_TOO_LARGE: QT_TRANSLATE_NOOP(
        "Messages",
        "That area is too large to be a window; click inside the window itself."),
    Msg.NO_SKY_WHERE_CLICKED: QT_TRANSLATE_NOOP(
        "Messages",
        "Nothing that looks like sky was found where you clicked."),
    Msg.MASK_SINGLE_CHANNEL: QT_TRANSLATE_NOOP(
        "Messages",
        "The mask must be a single-channel image the size of the photo."),
    Msg.MASK_SIZE_DIFFERS: QT_TRANSLATE_NOOP(
        "Messages",
        "The mask is %1 × %2 pixels but the photo is %3 × %4; they must be the same size."),
    Msg.MASK_PHOTO_NOT_OPEN: QT_TRANSLATE_NOOP(
        "Messages",
        "The photo is not open yet, so there is no mask to save."),
    Msg.MASK_BINARISED: QT_TRANSLATE_NOOP(
        "Messages",
        "“%1” is not a black-and-white mask, so it was turned into one (light areas = remove); "
        "check it before generating."),
    Msg.MASK_SCALED: QT_TRANSLATE_NOOP("Messages", "It was scaled to the photo's %1 × %2 pixels."),
    Msg.PREVIOUS_MASK_UNUSABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The previous mask could not be used: %1."),
    Msg.PREVIOUS_MASK_WRONG_SHAPE: QT_TRANSLATE_NOOP(
        "Messages",
        "The previous mask could not be used: it does not have the shape of this photo."),
    Msg.STORE_LOCKED: QT_TRANSLATE_NOOP(
        "Messages",
        "SkyClear's job history %1 is locked by another program (another SkyClear window or "
        "command, or a backup tool). Close it and try again."),
    Msg.SETTINGS_SET_ASIDE: QT_TRANSLATE_NOOP(
        "Messages",
        "SkyClear's settings file was damaged: it was set aside as %1 and the default settings "
        "are used. Your API key, photos and results are not affected; open Settings to choose "
        "your options again."),
    Msg.HISTORY_SET_ASIDE: QT_TRANSLATE_NOOP(
        "Messages",
        "SkyClear's job history was damaged: it was set aside as %1 and a new one was started; "
        "%2 job(s) could be read back from it. Your results on disk were not touched."),
    Msg.HISTORY_SET_ASIDE_EMPTY: QT_TRANSLATE_NOOP(
        "Messages",
        "SkyClear's job history was damaged: it was set aside as %1 and a new one was started; "
        "no job could be read back from it. Your results on disk were not touched."),
    Msg.OUT_OF_MEMORY: QT_TRANSLATE_NOOP("Messages", "There is not enough memory for this photo."),
    Msg.WENT_WRONG: QT_TRANSLATE_NOOP("Messages", "Something went wrong (%1)."),
}
