"""The window's wording of what core, engines and jobs say (``core/messages.py``).

Each message code has one sentence here, as a literal that lupdate extracts into the "Messages"
context; ``%1``, ``%2``… are the message's parameters in order. A count is a real plural
(``%n``). Sentences without a code (``Msg.OTHER``) and failures stored before codes were kept
are shown as they were written.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from desktop_app.core.errors import SkyClearError
from desktop_app.core.messages import Message, Msg
from desktop_app.core.models import Generation, Problem
from desktop_app.ui.i18n import fill
from desktop_app.ui.work_messages import WORK_SENTENCES

__all__ = ["error_text", "failure_text", "job_error_text", "job_offers_settings",
           "message_text"]

# every code but OTHER… (shown as written) and the counted ones (see message_text)
_SENTENCES: dict[Msg, object] = {
    Msg.API_KEY_MISSING: QT_TRANSLATE_NOOP(
        "Messages",
        "No IACrea API key is set — add your API key in Settings."),
    Msg.USER_ID_MISSING: QT_TRANSLATE_NOOP(
        "Messages",
        "No IACrea user ID is set — add your user ID in Settings."),
    Msg.KEYRING_UNREADABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "SkyClear could not read your API key from the system keyring (it may be locked): "
        "unlock it and try again (the command line can also take the key from "
        "IACREA_API_KEY), or use the local engine, which needs no account."),
    Msg.CREDENTIALS_MISSING_KEY: QT_TRANSLATE_NOOP(
        "Messages",
        "No IACrea API key is set: add it in Settings, or use the local engine, which needs "
        "no account."),
    Msg.CREDENTIALS_MISSING_ID: QT_TRANSLATE_NOOP(
        "Messages",
        "No IACrea user ID is set: add it in Settings, or use the local engine, which needs "
        "no account."),
    Msg.CREDENTIALS_MISSING_BOTH: QT_TRANSLATE_NOOP(
        "Messages",
        "Neither an IACrea API key nor a user ID is set: add them in Settings, or use the local "
        "engine, which needs no account."),
    Msg.CREDENTIALS_MISSING_KEY_NO_KEYRING: QT_TRANSLATE_NOOP(
        "Messages",
        "No IACrea API key is set: add it in Settings (this computer has no system keyring, "
        "so set IACREA_API_KEY for the command line), or use the local engine, which needs no"
        " account."),
    Msg.CREDENTIALS_MISSING_ID_NO_KEYRING: QT_TRANSLATE_NOOP(
        "Messages",
        "No IACrea user ID is set: add it in Settings (this computer has no system keyring, "
        "so set IACREA_API_KEY for the command line), or use the local engine, which needs no"
        " account."),
    Msg.CREDENTIALS_MISSING_BOTH_NO_KEYRING: QT_TRANSLATE_NOOP(
        "Messages",
        "Neither an IACrea API key nor a user ID is set: add them in Settings (this computer "
        "has no system keyring, so set IACREA_API_KEY for the command line), or use the local "
        "engine, which needs no account."),
    Msg.SERVICE_ADDRESS_INVALID: QT_TRANSLATE_NOOP(
        "Messages",
        "The IACrea service address in Settings is not a valid web address."),
    Msg.SERVICE_INSECURE: QT_TRANSLATE_NOOP(
        "Messages",
        "The IACrea service address starts with http://, which would send your API key and "
        "photos unencrypted: use https://, or tick \"Allow insecure addresses\" in Settings "
        "(--allow-insecure-address) if you trust the network."),
    Msg.NO_HOST: QT_TRANSLATE_NOOP(
        "Messages",
        "To send a photo to IACrea it must first be put online: choose an image host (an "
        "upload URL or an S3-compatible bucket) in Settings."),
    Msg.CREDITS_UNREADABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The service's answer about your credits could not be understood."),
    Msg.PAID_ANSWER_UNREADABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The service accepted the request but its answer could not be read; it was not sent "
        "again so you are not charged twice — check your IACrea account before trying again."),
    Msg.PAID_NO_GENERATION_ID: QT_TRANSLATE_NOOP(
        "Messages",
        "The service accepted the request but did not say which generation it started; it was"
        " not sent again so you are not charged twice — check the IACrea website."),
    Msg.PAID_CONNECTION_LOST: QT_TRANSLATE_NOOP(
        "Messages",
        "The connection was lost while the request was being sent; it was not sent again so "
        "you are not charged twice — check the IACrea website before trying again."),
    Msg.ANSWER_UNREADABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The service sent an answer that could not be understood — try again later."),
    Msg.RESULT_REDIRECT_BAD: QT_TRANSLATE_NOOP(
        "Messages",
        "The result's address redirected somewhere that cannot be downloaded."),
    Msg.RESULT_REDIRECT_LOOP: QT_TRANSLATE_NOOP(
        "Messages",
        "The result's address redirected too many times, so it was not downloaded."),
    Msg.RESULT_TOO_LARGE: QT_TRANSLATE_NOOP(
        "Messages",
        "The result file is far larger than any photo, so it was not downloaded."),
    Msg.RESULT_NOT_IMAGE: QT_TRANSLATE_NOOP(
        "Messages",
        "The service sent something that is not an image instead of the result — try "
        "downloading it again later."),
    Msg.SECURE_CONNECTION_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "A secure connection to the service could not be made — check the service address in "
        "Settings and your network."),
    Msg.SERVICE_ADDRESS_UNUSABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The address could not be used — check the service address in Settings."),
    Msg.SERVICE_TIMEOUT: QT_TRANSLATE_NOOP(
        "Messages",
        "The service took too long to answer the request — try again in a moment."),
    Msg.DOWNLOAD_TIMEOUT: QT_TRANSLATE_NOOP(
        "Messages",
        "The service took too long to download the result — try again in a moment."),
    Msg.DOWNLOAD_CONNECTION_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "The result could not be downloaded because the connection failed — check your "
        "internet connection."),
    Msg.SERVICE_UNREACHABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "Could not reach the IACrea service — check your internet connection."),
    Msg.SERVICE_REDIRECTED: QT_TRANSLATE_NOOP(
        "Messages",
        "The service answered with a redirect instead of a result — check the service address"
        " in Settings."),
    Msg.RATE_LIMITED: QT_TRANSLATE_NOOP(
        "Messages",
        "The service is receiving too many requests — wait a minute and try again."),
    Msg.SERVICE_UNAVAILABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The IACrea service is temporarily unavailable — try again in a few minutes."),
    Msg.SERVICE_INTERNAL_ERROR: QT_TRANSLATE_NOOP(
        "Messages",
        "The IACrea service ran into an internal error — try again later."),
    Msg.RESULT_LINK_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "The result image could not be downloaded (error %1); its link may have expired — "
        "check the generation again for fresh links."),
    Msg.REQUEST_INVALID: QT_TRANSLATE_NOOP(
        "Messages",
        "The service refused the request as invalid — check the photo and the user ID in "
        "Settings."),
    Msg.KEY_REFUSED: QT_TRANSLATE_NOOP(
        "Messages",
        "Your API key was refused — check the key and user ID in Settings."),
    Msg.NO_CREDITS: QT_TRANSLATE_NOOP(
        "Messages",
        "Your IACrea account has no photo credits left — buy credits or wait for your "
        "subscription to renew."),
    Msg.SERVICE_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "Messages",
        "Your IACrea account may not use this service right now — check your subscription and"
        " credits on the IACrea website."),
    Msg.GENERATION_UNKNOWN: QT_TRANSLATE_NOOP(
        "Messages",
        "The service does not know this generation — it may have expired or belong to another"
        " account."),
    Msg.REQUEST_REFUSED: QT_TRANSLATE_NOOP(
        "Messages",
        "The service refused the request (error %1)."),
    Msg.INTERRUPTED_SUBMIT: QT_TRANSLATE_NOOP(
        "Messages",
        "SkyClear was interrupted while sending this request, so it may or may not have "
        "reached IACrea. It was not sent again, so you are not charged twice: press Retry to "
        "send it anyway."),
    Msg.FORGOTTEN: QT_TRANSLATE_NOOP(
        "Messages",
        "IACrea no longer knows this generation, so its result cannot be fetched; Retry sends"
        " the photo again, which costs a credit."),
    Msg.OTHER_ACCOUNT: QT_TRANSLATE_NOOP(
        "Messages",
        "This photo was sent with another IACrea account (user ID %1) and its result is kept: "
        "to fetch it, put that account's user ID and API key back in Settings."),
    Msg.GAVE_UP: QT_TRANSLATE_NOOP(
        "Messages",
        "Given up: IACrea may still finish it and the credit stays spent; Retry looks for the"
        " result again at no cost."),
    Msg.UNEXPECTED: QT_TRANSLATE_NOOP(
        "Messages",
        "Something went wrong on this computer while handling this photo."),
    Msg.ANSWER_NOT_UNDERSTOOD: QT_TRANSLATE_NOOP(
        "Messages",
        "IACrea answered something unreadable."),
    Msg.READY_WITHOUT_RESULT: QT_TRANSLATE_NOOP(
        "Messages",
        "IACrea said the photo is ready but sent no picture back."),
    Msg.UNKNOWN_STATUS: QT_TRANSLATE_NOOP(
        "Messages",
        "IACrea reports this photo as “%1”, a state SkyClear does not know; it keeps "
        "checking."),
    Msg.SLOW: QT_TRANSLATE_NOOP(
        "Messages",
        "IACrea is taking much longer than usual; SkyClear still checks every few minutes."),
    Msg.FAILED: QT_TRANSLATE_NOOP("Messages", "The service could not process this photo."),
    Msg.FAILED_BECAUSE: QT_TRANSLATE_NOOP(
        "Messages",
        "The service could not process this photo (%1)."),
    Msg.FAILED_REFUNDED: QT_TRANSLATE_NOOP(
        "Messages",
        "The service could not process this photo. The photo credit was refunded."),
    Msg.FAILED_BECAUSE_REFUNDED: QT_TRANSLATE_NOOP(
        "Messages",
        "The service could not process this photo (%1). The photo credit was refunded."),
    Msg.NO_SKY: QT_TRANSLATE_NOOP("Messages", "No sky found in this photo"),
    Msg.PHOTO_GONE: QT_TRANSLATE_NOOP(
        "Messages",
        "The photo %1 is no longer there: was it moved or deleted?"),
    Msg.LOCAL_FAILED_BECAUSE: QT_TRANSLATE_NOOP(
        "Messages", "The local engine could not process this photo (%1)."),
    Msg.LOCAL_INTERRUPTED: QT_TRANSLATE_NOOP("Messages", "the local job was interrupted"),
    Msg.LOCAL_INTERNAL: QT_TRANSLATE_NOOP("Messages", "an internal error"),
    Msg.LOCAL_NEEDS_MASK: QT_TRANSLATE_NOOP(
        "Messages",
        "The local engine needs a mask to know what to remove."),
    Msg.LOCAL_CLOSED: QT_TRANSLATE_NOOP(
        "Messages",
        "The local engine was closed before this photo's turn."),
    Msg.LOCAL_STOPPED: QT_TRANSLATE_NOOP(
        "Messages",
        "The local engine stopped unexpectedly; the computer may be short of memory. Close "
        "other programs and press Retry."),
    Msg.PHOTO_URL_DOWNLOAD_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "The photo at %1 could not be downloaded."),
    Msg.IMAGE_NOT_FOUND: QT_TRANSLATE_NOOP(
        "Messages",
        "The photo “%1” could not be found; it may have been moved or deleted."),
    Msg.IMAGE_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "Messages",
        "SkyClear is not allowed to open “%1”; check the file's permissions."),
    Msg.IMAGE_OPEN_FAILED: QT_TRANSLATE_NOOP("Messages", "“%1” could not be opened (%2)."),
    Msg.IMAGE_IS_FOLDER: QT_TRANSLATE_NOOP("Messages", "“%1” is a folder, not a photo."),
    Msg.IMAGE_EMPTY: QT_TRANSLATE_NOOP(
        "Messages",
        "“%1” is an empty file (0 bytes), not a photo."),
    Msg.IMAGE_FILE_TOO_LARGE: QT_TRANSLATE_NOOP(
        "Messages",
        "“%1” is too large (%2 MB); SkyClear reads photos of up to %3 MB."),
    Msg.IMAGE_TOO_MANY_PIXELS: QT_TRANSLATE_NOOP(
        "Messages",
        "“%1” is too large (%2 × %3 pixels); SkyClear reads photos of up to %4 megapixels."),
    Msg.IMAGE_TOO_LARGE_TO_OPEN: QT_TRANSLATE_NOOP(
        "Messages",
        "“%1” is too large to open safely; SkyClear reads photos of up to %2 megapixels."),
    Msg.IMAGE_RAW: QT_TRANSLATE_NOOP(
        "Messages",
        "“%1” is a camera RAW file, which SkyClear cannot read; export it as JPEG from your "
        "photo editor first."),
    Msg.IMAGE_UNREADABLE: QT_TRANSLATE_NOOP("Messages", "“%1” is not a photo SkyClear can read."),
    Msg.IMAGE_HEIC: QT_TRANSLATE_NOOP(
        "Messages",
        "“%1” is a HEIC photo, which SkyClear cannot read; export it as JPEG first (for "
        "example with File › Export in Photos on a Mac, or by choosing “Most Compatible” "
        "under Settings › Camera › Formats on an iPhone)."),
    Msg.IMAGE_FORMAT: QT_TRANSLATE_NOOP(
        "Messages",
        "“%1” is a %2 image; SkyClear reads JPEG, PNG, WebP and TIFF photos."),
    Msg.IMAGE_NO_PIXELS: QT_TRANSLATE_NOOP("Messages", "“%1” has no pixels (%2 × %3)."),
    Msg.IMAGE_OUT_OF_MEMORY: QT_TRANSLATE_NOOP(
        "Messages",
        "“%1” is too large to open with the memory available."),
    Msg.IMAGE_TRUNCATED: QT_TRANSLATE_NOOP(
        "Messages",
        "“%1” is incomplete (the file is cut short); copy it again from the camera or "
        "wherever it came from."),
    Msg.IMAGE_DAMAGED: QT_TRANSLATE_NOOP("Messages", "“%1” is damaged and cannot be read."),
    Msg.IMAGE_COLOUR_MODE: QT_TRANSLATE_NOOP(
        "Messages",
        "“%1” uses a colour format SkyClear cannot read (%2)."),
    Msg.IMAGE_LAB: QT_TRANSLATE_NOOP(
        "Messages",
        "This photo's colours (Lab) could not be converted."),
    Msg.IMAGE_SAVE_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "The image could not be saved in “%1” (%2)."),
    Msg.FOLDER_CREATE_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "The folder “%1” could not be created (%2)."),
    Msg.IMAGE_NOT_SHOWN: QT_TRANSLATE_NOOP(
        "Messages",
        "%1 could not be shown: it is damaged or not a photo."),
    Msg.IMAGE_NO_LONGER_THERE: QT_TRANSLATE_NOOP(
        "Messages",
        "%1 is no longer there: was it moved or deleted?"),
    Msg.THUMBNAIL_UNREADABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "%1 cannot be read (check that you may open it)."),
    Msg.DISK_FULL: QT_TRANSLATE_NOOP(
        "Messages",
        "There is not enough free disk space to write %1 in %2; nothing was lost. Free some "
        "space and try again."),
    Msg.HOST_PUT_ADDRESS: QT_TRANSLATE_NOOP(
        "Messages",
        "The upload address must start with http:// or https:// (for example "
        "https://example.com/uploads/)."),
    Msg.HOST_PUT_MISSING: QT_TRANSLATE_NOOP(
        "Messages",
        "Enter the upload address (an http:// or https:// URL that accepts PUT) in Settings."),
    Msg.HOST_BUCKET_MISSING: QT_TRANSLATE_NOOP(
        "Messages",
        "Enter the name of the S3 bucket in Settings."),
    Msg.HOST_SECRET_MISSING: QT_TRANSLATE_NOOP(
        "Messages",
        "The S3 secret key is missing; enter it in Settings."),
    Msg.HOST_KEY_ID_MISSING: QT_TRANSLATE_NOOP(
        "Messages",
        "The S3 access key ID is missing; enter it in Settings."),
    Msg.HOST_LIFETIME: QT_TRANSLATE_NOOP(
        "Messages",
        "The S3 link lifetime must be between 1 second and 7 days (%1 seconds)."),
    Msg.HOST_ENDPOINT_ADDRESS: QT_TRANSLATE_NOOP(
        "Messages",
        "The S3 endpoint must start with http:// or https:// (for example "
        "https://<account>.r2.cloudflarestorage.com)."),
    Msg.HOST_KIND_UNKNOWN: QT_TRANSLATE_NOOP(
        "Messages",
        "Unknown kind of image host “%1”; choose none, PUT or S3 in Settings."),
    Msg.HOST_INSECURE: QT_TRANSLATE_NOOP(
        "Messages",
        "The image host address starts with http://, so your photos (and the upload "
        "credentials) would travel unencrypted: use https://, or tick \"Allow insecure "
        "addresses\" in Settings (--allow-insecure-address) if you trust the network."),
    Msg.PRESET_SERVER: QT_TRANSLATE_NOOP(
        "Messages",
        "Enter the address of your %1 server, starting with https:// (for example "
        "https://minio.example.com:9000)."),
    Msg.PRESET_REGION: QT_TRANSLATE_NOOP("Messages", "Choose the %1 region of your bucket."),
    Msg.PRESET_ACCOUNT: QT_TRANSLATE_NOOP(
        "Messages",
        "Enter your %1 account ID (32 letters and digits, shown on the R2 overview page)."),
    Msg.PRESET_JURISDICTION: QT_TRANSLATE_NOOP(
        "Messages",
        "Choose the jurisdiction of your %1 bucket."),
    Msg.HOST_SOURCE_GONE: QT_TRANSLATE_NOOP(
        "Messages",
        "The file to upload, “%1”, is no longer there; prepare the photo again."),
    Msg.HOST_SOURCE_NOT_FILE: QT_TRANSLATE_NOOP(
        "Messages",
        "“%1” is not a file that can be uploaded."),
    Msg.HOST_SOURCE_UNREADABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The file “%1” could not be read for uploading (%2)."),
    Msg.PUT_DENIED: QT_TRANSLATE_NOOP(
        "Messages",
        "The upload server %1 refused the photo (%2); check the upload address and its "
        "password or token in Settings."),
    Msg.PUT_NOT_FOUND: QT_TRANSLATE_NOOP(
        "Messages",
        "The upload server %1 answered %2; check the upload address in Settings (the folder "
        "may not exist)."),
    Msg.PUT_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "Messages",
        "The upload server %1 does not accept uploads at that address (%2); check that the "
        "upload address in Settings allows PUT."),
    Msg.PUT_TOO_LARGE: QT_TRANSLATE_NOOP(
        "Messages",
        "The upload server %1 says the file is too large (%2); lower the upload size in "
        "Settings or raise the server's limit."),
    Msg.PUT_REJECTED: QT_TRANSLATE_NOOP(
        "Messages",
        "The upload server %1 rejected the photo (%2); check the upload address in Settings."),
    Msg.PUT_TROUBLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The upload server %1 is having trouble (%2); try again in a few minutes."),
    Msg.PUT_REDIRECTED: QT_TRANSLATE_NOOP(
        "Messages",
        "The upload server %1 redirected the upload (%2); put the final address in Settings."),
    Msg.PUT_TIMEOUT: QT_TRANSLATE_NOOP(
        "Messages",
        "The upload server %1 took too long to answer; check your internet connection and try"
        " again."),
    Msg.PUT_SECURE_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "A secure connection to the upload server %1 could not be made; check the upload "
        "address in Settings."),
    Msg.PUT_UNREACHABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The upload server %1 could not be reached; check your internet connection and the "
        "upload address in Settings."),
    Msg.S3_NO_KEYS: QT_TRANSLATE_NOOP(
        "Messages",
        "No S3 access key is set up; enter the access key ID and secret key in Settings."),
    Msg.S3_UNREACHABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The storage server %1 could not be reached; check your internet connection and the "
        "S3 endpoint in Settings."),
    Msg.S3_TIMEOUT: QT_TRANSLATE_NOOP(
        "Messages",
        "The storage server %1 took too long to answer; try again in a few minutes."),
    Msg.S3_SETTINGS_INVALID: QT_TRANSLATE_NOOP(
        "Messages",
        "The S3 settings are not valid (bucket “%1”); check them in Settings."),
    Msg.S3_NO_BUCKET: QT_TRANSLATE_NOOP(
        "Messages",
        "The S3 bucket “%1” does not exist on %2; check the bucket name (and endpoint) in "
        "Settings."),
    Msg.S3_CLOCK: QT_TRANSLATE_NOOP(
        "Messages",
        "%1 refused the upload because this computer's clock is wrong; set the date and time "
        "right (automatically) and try again."),
    Msg.S3_REGION: QT_TRANSLATE_NOOP(
        "Messages",
        "The S3 bucket “%1” is in another region; set its region in Settings."),
    Msg.S3_KEYS_REFUSED: QT_TRANSLATE_NOOP(
        "Messages",
        "%1 did not accept the S3 access key; check the access key ID and secret key in "
        "Settings."),
    Msg.S3_DENIED: QT_TRANSLATE_NOOP(
        "Messages",
        "Access to the S3 bucket “%1” was denied; check that the access key may write to it."),
    Msg.S3_TROUBLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The storage server %1 is having trouble (%2); try again in a few minutes."),
    Msg.S3_REFUSED: QT_TRANSLATE_NOOP(
        "Messages",
        "The storage server %1 refused the upload (%2); check the S3 settings."),
    Msg.S3_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "The upload to %1 failed (%2); try again, and check the S3 settings if it keeps "
        "failing."),
    Msg.CHECK_OK: QT_TRANSLATE_NOOP(
        "Messages",
        "Test upload worked: the test picture was uploaded, read back from its link without "
        "any password, and deleted."),
    Msg.CHECK_CHOOSE_HOST: QT_TRANSLATE_NOOP("Messages", "Choose an image host first."),
    Msg.CHECK_LINK_UNREACHABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The picture was uploaded, but its link at %1 could not be opened from this computer,"
        " so IACrea will not be able to fetch photos either; check the address the host gives"
        " out."),
    Msg.CHECK_LINK_EXPIRED: QT_TRANSLATE_NOOP(
        "Messages",
        "The picture was uploaded, but its brand-new link was refused as expired, so this "
        "computer's clock is wrong; set the date and time right (automatically) and test "
        "again."),
    Msg.CHECK_NEEDS_PASSWORD: QT_TRANSLATE_NOOP(
        "Messages",
        "The picture was uploaded, but %1 refuses to show it without a password (HTTP %2), so"
        " IACrea could not read your photos; make the uploaded files readable through their "
        "link."),
    Msg.CHECK_LINK_NOWHERE: QT_TRANSLATE_NOOP(
        "Messages",
        "The picture was uploaded, but its link at %1 leads nowhere (HTTP 404); check that "
        "the host gives out the address where uploads can be read."),
    Msg.CHECK_NOT_THE_PICTURE: QT_TRANSLATE_NOOP(
        "Messages",
        "The link at %1 answers with something other than the uploaded picture (perhaps a "
        "sign-in page), so IACrea could not read your photos."),
    Msg.CHECK_LINK_ERROR: QT_TRANSLATE_NOOP(
        "Messages",
        "The picture was uploaded, but its link at %1 answers with an error (HTTP %2), so "
        "IACrea could not read your photos."),
    Msg.CHECK_LOCAL_ADDRESS: QT_TRANSLATE_NOOP(
        "Messages",
        "The link points to %1, which only this computer or your local network can reach: "
        "IACrea, on the internet, cannot fetch photos from there."),
    Msg.CHECK_NOT_DELETED: QT_TRANSLATE_NOOP(
        "Messages",
        "The test picture could not be deleted from the host; it is a small blue picture you "
        "may remove yourself."),
    Msg.LOCAL_NEEDS_PAINTED_MASK: QT_TRANSLATE_NOOP(
        "Messages",
        "The local engine cannot find objects to remove by itself: paint a mask over them, or"
        " use the IACrea cloud engine for automatic detection."),
    Msg.CLOUD_MASK_ONLY_FOR_VARIATION: QT_TRANSLATE_NOOP(
        "Messages",
        "With the IACrea cloud, a mask is used for a variation of a photo already processed: "
        "generate first, then ask for a variation."),
    Msg.MASK_NEEDS_FILE: QT_TRANSLATE_NOOP(
        "Messages",
        "A mask needs the photo as a file on this computer, not a URL."),
    Msg.VARIATION_NEEDS_RESULT: QT_TRANSLATE_NOOP(
        "Messages",
        "A variation can only be asked of a finished result."),
    Msg.VARIATION_NEEDS_MASK: QT_TRANSLATE_NOOP(
        "Messages",
        "A declutter variation needs a mask: paint over what should be removed."),
    Msg.SKY_VARIATION_NO_MASK: QT_TRANSLATE_NOOP(
        "Messages",
        "An Interior sky variation needs no mask."),
    Msg.DARK_FRAME_MISMATCH: QT_TRANSLATE_NOOP(
        "Messages",
        "This darker shot does not match the photo: choose a darker exposure of the same "
        "scene, taken from the same spot."),
    Msg.DARK_FRAME_UNREADABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The darker shot chosen for this photo can no longer be read; choose it again, or run "
        "Interior sky without it."),
    Msg.DARK_FRAME_SKY_ONLY: QT_TRANSLATE_NOOP(
        "Messages",
        "A darker shot is only used for Interior sky."),
    Msg.DARK_FRAME_LOCAL_ONLY: QT_TRANSLATE_NOOP(
        "Messages",
        "A darker shot is only used by the local engine; the IACrea cloud works from the photo "
        "alone."),
    Msg.MASK_NOT_FOUND: QT_TRANSLATE_NOOP("Messages", "The mask “%1” could not be found."),
    Msg.MASK_IS_FOLDER: QT_TRANSLATE_NOOP("Messages", "“%1” is a folder, not a mask image."),
    Msg.MASK_OPEN_FAILED: QT_TRANSLATE_NOOP("Messages", "The mask “%1” could not be opened (%2)."),
    Msg.MASK_EMPTY_FILE: QT_TRANSLATE_NOOP(
        "Messages",
        "The mask “%1” is an empty file (0 bytes)."),
    Msg.MASK_FILE_TOO_LARGE: QT_TRANSLATE_NOOP(
        "Messages",
        "The mask “%1” is too large to be a mask."),
    Msg.MASK_TOO_MANY_PIXELS: QT_TRANSLATE_NOOP(
        "Messages",
        "The mask “%1” is too large; masks are limited to %2 megapixels like photos."),
    Msg.MASK_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "Messages",
        "SkyClear is not allowed to open the mask “%1”; check its permissions."),
    Msg.MASK_UNREADABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "“%1” is not an image SkyClear can use as a mask."),
    Msg.MASK_NOT_8_BIT: QT_TRANSLATE_NOOP(
        "Messages",
        "The mask must be 8-bit when it has colour channels."),
    Msg.MASK_NOT_A_PICTURE: QT_TRANSLATE_NOOP(
        "Messages",
        "The mask is not a picture (it must be a two-dimensional array)."),
    Msg.MASK_VALUES_UNREADABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "The mask holds values SkyClear cannot read."),
    Msg.MASK_SAVE_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "The mask could not be saved in “%1” (%2)."),
    Msg.MASK_OTHER_PHOTO: QT_TRANSLATE_NOOP(
        "Messages",
        "The mask is %1 × %2 pixels but the photo is %3 × %4, so it seems to belong to "
        "another photo (or to the photo turned sideways)."),
    Msg.MASK_NOTHING_MARKED: QT_TRANSLATE_NOOP(
        "Messages",
        "The mask is empty — paint over what should be removed."),
    Msg.MASK_EVERYTHING_MARKED: QT_TRANSLATE_NOOP(
        "Messages",
        "The mask covers the whole photo — paint only over what should be removed."),
}
_SENTENCES.update(WORK_SENTENCES)  # files, listings, exports, masks, the local engine


class Messages(QObject):
    """The counted sentences: ``self.tr`` with a count is the form lupdate records as a plural
    (see ui/wording.py); the class name is their context, "Messages", like the rest."""

    def unreachable_for(self, minutes: int) -> str:
        return self.tr("IACrea unreachable for %n min.", "", minutes)

    def clock_off(self, minutes: int) -> str:
        return self.tr("The picture was uploaded, but its link was refused because this "
                       "computer's clock is off by about %n minute(s); set the date and time "
                       "right (automatically) and test again.", "", minutes)


@cache
def _counted() -> Messages:
    return Messages()


def _fill(sentence: str, args: tuple[str | int | Message, ...]) -> str:
    """Put the parameters in place of %1, %2… (a reason inside a sentence without its stop)."""
    return fill(sentence, *(message_text(a).rstrip(".") if isinstance(a, Message) else a
                            for a in args))


def message_text(message: Message) -> str:
    """``message`` as one sentence in the window's language."""
    code = message.code
    if code in (Msg.OTHER, Msg.OTHER_IN_SETTINGS):
        sentence = str(message.args[0]) if message.args else ""
    elif code in (Msg.UNREACHABLE_FOR, Msg.CHECK_CLOCK_OFF):
        minutes = message.args[0] if message.args and isinstance(message.args[0], int) else 0
        counted = _counted()
        sentence = counted.unreachable_for(minutes) if code is Msg.UNREACHABLE_FOR else \
            counted.clock_off(minutes)
    else:
        sentence = _fill(QCoreApplication.translate("Messages", str(_SENTENCES[code])),
                         message.args)
    if not message.detail:
        return sentence
    # the service's own words, quoted as it sent them
    return fill(QCoreApplication.translate("Messages", "%1 (the service said: %2)."),
                sentence.rstrip("."), message.detail.rstrip("."))


def error_text(error: SkyClearError) -> str:
    """What the window says about ``error``."""
    return message_text(error.message)


def failure_text(error: BaseException) -> str:
    """One sentence for a background step that failed: the error's own, else the kind of
    failure (the caller logs an unexpected traceback)."""
    if isinstance(error, SkyClearError):
        return error_text(error)
    if isinstance(error, MemoryError):
        return message_text(Msg.OUT_OF_MEMORY())
    return message_text(Msg.WENT_WRONG(type(error).__name__))


def job_error_text(gen: Generation) -> str | None:
    """What went wrong with a generation, in the window's language; a row stored before codes
    were kept shows its English sentence."""
    if gen.error_message is not None:
        return message_text(gen.error_message)
    return gen.error


def job_offers_settings(gen: Generation) -> bool:
    """The generation's problem is fixed in Settings (its code says so; an older row without
    a code: it waits for a key or a host)."""
    if gen.error_message is not None:
        return gen.error_message.fix_in_settings
    return gen.problem is Problem.SETTINGS
