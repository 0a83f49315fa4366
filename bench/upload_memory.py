"""Peak memory and time of a large upload: the checks in the editor's request, then the
renditions (in the request with NEWSROOM_TASKS=immediate, in ``db_worker`` with ``database``).

    .venv/bin/python -m bench.upload_memory      # writes docs/upload-memory.md

Each step runs in a fresh process, so that its peak resident memory (``VmHWM``) is its own;
"above start" is that peak minus the process's size just before the step (Django, Pillow and
the upload's bytes loaded). The pictures are smooth gradients with some noise: they stay under
the 20 MB upload limit, as a real export must, and decode to full size like any photograph.
The page it writes, docs/upload-memory.md, records the figures and how to read them.
"""

import json
import os
import platform
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (7000, 7000)

STEP = r"""
import json, sys, time
import django
django.setup()
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage, storages
from articles import images

step, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
def peak_mb():
    # This process's own high-water mark (ru_maxrss would include the parent's, kept across
    # fork and exec).
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024
start = peak_mb()
started = time.perf_counter()
if step == "check":
    with open(path, "rb") as file:
        images.validate_image_file(File(file, name=path))
else:
    store = storages["originals"] if "originals" in settings.STORAGES else default_storage
    with open(path, "rb") as file:
        name = store.save("bench/" + path.rsplit("/", 1)[-1], File(file))
    start, started = peak_mb(), time.perf_counter()
    images.build(name, storage=store)
print(json.dumps({"seconds": time.perf_counter() - started, "start": start, "peak": peak_mb()}))
"""


def make_picture(folder, fmt):
    from PIL import Image

    width, height = SIZE
    gradient = Image.linear_gradient("L").resize(SIZE)
    noise = Image.effect_noise((width // 32, height // 32), 24).resize(SIZE)
    picture = Image.merge("RGB", [gradient, noise, gradient.transpose(Image.Transpose.ROTATE_90)])
    path = Path(folder) / f"large.{fmt.lower()}"
    picture.save(path, format=fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return path


def run_step(step, path, var_dir):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "NEWSROOM_DEBUG": "1",
        "NEWSROOM_VAR_DIR": str(var_dir),
    }
    env.pop("DATABASE_URL", None)
    env.pop("MEDIA_S3_BUCKET", None)
    result = subprocess.run(
        [sys.executable, "-c", STEP, step, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


PAGE = """# Memory of a large upload

Measured {date} by `bench/upload_memory.py`. Regenerate this page with:

```sh
.venv/bin/python -m bench.upload_memory
```

A picture of {width} × {height} pixels ({megapixels} megapixels, under the
`NEWSROOM_IMAGE_MAX_PIXELS` limit of 60), as a PNG and as a JPEG. Each step runs in a fresh
process; *peak* is its highest resident memory (VmHWM), *above start* what the step added to a
process that had loaded Django, Pillow and the upload's bytes.

| Upload | Step | Peak resident memory | Above start | Time |
|---|---|---|---|---|
{rows}

- **check** is what the editor's request does before anything is stored
  (`articles.images.validate_image_file`): the header for format and size, then every byte read
  to catch a truncated or damaged file, without decoding the pixels at full size: a PNG's
  chunks are checksummed, a JPEG is decoded at 1/8 scale. WebP and AVIF have no cheaper check
  than decoding; uploads in those formats are rarely that large.
- **renditions** is the task `articles.tasks.make_renditions`: with `NEWSROOM_TASKS=database`
  (the production set-up, docs/deploy.md) it runs in `manage.py db_worker`, never in a web
  worker; with the default `immediate` it runs at the end of the editor's request. The
  decoded picture is the one full-size copy: a picture far larger than its largest rendition
  is first reduced by a whole factor, and each rendition is resized straight from its crop
  box. The rest is {threads} resize-and-encode threads at once, AVIF's encoder being the
  hungriest.
- A PNG cannot be decoded at a smaller scale: its renditions cost the full picture once
  (4 bytes a pixel in Pillow: {full_mb} MB here). A JPEG is decoded at the scale renditions need.

Machine: {cpu} cores; Python {python}, Pillow {pillow}{avif}. Load average before the run:
{load}. The machine may be shared with other work: times from a busy machine are longer and
noisier; memory figures hold.
"""


def main():
    import PIL
    from PIL import features

    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ["PNG", "JPEG"]:
            path = make_picture(folder, fmt)
            megabytes = path.stat().st_size / 1024 / 1024
            for step in ["check", "renditions"]:
                figures = run_step(step, path, Path(folder) / "var")
                rows.append(
                    f"| {fmt}, {megabytes:.1f} MB | {step} | {figures['peak']:.0f} MB | "
                    f"{figures['peak'] - figures['start']:.0f} MB | "
                    f"{figures['seconds']:.1f} s |"
                )
    width, height = SIZE
    page = PAGE.format(
        date=f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        width=width,
        height=height,
        megapixels=width * height // 1_000_000,
        rows="\n".join(rows),
        threads=min(4, os.cpu_count() or 1),
        full_mb=width * height * 4 // 1024 // 1024,
        cpu=os.cpu_count(),
        python=platform.python_version(),
        pillow=PIL.__version__,
        avif=", AVIF renditions on" if features.check("avif") else ", no AVIF encoder",
        load=load,
    )
    target = ROOT / "docs" / "upload-memory.md"
    target.write_text(page)
    print(page)


if __name__ == "__main__":
    main()
