"""Why media processing stops: a rejected input (permanent) or a passing fault (retried)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# Reasons a lecturer understands, by stable code (stored on the asset).
REJECTION_MESSAGES = {
    "empty": _("The file is empty (0 bytes). Please upload the recording again."),
    "not_media": _(
        "This file is not a video or audio recording we can read. "
        "Please upload the original recording (for example MP4, MOV, MP3 or M4A)."
    ),
    "still_image": _("This is a picture, not a video. Please upload a video or audio recording."),
    "no_streams": _("The file has neither sound nor picture."),
    "truncated": _(
        "The file is incomplete or damaged, probably cut off during copying or uploading. "
        "Please upload it again from the original."
    ),
    "too_long": _("The recording is longer than the allowed %(limit)s minutes. Please split it."),
    "too_large": _("The file is larger than the allowed %(limit)s."),
    "picture_too_big": _(
        "The picture is larger than %(limit)s. Please export the video at 1080p or 720p "
        "(for example with the phone's or editor's “share / export” option) and upload it again."
    ),
    "frame_rate_too_high": _(
        "The video has more than %(limit)s frames per second (a slow-motion recording?). "
        "Please export it at normal speed (30 frames per second) and upload it again."
    ),
    "ladder": _(
        "The converted video did not pass the playback check, so it was not published. "
        "Choose “Process again”; if it keeps failing, tell the platform administrator."
    ),
    "undecodable": _("The recording could not be converted. Please export it again as MP4."),
    "internal": _(
        "Processing failed because of a problem on our side. Choose “Process again”; "
        "if it keeps failing, tell the platform administrator."
    ),
}


class MediaRejected(Exception):
    """The input can never be processed; the original is kept and the asset fails."""

    def __init__(self, code: str, detail: str = "", **params):
        if code not in REJECTION_MESSAGES:
            raise ValueError(f"unknown rejection code {code!r}")
        self.code = code
        self.detail = detail
        self.params = params
        super().__init__(f"{code}: {detail}" if detail else code)

    @property
    def message(self) -> str:
        return (
            str(REJECTION_MESSAGES[self.code]) % self.params
            if self.params
            else str(REJECTION_MESSAGES[self.code])
        )


class TransientMediaError(Exception):
    """A fault that may pass (storage, a killed encoder, a full disk being cleaned): retry."""


# ffmpeg/ffprobe messages that mean the input itself is bad; anything else is retried.
PERMANENT_FFMPEG_MARKERS = (
    "Invalid data found when processing input",
    "moov atom not found",
    "could not find codec parameters",
    "Invalid argument",
    "does not contain any stream",
    "Output file does not contain any stream",
    "Error while decoding stream",
    "Decoding requested, but no decoder found",
    "EBML header parsing failed",
    "End of file",
)


def ffmpeg_error_is_permanent(stderr: str) -> bool:
    return any(marker in stderr for marker in PERMANENT_FFMPEG_MARKERS)
