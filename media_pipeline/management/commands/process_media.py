import json
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand

from media_pipeline.errors import MediaRejected, TransientMediaError
from media_pipeline.pipeline import media_process
from media_pipeline.tools import ToolMissing

EXIT_READY, EXIT_INTERNAL, EXIT_REJECTED = 0, 1, 2


class Command(BaseCommand):
    help = (
        "Run the media pipeline on FILE synchronously (no database): HLS ladder, MP4 fallback, "
        "audio-only and poster. Exit 0 when ready, 2 when the input is rejected, 1 on failure."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--out", type=Path, help="output folder (default: a new temporary one)")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args, file: Path, out: Path | None, json: bool, **options):
        out = out or Path(tempfile.mkdtemp(prefix="process-media-"))
        report = {
            "status": "failed",
            "kind": None,
            "duration": None,
            "renditions": [],
            "hls_master": None,
            "mp4_fallback": None,
            "audio_only": None,
            "poster": None,
            "error": None,
        }
        code = EXIT_READY
        if not file.is_file():
            report["error"] = f"no such file: {file}"
            code = EXIT_REJECTED
        else:
            try:
                result = media_process(source=file, out_dir=out)
            except MediaRejected as error:
                report["error"] = f"{error.code}: {error.message}"
                code = EXIT_REJECTED
            except (TransientMediaError, ToolMissing, OSError) as error:
                report["error"] = str(error)
                code = EXIT_INTERNAL
            else:
                absolute = lambda rel: str(out / rel) if rel else None  # noqa: E731
                report.update(
                    status="ready",
                    kind=result.kind,
                    duration=round(result.duration, 3),
                    renditions=[
                        {
                            "name": r.name,
                            "kind": r.kind,
                            "width": r.width,
                            "height": r.height,
                            "bitrate": r.bitrate,
                            "path": absolute(r.path),
                        }
                        for r in result.renditions
                    ],
                    hls_master=absolute(result.hls_master),
                    mp4_fallback=absolute(result.mp4_fallback),
                    audio_only=absolute(result.audio_only),
                    poster=absolute(result.poster),
                )
        self._print(report, as_json=json)
        if code:
            raise SystemExit(code)

    def _print(self, report: dict, *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        if report["status"] == "ready":
            self.stdout.write(f"ready: {report['kind']}, {report['duration']} s")
            for rendition in report["renditions"]:
                size = (
                    f"{rendition['width']}x{rendition['height']}" if rendition["width"] else "audio"
                )
                self.stdout.write(f"  {rendition['name']:>6}  {size:>10}  {rendition['path']}")
            self.stdout.write(f"  master: {report['hls_master']}")
        else:
            self.stderr.write(f"failed: {report['error']}")
