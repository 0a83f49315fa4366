"""The demo's pictures and portraits, drawn with Pillow when ``seed_demo`` runs, so that the demo
needs no binary files in the repository. The same name gives the same picture on every run."""

import io
import random
import zlib

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

_PALETTES = [
    ((24, 44, 84), (236, 146, 82), (255, 214, 140)),  # dusk
    ((120, 180, 220), (230, 240, 245), (255, 255, 255)),  # winter sky
    ((18, 70, 80), (110, 180, 160), (230, 250, 220)),  # sea
    ((60, 40, 70), (200, 90, 110), (250, 200, 120)),  # theatre
    ((40, 60, 40), (160, 190, 110), (240, 230, 160)),  # field
    ((30, 30, 40), (90, 110, 150), (200, 220, 255)),  # night
    ((150, 70, 40), (240, 190, 120), (255, 245, 210)),  # brick
    ((70, 80, 90), (190, 195, 200), (250, 250, 250)),  # overcast
]


def random_for(name):
    """The same random sequence for the same name, on every run and every machine."""
    return random.Random(zlib.crc32(name.encode()))


def _gradient(size, top, bottom):
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _jpeg(image, name):
    """``image`` as a JPEG file ``name``.jpg, to hand to the storage API.

    The file needs a name: ImageField reads width and height only from named files.
    """
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return ContentFile(buffer.getvalue(), name=f"{name}.jpg")


def draw_picture(name, size):
    """A landscape-like JPEG: sky gradient, translucent discs, a sun and layered hills."""
    rng = random_for(name)
    top, bottom, light = rng.choice(_PALETTES)
    width, height = size
    image = _gradient(size, top, bottom).convert("RGBA")
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(rng.randint(3, 6)):
        r = height * rng.uniform(0.05, 0.3)
        x, y = width * rng.random(), height * rng.uniform(0, 0.7)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*light, rng.randint(20, 60)))
    radius = height * rng.uniform(0.08, 0.16)
    cx, cy = width * rng.uniform(0.15, 0.85), height * rng.uniform(0.15, 0.45)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(*light, 230))
    for layer in range(3):
        base = height * (0.55 + 0.15 * layer)
        steps = 8
        points = [(0, height)]
        points += [
            (width * i / steps, base - height * rng.uniform(0, 0.12)) for i in range(steps + 1)
        ]
        points.append((width, height))
        shade = tuple(int(c * (0.55 - 0.15 * layer)) for c in bottom)
        draw.polygon(points, fill=(*shade, 255))
    return _jpeg(Image.alpha_composite(image, overlay).convert("RGB"), name)


def draw_portrait(name, size):
    """A head-and-shoulders silhouette on a soft background."""
    rng = random_for(name)
    top, bottom, light = rng.choice(_PALETTES)
    width, height = size
    image = _gradient(size, light, bottom)
    draw = ImageDraw.Draw(image)
    figure = tuple(int(c * 0.6) for c in top)
    draw.ellipse((width * 0.12, height * 0.68, width * 0.88, height * 1.3), fill=figure)
    draw.ellipse((width * 0.32, height * 0.2, width * 0.68, height * 0.62), fill=figure)
    return _jpeg(image, name)
