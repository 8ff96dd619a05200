"""What SkyClear tells a person, as data: a stable code and its parameters.

Errors and job messages are raised and stored as a ``Message``; its ``text`` is the English
sentence the command line prints and the log keeps. The window words the same code in the
user's language (``ui/messages.py``), and a failure stored with a generation keeps its code, so
it is shown translated after a restart too. A sentence without a code of its own travels as
``Msg.OTHER`` (the English text as its one parameter) and is shown as it is; ``OTHER_IN_SETTINGS``
is the same for an error whose kind is fixed in Settings (a ``ConfigError``, a refused key).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = ["ENGLISH", "Message", "Msg"]


class Msg(StrEnum):
    """One code per sentence. Stored in the job store: never rename or reuse a value."""

    OTHER = "other"  # {0}: a sentence that has no code of its own (English only)
    OTHER_IN_SETTINGS = "other_in_settings"  # {0}: the same, about something fixed in Settings
    # the IACrea account and service
    API_KEY_MISSING = "api_key_missing"
    USER_ID_MISSING = "user_id_missing"
    CREDENTIALS_MISSING_KEY = "credentials_missing_key"
    CREDENTIALS_MISSING_ID = "credentials_missing_id"
    CREDENTIALS_MISSING_BOTH = "credentials_missing_both"
    CREDENTIALS_MISSING_KEY_NO_KEYRING = "credentials_missing_key_no_keyring"
    CREDENTIALS_MISSING_ID_NO_KEYRING = "credentials_missing_id_no_keyring"
    CREDENTIALS_MISSING_BOTH_NO_KEYRING = "credentials_missing_both_no_keyring"
    KEYRING_UNREADABLE = "keyring_unreadable"
    SERVICE_ADDRESS_INVALID = "service_address_invalid"
    SERVICE_INSECURE = "service_insecure"
    NO_HOST = "no_host"
    CREDITS_UNREADABLE = "credits_unreadable"
    PAID_ANSWER_UNREADABLE = "paid_answer_unreadable"
    PAID_NO_GENERATION_ID = "paid_no_generation_id"
    PAID_CONNECTION_LOST = "paid_connection_lost"
    ANSWER_UNREADABLE = "answer_unreadable"
    RESULT_REDIRECT_BAD = "result_redirect_bad"
    RESULT_REDIRECT_LOOP = "result_redirect_loop"
    RESULT_TOO_LARGE = "result_too_large"
    RESULT_NOT_IMAGE = "result_not_image"
    SECURE_CONNECTION_FAILED = "secure_connection_failed"
    SERVICE_ADDRESS_UNUSABLE = "service_address_unusable"
    SERVICE_TIMEOUT = "service_timeout"
    DOWNLOAD_TIMEOUT = "download_timeout"
    DOWNLOAD_CONNECTION_FAILED = "download_connection_failed"
    SERVICE_UNREACHABLE = "service_unreachable"
    SERVICE_REDIRECTED = "service_redirected"
    RATE_LIMITED = "rate_limited"
    SERVICE_UNAVAILABLE = "service_unavailable"
    SERVICE_INTERNAL_ERROR = "service_internal_error"
    RESULT_LINK_FAILED = "result_link_failed"  # {0}: HTTP status
    REQUEST_INVALID = "request_invalid"
    KEY_REFUSED = "key_refused"
    NO_CREDITS = "no_credits"
    SERVICE_NOT_ALLOWED = "service_not_allowed"
    GENERATION_UNKNOWN = "generation_unknown"
    REQUEST_REFUSED = "request_refused"  # {0}: HTTP status
    # a generation's life (engines/pipeline.py)
    INTERRUPTED_SUBMIT = "interrupted_submit"
    FORGOTTEN = "forgotten"
    OTHER_ACCOUNT = "other_account"  # {0}: the IACrea user ID the generation was sent with
    GAVE_UP = "gave_up"
    UNEXPECTED = "unexpected"
    UNREACHABLE_FOR = "unreachable_for"  # {0}: minutes
    ANSWER_NOT_UNDERSTOOD = "answer_not_understood"
    READY_WITHOUT_RESULT = "ready_without_result"
    UNKNOWN_STATUS = "unknown_status"  # {0}: the service's word
    SLOW = "slow"
    FAILED = "failed"  # and FAILED_BECAUSE: a local failure, as older records hold it
    FAILED_BECAUSE = "failed_because"  # {0}: why
    FAILED_REFUNDED = "failed_refunded"
    FAILED_BECAUSE_REFUNDED = "failed_because_refunded"  # {0}: why
    NO_SKY = "no_sky"
    PHOTO_GONE = "photo_gone"  # {0}: file name
    LOCAL_FAILED_BECAUSE = "local_failed_because"  # {0}: why (a fragment)
    LOCAL_INTERRUPTED = "local_interrupted"
    LOCAL_INTERNAL = "local_internal"
    LOCAL_NEEDS_MASK = "local_needs_mask"
    LOCAL_CLOSED = "local_closed"
    LOCAL_STOPPED = "local_stopped"
    PHOTO_URL_DOWNLOAD_FAILED = "photo_url_download_failed"  # {0}: URL
    LOCAL_NEEDS_PAINTED_MASK = "local_needs_painted_mask"
    CLOUD_MASK_ONLY_FOR_VARIATION = "cloud_mask_only_for_variation"
    MASK_NEEDS_FILE = "mask_needs_file"
    VARIATION_NEEDS_RESULT = "variation_needs_result"
    VARIATION_NEEDS_MASK = "variation_needs_mask"
    SKY_VARIATION_NO_MASK = "sky_variation_no_mask"
    # a darker shot of the same scene for Interior sky (engines/local/sky_bracket.py)
    DARK_FRAME_MISMATCH = "dark_frame_mismatch"
    DARK_FRAME_UNREADABLE = "dark_frame_unreadable"
    DARK_FRAME_SKY_ONLY = "dark_frame_sky_only"
    DARK_FRAME_LOCAL_ONLY = "dark_frame_local_only"
    # masks (core/masks.py)
    MASK_NOT_FOUND = "mask_not_found"  # {0}: name
    MASK_IS_FOLDER = "mask_is_folder"  # {0}: name
    MASK_OPEN_FAILED = "mask_open_failed"  # {0}: name, {1}: the system's reason
    MASK_EMPTY_FILE = "mask_empty_file"  # {0}: name
    MASK_FILE_TOO_LARGE = "mask_file_too_large"  # {0}: name
    MASK_TOO_MANY_PIXELS = "mask_too_many_pixels"  # {0}: name, {1}: megapixels
    MASK_NOT_ALLOWED = "mask_not_allowed"  # {0}: name
    MASK_UNREADABLE = "mask_unreadable"  # {0}: name
    MASK_NOT_8_BIT = "mask_not_8_bit"
    MASK_NOT_A_PICTURE = "mask_not_a_picture"
    MASK_VALUES_UNREADABLE = "mask_values_unreadable"
    MASK_SAVE_FAILED = "mask_save_failed"  # {0}: folder, {1}: the system's reason
    MASK_OTHER_PHOTO = "mask_other_photo"  # {0} × {1}: the mask's size, {2} × {3}: the photo's
    MASK_NOTHING_MARKED = "mask_nothing_marked"
    MASK_EVERYTHING_MARKED = "mask_everything_marked"
    # photos on this computer (core/imaging.py, the window's image loader)
    IMAGE_NOT_FOUND = "image_not_found"  # {0}: name
    IMAGE_NOT_ALLOWED = "image_not_allowed"  # {0}: name
    IMAGE_OPEN_FAILED = "image_open_failed"  # {0}: name, {1}: the system's reason
    IMAGE_IS_FOLDER = "image_is_folder"  # {0}: name
    IMAGE_EMPTY = "image_empty"  # {0}: name
    IMAGE_FILE_TOO_LARGE = "image_file_too_large"  # {0}: name, {1}, {2}: megabytes
    IMAGE_TOO_MANY_PIXELS = "image_too_many_pixels"  # {0}: name, {1} × {2}, {3}: megapixels
    IMAGE_TOO_LARGE_TO_OPEN = "image_too_large_to_open"  # {0}: name, {1}: megapixels
    IMAGE_RAW = "image_raw"  # {0}: name
    IMAGE_UNREADABLE = "image_unreadable"  # {0}: name
    IMAGE_HEIC = "image_heic"  # {0}: name
    IMAGE_FORMAT = "image_format"  # {0}: name, {1}: its format
    IMAGE_NO_PIXELS = "image_no_pixels"  # {0}: name, {1} × {2}
    IMAGE_OUT_OF_MEMORY = "image_out_of_memory"  # {0}: name
    IMAGE_TRUNCATED = "image_truncated"  # {0}: name
    IMAGE_DAMAGED = "image_damaged"  # {0}: name
    IMAGE_COLOUR_MODE = "image_colour_mode"  # {0}: name, {1}: mode
    IMAGE_LAB = "image_lab"
    IMAGE_SAVE_FAILED = "image_save_failed"  # {0}: folder, {1}: the system's reason
    FOLDER_CREATE_FAILED = "folder_create_failed"  # {0}: folder, {1}: the system's reason
    IMAGE_NOT_SHOWN = "image_not_shown"  # {0}: name
    IMAGE_NO_LONGER_THERE = "image_no_longer_there"  # {0}: name
    THUMBNAIL_UNREADABLE = "thumbnail_unreadable"  # {0}: name
    DISK_FULL = "disk_full"  # {0}: file name, {1}: folder
    # the image host (engines/hosting.py)
    HOST_PUT_ADDRESS = "host_put_address"
    HOST_PUT_MISSING = "host_put_missing"
    HOST_BUCKET_MISSING = "host_bucket_missing"
    HOST_SECRET_MISSING = "host_secret_missing"
    HOST_KEY_ID_MISSING = "host_key_id_missing"
    HOST_LIFETIME = "host_lifetime"  # {0}: seconds
    HOST_ENDPOINT_ADDRESS = "host_endpoint_address"
    HOST_KIND_UNKNOWN = "host_kind_unknown"  # {0}: the kind
    HOST_INSECURE = "host_insecure"
    PRESET_SERVER = "preset_server"  # {0}: provider
    PRESET_REGION = "preset_region"  # {0}: provider
    PRESET_ACCOUNT = "preset_account"  # {0}: provider
    PRESET_JURISDICTION = "preset_jurisdiction"  # {0}: provider
    HOST_SOURCE_GONE = "host_source_gone"  # {0}: name
    HOST_SOURCE_NOT_FILE = "host_source_not_file"  # {0}: name
    HOST_SOURCE_UNREADABLE = "host_source_unreadable"  # {0}: name, {1}: the system's reason
    PUT_DENIED = "put_denied"  # {0}: server, {1}: HTTP status
    PUT_NOT_FOUND = "put_not_found"  # {0}: server, {1}: HTTP status
    PUT_NOT_ALLOWED = "put_not_allowed"  # {0}: server, {1}: HTTP status
    PUT_TOO_LARGE = "put_too_large"  # {0}: server, {1}: HTTP status
    PUT_REJECTED = "put_rejected"  # {0}: server, {1}: HTTP status
    PUT_TROUBLE = "put_trouble"  # {0}: server, {1}: HTTP status
    PUT_REDIRECTED = "put_redirected"  # {0}: server, {1}: HTTP status
    PUT_TIMEOUT = "put_timeout"  # {0}: server
    PUT_SECURE_FAILED = "put_secure_failed"  # {0}: server
    PUT_UNREACHABLE = "put_unreachable"  # {0}: server
    S3_NO_KEYS = "s3_no_keys"
    S3_UNREACHABLE = "s3_unreachable"  # {0}: server
    S3_TIMEOUT = "s3_timeout"  # {0}: server
    S3_SETTINGS_INVALID = "s3_settings_invalid"  # {0}: bucket
    S3_NO_BUCKET = "s3_no_bucket"  # {0}: bucket, {1}: server
    S3_CLOCK = "s3_clock"  # {0}: server
    S3_REGION = "s3_region"  # {0}: bucket
    S3_KEYS_REFUSED = "s3_keys_refused"  # {0}: server
    S3_DENIED = "s3_denied"  # {0}: bucket
    S3_TROUBLE = "s3_trouble"  # {0}: server, {1}: the server's code
    S3_REFUSED = "s3_refused"  # {0}: server, {1}: the server's code
    S3_FAILED = "s3_failed"  # {0}: server, {1}: the error's name
    # Test upload (engines/host_check.py)
    CHECK_OK = "check_ok"
    CHECK_CHOOSE_HOST = "check_choose_host"
    CHECK_LINK_UNREACHABLE = "check_link_unreachable"  # {0}: server
    CHECK_CLOCK_OFF = "check_clock_off"  # {0}: minutes
    CHECK_LINK_EXPIRED = "check_link_expired"
    CHECK_NEEDS_PASSWORD = "check_needs_password"  # {0}: server, {1}: HTTP status
    CHECK_LINK_NOWHERE = "check_link_nowhere"  # {0}: server
    CHECK_NOT_THE_PICTURE = "check_not_the_picture"  # {0}: server
    CHECK_LINK_ERROR = "check_link_error"  # {0}: server, {1}: HTTP status
    CHECK_LOCAL_ADDRESS = "check_local_address"  # {0}: server
    CHECK_NOT_DELETED = "check_not_deleted"
    # files and folders: listings, Save As, a listing's delivery, the seller sheet
    FILE_NOT_FOUND = "file_not_found"  # {0}: name
    FILE_UNREADABLE = "file_unreadable"  # {0}: name, {1}: the system's reason
    FILE_SAVE_FAILED = "file_save_failed"  # {0}: name, {1}: folder, {2}: the system's reason
    FOLDER_NOT_WRITABLE = "folder_not_writable"  # {0}: folder, {1}: the system's reason
    FOLDER_IS_FILE = "folder_is_file"  # {0}: folder
    EXPORT_TOO_SMALL = "export_too_small"  # {0}: kilobytes
    EXPORT_IS_ORIGINAL = "export_is_original"
    EXPORT_NO_RESULTS = "export_no_results"
    DELIVERY_PRESET_UNKNOWN = "delivery_preset_unknown"  # {0}: name, {1}: the presets
    DELIVERY_STOPPED = "delivery_stopped"
    DELIVERY_NO_PHOTOS = "delivery_no_photos"
    DELIVERY_ORIGINAL = "delivery_original"  # {0}: file name, {1}: folder
    DELIVERY_NAME_TAKEN = "delivery_name_taken"  # {0}: folder, {1}: file name
    PROBLEM_WITH_FILE = "problem_with_file"  # {0}: file name, {1}: what went wrong
    SHEET_NOTHING_KEPT = "sheet_nothing_kept"
    SHEET_SAVE_FAILED = "sheet_save_failed"  # {0}: folder, {1}: why (a SHEET_WHY_… message,
    # or OTHER with the system's own words)
    SHEET_WHY_NO_ROOM = "sheet_why_no_room"
    SHEET_WHY_CUT_SHORT = "sheet_why_cut_short"
    SHEET_WHY_FOLDER_NAMED = "sheet_why_folder_named"
    SHEET_WHY_NOT_ALLOWED = "sheet_why_not_allowed"
    SHEET_WHY_DRAWING_STOPPED = "sheet_why_drawing_stopped"
    LISTING_NAME_IN_USE = "listing_name_in_use"  # {0}: name
    LISTING_NEEDS_NAME = "listing_needs_name"
    LISTING_EXISTS = "listing_exists"  # {0}: name
    RESULT_OTHER_PHOTO = "result_other_photo"
    KEEP_NEEDS_FINISHED = "keep_needs_finished"
    # requests checked before they are sent (core/api.py)
    VARIATION_NEEDS_ORIGINAL_AND_MASK = "variation_needs_original_and_mask"
    ADDRESS_NOT_WEB = "address_not_web"  # {0}: the address
    GENERATION_NO_ID = "generation_no_id"
    # comparing, smart select, the local engine's checks
    COMPARE_NOT_COLOUR = "compare_not_colour"
    COMPARE_EMPTY = "compare_empty"
    COMPARE_NOT_8_BIT = "compare_not_8_bit"
    SELECT_NEEDS_COLOUR = "select_needs_colour"
    SELECT_PHOTO_TOO_SMALL = "select_photo_too_small"
    PHOTO_NOT_COLOUR = "photo_not_colour"
    PHOTO_NOT_8_BIT = "photo_not_8_bit"
    PHOTO_TOO_SMALL = "photo_too_small"
    SKY_MASK_SIZE = "sky_mask_size"
    SKY_MASK_DAMAGED = "sky_mask_damaged"
    CLICK_OFF_PHOTO = "click_off_photo"
    NO_SKY_TO_REMOVE = "no_sky_to_remove"
    NOT_SKY_SPOT = "not_sky_spot"
    AREA_TOO_LARGE = "area_too_large"
    NO_SKY_WHERE_CLICKED = "no_sky_where_clicked"
    MASK_SINGLE_CHANNEL = "mask_single_channel"
    MASK_SIZE_DIFFERS = "mask_size_differs"  # {0} × {1}: the mask's size, {2} × {3}: the photo's
    # the mask editor
    MASK_PHOTO_NOT_OPEN = "mask_photo_not_open"
    MASK_BINARISED = "mask_binarised"  # {0}: name
    MASK_SCALED = "mask_scaled"  # {0} × {1}: the photo's size
    PREVIOUS_MASK_UNUSABLE = "previous_mask_unusable"  # {0}: why
    PREVIOUS_MASK_WRONG_SHAPE = "previous_mask_wrong_shape"
    # a damaged or locked file found at start (core/recovery.py)
    STORE_LOCKED = "store_locked"  # {0}: the job history's path
    SETTINGS_SET_ASIDE = "settings_set_aside"  # {0}: where the damaged file went
    HISTORY_SET_ASIDE = "history_set_aside"  # {0}: where it went, {1}: jobs read back
    HISTORY_SET_ASIDE_EMPTY = "history_set_aside_empty"  # {0}: where it went
    # a background step that failed on this computer
    OUT_OF_MEMORY = "out_of_memory"
    WENT_WRONG = "went_wrong"  # {0}: the kind of error (a programmer's word)

    def __call__(self, *args: str | int | Message, detail: str | None = None) -> Message:
        """This code with its parameters: ``raise ImageError(Msg.IMAGE_EMPTY(path.name))``."""
        return Message(self, tuple(args), detail)

    @property
    def english(self) -> str:
        """The English sentence, for a code without parameters."""
        return ENGLISH[self]


_SETTINGS_ALLOW = ("tick \"Allow insecure addresses\" in Settings (--allow-insecure-address) if "
                   "you trust the network.")
_NO_ACCOUNT = "or use the local engine, which needs no account."
_NO_KEYRING = (" (this computer has no system keyring, so set IACREA_API_KEY for the command "
               "line), ")
_NOT_CHARGED = "it was not sent again so you are not charged twice"

#: The English sentence of each code; ``{0}``, ``{1}``… are its parameters in order.
ENGLISH: dict[Msg, str] = {
    Msg.OTHER: "{0}",
    Msg.OTHER_IN_SETTINGS: "{0}",
    Msg.API_KEY_MISSING: "No IACrea API key is set — add your API key in Settings.",
    Msg.USER_ID_MISSING: "No IACrea user ID is set — add your user ID in Settings.",
    Msg.CREDENTIALS_MISSING_KEY: "No IACrea API key is set: add it in Settings, " + _NO_ACCOUNT,
    Msg.CREDENTIALS_MISSING_ID: "No IACrea user ID is set: add it in Settings, " + _NO_ACCOUNT,
    Msg.CREDENTIALS_MISSING_BOTH: ("Neither an IACrea API key nor a user ID is set: add them in "
                                   "Settings, " + _NO_ACCOUNT),
    Msg.CREDENTIALS_MISSING_KEY_NO_KEYRING: ("No IACrea API key is set: add it in Settings"
                                             + _NO_KEYRING + _NO_ACCOUNT),
    Msg.CREDENTIALS_MISSING_ID_NO_KEYRING: ("No IACrea user ID is set: add it in Settings"
                                            + _NO_KEYRING + _NO_ACCOUNT),
    Msg.KEYRING_UNREADABLE: ("SkyClear could not read your API key from the system keyring (it "
                             "may be locked): unlock it and try again (the command line can "
                             "also take the key from IACREA_API_KEY), or use the local engine, "
                             "which needs no account."),
    Msg.CREDENTIALS_MISSING_BOTH_NO_KEYRING: ("Neither an IACrea API key nor a user ID is set: add "
                                              "them in Settings" + _NO_KEYRING + _NO_ACCOUNT),
    Msg.SERVICE_ADDRESS_INVALID: ("The IACrea service address in Settings is not a valid web "
                                  "address."),
    Msg.SERVICE_INSECURE: ("The IACrea service address starts with http://, which would send "
                           "your API key and photos unencrypted: use https://, or "
                           + _SETTINGS_ALLOW),
    Msg.NO_HOST: ("To send a photo to IACrea it must first be put online: choose an image host "
                  "(an upload URL or an S3-compatible bucket) in Settings."),
    Msg.CREDITS_UNREADABLE: "The service's answer about your credits could not be understood.",
    Msg.PAID_ANSWER_UNREADABLE: ("The service accepted the request but its answer could not be "
                                 f"read; {_NOT_CHARGED} — check your IACrea account before "
                                 "trying again."),
    Msg.PAID_NO_GENERATION_ID: ("The service accepted the request but did not say which "
                                f"generation it started; {_NOT_CHARGED} — check the IACrea "
                                "website."),
    Msg.PAID_CONNECTION_LOST: ("The connection was lost while the request was being sent; "
                               f"{_NOT_CHARGED} — check the IACrea website before trying again."),
    Msg.ANSWER_UNREADABLE: ("The service sent an answer that could not be understood — try again "
                            "later."),
    Msg.RESULT_REDIRECT_BAD: ("The result's address redirected somewhere that cannot be "
                              "downloaded."),
    Msg.RESULT_REDIRECT_LOOP: ("The result's address redirected too many times, so it was not "
                               "downloaded."),
    Msg.RESULT_TOO_LARGE: ("The result file is far larger than any photo, so it was not "
                           "downloaded."),
    Msg.RESULT_NOT_IMAGE: ("The service sent something that is not an image instead of the "
                           "result — try downloading it again later."),
    Msg.SECURE_CONNECTION_FAILED: ("A secure connection to the service could not be made — "
                                   "check the service address in Settings and your network."),
    Msg.SERVICE_ADDRESS_UNUSABLE: ("The address could not be used — check the service address "
                                   "in Settings."),
    Msg.SERVICE_TIMEOUT: "The service took too long to answer the request — try again in a "
                         "moment.",
    Msg.DOWNLOAD_TIMEOUT: "The service took too long to download the result — try again in a "
                          "moment.",
    Msg.DOWNLOAD_CONNECTION_FAILED: ("The result could not be downloaded because the connection "
                                     "failed — check your internet connection."),
    Msg.SERVICE_UNREACHABLE: "Could not reach the IACrea service — check your internet connection.",
    Msg.SERVICE_REDIRECTED: ("The service answered with a redirect instead of a result — check "
                             "the service address in Settings."),
    Msg.RATE_LIMITED: "The service is receiving too many requests — wait a minute and try again.",
    Msg.SERVICE_UNAVAILABLE: ("The IACrea service is temporarily unavailable — try again in a "
                              "few minutes."),
    Msg.SERVICE_INTERNAL_ERROR: "The IACrea service ran into an internal error — try again later.",
    Msg.RESULT_LINK_FAILED: ("The result image could not be downloaded (error {0}); its link may "
                             "have expired — check the generation again for fresh links."),
    Msg.REQUEST_INVALID: ("The service refused the request as invalid — check the photo and the "
                          "user ID in Settings."),
    Msg.KEY_REFUSED: "Your API key was refused — check the key and user ID in Settings.",
    Msg.NO_CREDITS: ("Your IACrea account has no photo credits left — buy credits or wait for "
                     "your subscription to renew."),
    Msg.SERVICE_NOT_ALLOWED: ("Your IACrea account may not use this service right now — check "
                              "your subscription and credits on the IACrea website."),
    Msg.GENERATION_UNKNOWN: ("The service does not know this generation — it may have expired or "
                             "belong to another account."),
    Msg.REQUEST_REFUSED: "The service refused the request (error {0}).",
    Msg.INTERRUPTED_SUBMIT: ("SkyClear was interrupted while sending this request, so it may or "
                             "may not have reached IACrea. It was not sent again, so you are not "
                             "charged twice: press Retry to send it anyway."),
    Msg.FORGOTTEN: ("IACrea no longer knows this generation, so its result cannot be fetched; "
                    "Retry sends the photo again, which costs a credit."),
    Msg.OTHER_ACCOUNT: ("This photo was sent with another IACrea account (user ID {0}) and its "
                        "result is kept: to fetch it, put that account's user ID and API key back "
                        "in Settings."),
    Msg.GAVE_UP: ("Given up: IACrea may still finish it and the credit stays spent; Retry looks "
                  "for the result again at no cost."),
    Msg.UNEXPECTED: "Something went wrong on this computer while handling this photo.",
    Msg.UNREACHABLE_FOR: "IACrea unreachable for {0} min.",
    Msg.ANSWER_NOT_UNDERSTOOD: "IACrea answered something unreadable.",
    Msg.READY_WITHOUT_RESULT: "IACrea said the photo is ready but sent no picture back.",
    Msg.UNKNOWN_STATUS: ("IACrea reports this photo as “{0}”, a state SkyClear does not know; it "
                         "keeps checking."),
    Msg.SLOW: ("IACrea is taking much longer than usual; SkyClear still checks every few "
               "minutes."),
    Msg.FAILED: "The service could not process this photo.",
    Msg.FAILED_BECAUSE: "The service could not process this photo ({0}).",
    Msg.FAILED_REFUNDED: "The service could not process this photo. The photo credit was refunded.",
    Msg.FAILED_BECAUSE_REFUNDED: ("The service could not process this photo ({0}). The photo "
                                  "credit was refunded."),
    Msg.NO_SKY: "No sky found in this photo",
    Msg.PHOTO_GONE: "The photo {0} is no longer there: was it moved or deleted?",
    Msg.LOCAL_FAILED_BECAUSE: "The local engine could not process this photo ({0}).",
    Msg.LOCAL_INTERRUPTED: "the local job was interrupted",
    Msg.LOCAL_INTERNAL: "an internal error",
    Msg.LOCAL_NEEDS_MASK: "The local engine needs a mask to know what to remove.",
    Msg.LOCAL_CLOSED: "The local engine was closed before this photo's turn.",
    Msg.LOCAL_STOPPED: ("The local engine stopped unexpectedly; the computer may be short of "
                        "memory. Close other programs and press Retry."),
    Msg.PHOTO_URL_DOWNLOAD_FAILED: "The photo at {0} could not be downloaded.",
    Msg.LOCAL_NEEDS_PAINTED_MASK: ("The local engine cannot find objects to remove by itself: "
                                   "paint a mask over them, or use the IACrea cloud engine for "
                                   "automatic detection."),
    Msg.CLOUD_MASK_ONLY_FOR_VARIATION: ("With the IACrea cloud, a mask is used for a variation of "
                                        "a photo already processed: generate first, then ask for "
                                        "a variation."),
    Msg.MASK_NEEDS_FILE: "A mask needs the photo as a file on this computer, not a URL.",
    Msg.VARIATION_NEEDS_RESULT: "A variation can only be asked of a finished result.",
    Msg.VARIATION_NEEDS_MASK: ("A declutter variation needs a mask: paint over what should be "
                               "removed."),
    Msg.SKY_VARIATION_NO_MASK: "An Interior sky variation needs no mask.",
    Msg.DARK_FRAME_MISMATCH: ("This darker shot does not match the photo: choose a darker "
                              "exposure of the same scene, taken from the same spot."),
    Msg.DARK_FRAME_UNREADABLE: ("The darker shot chosen for this photo can no longer be read; "
                                "choose it again, or run Interior sky without it."),
    Msg.DARK_FRAME_SKY_ONLY: "A darker shot is only used for Interior sky.",
    Msg.DARK_FRAME_LOCAL_ONLY: ("A darker shot is only used by the local engine; the IACrea "
                                "cloud works from the photo alone."),
    Msg.MASK_NOT_FOUND: "The mask “{0}” could not be found.",
    Msg.MASK_IS_FOLDER: "“{0}” is a folder, not a mask image.",
    Msg.MASK_OPEN_FAILED: "The mask “{0}” could not be opened ({1}).",
    Msg.MASK_EMPTY_FILE: "The mask “{0}” is an empty file (0 bytes).",
    Msg.MASK_FILE_TOO_LARGE: "The mask “{0}” is too large to be a mask.",
    Msg.MASK_TOO_MANY_PIXELS: ("The mask “{0}” is too large; masks are limited to {1} megapixels "
                               "like photos."),
    Msg.MASK_NOT_ALLOWED: "SkyClear is not allowed to open the mask “{0}”; check its permissions.",
    Msg.MASK_UNREADABLE: "“{0}” is not an image SkyClear can use as a mask.",
    Msg.MASK_NOT_8_BIT: "The mask must be 8-bit when it has colour channels.",
    Msg.MASK_NOT_A_PICTURE: "The mask is not a picture (it must be a two-dimensional array).",
    Msg.MASK_VALUES_UNREADABLE: "The mask holds values SkyClear cannot read.",
    Msg.MASK_SAVE_FAILED: "The mask could not be saved in “{0}” ({1}).",
    Msg.MASK_OTHER_PHOTO: ("The mask is {0} × {1} pixels but the photo is {2} × {3}, so it seems "
                           "to belong to another photo (or to the photo turned sideways)."),
    Msg.MASK_NOTHING_MARKED: "The mask is empty — paint over what should be removed.",
    Msg.MASK_EVERYTHING_MARKED: ("The mask covers the whole photo — paint only over what should "
                                 "be removed."),
    Msg.IMAGE_NOT_FOUND: "The photo “{0}” could not be found; it may have been moved or deleted.",
    Msg.IMAGE_NOT_ALLOWED: "SkyClear is not allowed to open “{0}”; check the file's permissions.",
    Msg.IMAGE_OPEN_FAILED: "“{0}” could not be opened ({1}).",
    Msg.IMAGE_IS_FOLDER: "“{0}” is a folder, not a photo.",
    Msg.IMAGE_EMPTY: "“{0}” is an empty file (0 bytes), not a photo.",
    Msg.IMAGE_FILE_TOO_LARGE: "“{0}” is too large ({1:,} MB); SkyClear reads photos of up to "
                              "{2:,} MB.",
    Msg.IMAGE_TOO_MANY_PIXELS: ("“{0}” is too large ({1:,} × {2:,} pixels); SkyClear reads "
                                "photos of up to {3} megapixels."),
    Msg.IMAGE_TOO_LARGE_TO_OPEN: ("“{0}” is too large to open safely; SkyClear reads photos of up "
                                  "to {1} megapixels."),
    Msg.IMAGE_RAW: ("“{0}” is a camera RAW file, which SkyClear cannot read; export it as JPEG "
                    "from your photo editor first."),
    Msg.IMAGE_UNREADABLE: "“{0}” is not a photo SkyClear can read.",
    Msg.IMAGE_HEIC: ("“{0}” is a HEIC photo, which SkyClear cannot read; export it as JPEG first "
                     "(for example with File › Export in Photos on a Mac, or by choosing “Most "
                     "Compatible” under Settings › Camera › Formats on an iPhone)."),
    Msg.IMAGE_FORMAT: "“{0}” is a {1} image; SkyClear reads JPEG, PNG, WebP and TIFF photos.",
    Msg.IMAGE_NO_PIXELS: "“{0}” has no pixels ({1} × {2}).",
    Msg.IMAGE_OUT_OF_MEMORY: "“{0}” is too large to open with the memory available.",
    Msg.IMAGE_TRUNCATED: ("“{0}” is incomplete (the file is cut short); copy it again from the "
                          "camera or wherever it came from."),
    Msg.IMAGE_DAMAGED: "“{0}” is damaged and cannot be read.",
    Msg.IMAGE_COLOUR_MODE: "“{0}” uses a colour format SkyClear cannot read ({1}).",
    Msg.IMAGE_LAB: "This photo's colours (Lab) could not be converted.",
    Msg.IMAGE_SAVE_FAILED: "The image could not be saved in “{0}” ({1}).",
    Msg.FOLDER_CREATE_FAILED: "The folder “{0}” could not be created ({1}).",
    Msg.IMAGE_NOT_SHOWN: "{0} could not be shown: it is damaged or not a photo.",
    Msg.IMAGE_NO_LONGER_THERE: "{0} is no longer there: was it moved or deleted?",
    Msg.THUMBNAIL_UNREADABLE: "{0} cannot be read (check that you may open it).",
    Msg.DISK_FULL: ("There is not enough free disk space to write {0} in {1}; nothing was lost. "
                    "Free some space and try again."),
    Msg.HOST_PUT_ADDRESS: ("The upload address must start with http:// or https:// (for example "
                           "https://example.com/uploads/)."),
    Msg.HOST_PUT_MISSING: ("Enter the upload address (an http:// or https:// URL that accepts "
                           "PUT) in Settings."),
    Msg.HOST_BUCKET_MISSING: "Enter the name of the S3 bucket in Settings.",
    Msg.HOST_SECRET_MISSING: "The S3 secret key is missing; enter it in Settings.",
    Msg.HOST_KEY_ID_MISSING: "The S3 access key ID is missing; enter it in Settings.",
    Msg.HOST_LIFETIME: "The S3 link lifetime must be between 1 second and 7 days ({0} seconds).",
    Msg.HOST_ENDPOINT_ADDRESS: ("The S3 endpoint must start with http:// or https:// (for "
                                "example https://<account>.r2.cloudflarestorage.com)."),
    Msg.HOST_KIND_UNKNOWN: "Unknown kind of image host “{0}”; choose none, PUT or S3 in Settings.",
    Msg.HOST_INSECURE: ("The image host address starts with http://, so your photos (and the "
                        "upload credentials) would travel unencrypted: use https://, or "
                        + _SETTINGS_ALLOW),
    Msg.PRESET_SERVER: ("Enter the address of your {0} server, starting with https:// (for "
                        "example https://minio.example.com:9000)."),
    Msg.PRESET_REGION: "Choose the {0} region of your bucket.",
    Msg.PRESET_ACCOUNT: ("Enter your {0} account ID (32 letters and digits, shown on the R2 "
                         "overview page)."),
    Msg.PRESET_JURISDICTION: "Choose the jurisdiction of your {0} bucket.",
    Msg.HOST_SOURCE_GONE: ("The file to upload, “{0}”, is no longer there; prepare the photo "
                           "again."),
    Msg.HOST_SOURCE_NOT_FILE: "“{0}” is not a file that can be uploaded.",
    Msg.HOST_SOURCE_UNREADABLE: "The file “{0}” could not be read for uploading ({1}).",
    Msg.PUT_DENIED: ("The upload server {0} refused the photo ({1}); check the upload address "
                     "and its password or token in Settings."),
    Msg.PUT_NOT_FOUND: ("The upload server {0} answered {1}; check the upload address in "
                        "Settings (the folder may not exist)."),
    Msg.PUT_NOT_ALLOWED: ("The upload server {0} does not accept uploads at that address ({1}); "
                          "check that the upload address in Settings allows PUT."),
    Msg.PUT_TOO_LARGE: ("The upload server {0} says the file is too large ({1}); lower the "
                        "upload size in Settings or raise the server's limit."),
    Msg.PUT_REJECTED: ("The upload server {0} rejected the photo ({1}); check the upload address "
                       "in Settings."),
    Msg.PUT_TROUBLE: "The upload server {0} is having trouble ({1}); try again in a few minutes.",
    Msg.PUT_REDIRECTED: ("The upload server {0} redirected the upload ({1}); put the final "
                         "address in Settings."),
    Msg.PUT_TIMEOUT: ("The upload server {0} took too long to answer; check your internet "
                      "connection and try again."),
    Msg.PUT_SECURE_FAILED: ("A secure connection to the upload server {0} could not be made; "
                            "check the upload address in Settings."),
    Msg.PUT_UNREACHABLE: ("The upload server {0} could not be reached; check your internet "
                          "connection and the upload address in Settings."),
    Msg.S3_NO_KEYS: ("No S3 access key is set up; enter the access key ID and secret key in "
                     "Settings."),
    Msg.S3_UNREACHABLE: ("The storage server {0} could not be reached; check your internet "
                         "connection and the S3 endpoint in Settings."),
    Msg.S3_TIMEOUT: "The storage server {0} took too long to answer; try again in a few minutes.",
    Msg.S3_SETTINGS_INVALID: ("The S3 settings are not valid (bucket “{0}”); check them in "
                              "Settings."),
    Msg.S3_NO_BUCKET: ("The S3 bucket “{0}” does not exist on {1}; check the bucket name (and "
                       "endpoint) in Settings."),
    Msg.S3_CLOCK: ("{0} refused the upload because this computer's clock is wrong; set the date "
                   "and time right (automatically) and try again."),
    Msg.S3_REGION: "The S3 bucket “{0}” is in another region; set its region in Settings.",
    Msg.S3_KEYS_REFUSED: ("{0} did not accept the S3 access key; check the access key ID and "
                          "secret key in Settings."),
    Msg.S3_DENIED: ("Access to the S3 bucket “{0}” was denied; check that the access key may "
                    "write to it."),
    Msg.S3_TROUBLE: "The storage server {0} is having trouble ({1}); try again in a few minutes.",
    Msg.S3_REFUSED: "The storage server {0} refused the upload ({1}); check the S3 settings.",
    Msg.S3_FAILED: ("The upload to {0} failed ({1}); try again, and check the S3 settings if it "
                    "keeps failing."),
    Msg.CHECK_OK: ("Test upload worked: the test picture was uploaded, read back from its link "
                   "without any password, and deleted."),
    Msg.CHECK_CHOOSE_HOST: "Choose an image host first.",
    Msg.CHECK_LINK_UNREACHABLE: ("The picture was uploaded, but its link at {0} could not be "
                                 "opened from this computer, so IACrea will not be able to fetch "
                                 "photos either; check the address the host gives out."),
    Msg.CHECK_CLOCK_OFF: ("The picture was uploaded, but its link was refused because this "
                          "computer's clock is off by about {0} minutes; set the date and time "
                          "right (automatically) and test again."),
    Msg.CHECK_LINK_EXPIRED: ("The picture was uploaded, but its brand-new link was refused as "
                             "expired, so this computer's clock is wrong; set the date and time "
                             "right (automatically) and test again."),
    Msg.CHECK_NEEDS_PASSWORD: ("The picture was uploaded, but {0} refuses to show it without a "
                               "password (HTTP {1}), so IACrea could not read your photos; make "
                               "the uploaded files readable through their link."),
    Msg.CHECK_LINK_NOWHERE: ("The picture was uploaded, but its link at {0} leads nowhere (HTTP "
                             "404); check that the host gives out the address where uploads can "
                             "be read."),
    Msg.CHECK_NOT_THE_PICTURE: ("The link at {0} answers with something other than the uploaded "
                                "picture (perhaps a sign-in page), so IACrea could not read your "
                                "photos."),
    Msg.CHECK_LINK_ERROR: ("The picture was uploaded, but its link at {0} answers with an error "
                           "(HTTP {1}), so IACrea could not read your photos."),
    Msg.CHECK_LOCAL_ADDRESS: ("The link points to {0}, which only this computer or your local "
                              "network can reach: IACrea, on the internet, cannot fetch photos "
                              "from there."),
    Msg.CHECK_NOT_DELETED: ("The test picture could not be deleted from the host; it is a small "
                            "blue picture you may remove yourself."),
    Msg.FILE_NOT_FOUND: "{0} cannot be found.",
    Msg.FILE_UNREADABLE: "{0} cannot be read ({1}).",
    Msg.FILE_SAVE_FAILED: "{0} could not be saved in {1} ({2}).",
    Msg.FOLDER_NOT_WRITABLE: "SkyClear cannot write in {0} ({1}).",
    Msg.FOLDER_IS_FILE: "{0} is a file, not a folder.",
    Msg.EXPORT_TOO_SMALL: ("This photo cannot be made smaller than {0:,} kB and still be seen: "
                           "raise the size cap."),
    Msg.EXPORT_IS_ORIGINAL: ("That is your original photo: choose another name, so the original "
                             "stays untouched."),
    Msg.EXPORT_NO_RESULTS: "This photo has no results to export yet.",
    Msg.DELIVERY_PRESET_UNKNOWN: "There is no preset “{0}”; the presets are {1}.",
    Msg.DELIVERY_STOPPED: ("The export stopped unexpectedly; the computer may be short of memory. "
                           "Close other programs and export again."),
    Msg.DELIVERY_NO_PHOTOS: "This listing has no photos to export yet.",
    Msg.DELIVERY_ORIGINAL: ("{0} in {1} is one of your original photos: choose another folder, "
                            "so the original stays untouched."),
    Msg.DELIVERY_NAME_TAKEN: ("{0} already has a file named {1}: choose an empty folder, so "
                              "nothing of yours is overwritten."),
    Msg.PROBLEM_WITH_FILE: "{0}: {1}.",
    Msg.SHEET_NOTHING_KEPT: ("No photo of this listing has a kept version yet: keep the best "
                             "result of a photo first."),
    Msg.SHEET_SAVE_FAILED: "The sheet could not be saved in {0} ({1}).",
    Msg.SHEET_WHY_NO_ROOM: "there is not enough free disk space",
    Msg.SHEET_WHY_CUT_SHORT: "the file was cut short: the disk may be full",
    Msg.SHEET_WHY_FOLDER_NAMED: "a folder there has the sheet's name",
    Msg.SHEET_WHY_NOT_ALLOWED: "SkyClear is not allowed to write there",
    Msg.SHEET_WHY_DRAWING_STOPPED: "drawing it stopped unexpectedly, perhaps for lack of memory",
    Msg.LISTING_NAME_IN_USE: ("A listing named “{0}” is already in use: rename one of them "
                              "first."),
    Msg.LISTING_NEEDS_NAME: "A listing needs a name, such as the property's address.",
    Msg.LISTING_EXISTS: "A listing named “{0}” already exists.",
    Msg.RESULT_OTHER_PHOTO: "That result belongs to another photo.",
    Msg.KEEP_NEEDS_FINISHED: "Only a finished result can be kept.",
    Msg.VARIATION_NEEDS_ORIGINAL_AND_MASK: ("A declutter variation needs both the original photo "
                                            "and a painted mask online — paint the areas to "
                                            "remove and try again."),
    Msg.ADDRESS_NOT_WEB: "The address “{0}” is not a web address (http or https).",
    Msg.GENERATION_NO_ID: ("This generation has no identifier from the service, so it cannot be "
                           "looked up."),
    Msg.COMPARE_NOT_COLOUR: ("The photos cannot be compared because one of them is not a colour "
                             "image."),
    Msg.COMPARE_EMPTY: "The photos cannot be compared because one of them is empty.",
    Msg.COMPARE_NOT_8_BIT: ("The photos cannot be compared because one of them is not an 8-bit "
                            "image."),
    Msg.SELECT_NEEDS_COLOUR: "Smart select needs an 8-bit colour photo.",
    Msg.SELECT_PHOTO_TOO_SMALL: "The photo is too small to select anything in it.",
    Msg.PHOTO_NOT_COLOUR: "The photo must be a colour image.",
    Msg.PHOTO_NOT_8_BIT: "The photo must be an ordinary 8-bit image.",
    Msg.PHOTO_TOO_SMALL: "The photo is too small to work on.",
    Msg.SKY_MASK_SIZE: "The sky mask does not match the size of the photo.",
    Msg.SKY_MASK_DAMAGED: "The sky mask is damaged.",
    Msg.CLICK_OFF_PHOTO: "The point you clicked is not on the photo.",
    Msg.NO_SKY_TO_REMOVE: "There is no sky to remove where you clicked.",
    Msg.NOT_SKY_SPOT: ("That spot does not look like sky; click inside the bright part of a "
                       "window."),
    Msg.AREA_TOO_LARGE: ("That area is too large to be a window; click inside the window "
                         "itself."),
    Msg.NO_SKY_WHERE_CLICKED: "Nothing that looks like sky was found where you clicked.",
    Msg.MASK_SINGLE_CHANNEL: "The mask must be a single-channel image the size of the photo.",
    Msg.MASK_SIZE_DIFFERS: ("The mask is {0} × {1} pixels but the photo is {2} × {3}; they must "
                            "be the same size."),
    Msg.MASK_PHOTO_NOT_OPEN: "The photo is not open yet, so there is no mask to save.",
    Msg.MASK_BINARISED: ("“{0}” is not a black-and-white mask, so it was turned into one (light "
                         "areas = remove); check it before generating."),
    Msg.MASK_SCALED: "It was scaled to the photo's {0} × {1} pixels.",
    Msg.PREVIOUS_MASK_UNUSABLE: "The previous mask could not be used: {0}.",
    Msg.PREVIOUS_MASK_WRONG_SHAPE: ("The previous mask could not be used: it does not have the "
                                    "shape of this photo."),
    Msg.STORE_LOCKED: ("SkyClear's job history {0} is locked by another program (another "
                       "SkyClear window or command, or a backup tool). Close it and try again."),
    Msg.SETTINGS_SET_ASIDE: ("SkyClear's settings file was damaged: it was set aside as {0} and "
                             "the default settings are used. Your API key, photos and results "
                             "are not affected; open Settings to choose your options again."),
    Msg.HISTORY_SET_ASIDE: ("SkyClear's job history was damaged: it was set aside as {0} and a "
                            "new one was started; {1} job(s) could be read back from it. Your "
                            "results on disk were not touched."),
    Msg.HISTORY_SET_ASIDE_EMPTY: ("SkyClear's job history was damaged: it was set aside as {0} "
                                  "and a new one was started; no job could be read back from "
                                  "it. Your results on disk were not touched."),
    Msg.OUT_OF_MEMORY: "There is not enough memory for this photo.",
    Msg.WENT_WRONG: "Something went wrong ({0}).",
}

#: The codes of problems the user fixes in Settings (a key, an address, an image host): the
#: window offers to open them, for a live error and for one stored with a generation alike.
FIX_IN_SETTINGS = frozenset({
    Msg.OTHER_IN_SETTINGS,
    Msg.OTHER_ACCOUNT,
    Msg.API_KEY_MISSING, Msg.USER_ID_MISSING, Msg.CREDENTIALS_MISSING_KEY,
    Msg.CREDENTIALS_MISSING_ID, Msg.CREDENTIALS_MISSING_BOTH,
    Msg.CREDENTIALS_MISSING_KEY_NO_KEYRING, Msg.CREDENTIALS_MISSING_ID_NO_KEYRING,
    Msg.CREDENTIALS_MISSING_BOTH_NO_KEYRING, Msg.KEYRING_UNREADABLE,
    Msg.SERVICE_ADDRESS_INVALID, Msg.SERVICE_INSECURE, Msg.NO_HOST, Msg.KEY_REFUSED,
    Msg.HOST_PUT_ADDRESS, Msg.HOST_PUT_MISSING, Msg.HOST_BUCKET_MISSING, Msg.HOST_SECRET_MISSING,
    Msg.HOST_KEY_ID_MISSING, Msg.HOST_LIFETIME, Msg.HOST_ENDPOINT_ADDRESS, Msg.HOST_KIND_UNKNOWN,
    Msg.HOST_INSECURE, Msg.PRESET_SERVER, Msg.PRESET_REGION, Msg.PRESET_ACCOUNT,
    Msg.PRESET_JURISDICTION,
    Msg.PUT_DENIED, Msg.PUT_NOT_FOUND, Msg.PUT_NOT_ALLOWED, Msg.PUT_REDIRECTED,
    Msg.PUT_SECURE_FAILED, Msg.S3_NO_KEYS, Msg.S3_SETTINGS_INVALID, Msg.S3_NO_BUCKET,
    Msg.S3_REGION, Msg.S3_KEYS_REFUSED, Msg.S3_DENIED,
})


@dataclass(frozen=True)
class Message:
    """A sentence as data. ``args`` are its parameters (text, whole numbers, or a message that
    says why); ``detail`` is the service's own words, quoted after the sentence."""

    code: Msg
    args: tuple[str | int | Message, ...] = ()
    detail: str | None = None

    @property
    def fix_in_settings(self) -> bool:
        """The user fixes this in Settings: the window offers to open them."""
        return self.code in FIX_IN_SETTINGS

    @property
    def text(self) -> str:
        """The English sentence (the command line, the log, stores read by older versions)."""
        args = [a.text.rstrip(".") if isinstance(a, Message) else a for a in self.args]
        sentence = ENGLISH[self.code].format(*args)
        if not self.detail:
            return sentence
        return f"{sentence.rstrip('.')} (the service said: {self.detail.rstrip('.')})."

    def __str__(self) -> str:
        return self.text

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code.value,
                                "args": [a.to_data() if isinstance(a, Message) else a
                                         for a in self.args]}
        if self.detail:
            data["detail"] = self.detail
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_data(), ensure_ascii=False)

    @classmethod
    def from_data(cls, data: Any) -> Message | None:
        """The message ``to_data`` wrote, or None when it is not one this version knows."""
        if not isinstance(data, dict):
            return None
        try:
            code = Msg(str(data.get("code")))
        except ValueError:  # written by a newer version
            return None
        args: list[str | int | Message] = []
        for arg in data.get("args") or []:
            if isinstance(arg, dict):
                inner = cls.from_data(arg)
                if inner is None:
                    return None
                args.append(inner)
            elif isinstance(arg, str | int) and not isinstance(arg, bool):
                args.append(arg)
            else:
                return None
        detail = data.get("detail")
        message = cls(code, tuple(args), detail if isinstance(detail, str) else None)
        try:
            message.text  # noqa: B018 - the parameters fit the sentence
        except (IndexError, KeyError, ValueError):
            return None
        return message

    @classmethod
    def from_json(cls, text: str | None) -> Message | None:
        if not text:
            return None
        try:
            return cls.from_data(json.loads(text))
        except ValueError:
            return None
