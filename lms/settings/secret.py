import secrets
from pathlib import Path


def secret_key_file(path: Path) -> str:
    """Read a generated key from `path`, creating it on first use."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()
