"""Build the offline world map the web UI draws: country outlines as SVG path data.

Input: ``countries-110m.json`` from the npm package world-atlas 2 (ISC licence; Natural Earth data,
public domain), e.g. ``npm pack world-atlas@2`` and unpack. Output:
``src/eventwire/web/static/world.json`` — [{"id", "name", "d"}] in an equirectangular projection
onto a 1000 x 500 view box (x = (lon + 180) * 1000 / 360, y = (90 - lat) * 500 / 180), which is the
projection the map page uses to place events.

    python scripts/build_world_map.py /path/to/countries-110m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "src/eventwire/web/static/world.json"
WIDTH, HEIGHT = 1000.0, 500.0


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180.0) * WIDTH / 360.0, (90.0 - lat) * HEIGHT / 180.0


def ring_path(points: list[tuple[float, float]]) -> str:
    """SVG path of a ring; a step across the antimeridian starts a new subpath instead of a line
    drawn across the whole map (Russia, Fiji, Antarctica)."""
    parts = []
    previous: float | None = None
    for lon, lat in points:
        x, y = project(lon, lat)
        jump = previous is None or abs(lon - previous) > 180.0
        parts.append(f"{'M' if jump else 'L'}{x:.1f},{y:.1f}")
        previous = lon
    return "".join(parts) + "Z"


def main(source: Path) -> None:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(
            geometry.get("type", ""), []
        )
        d = "".join(ring_path(ring_points(ring, arcs)) for polygon in polygons for ring in polygon)
        if d:
            countries.append({"id": geometry.get("id"), "name": geometry["properties"]["name"], "d": d})
    OUT.write_text(json.dumps(countries, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {len(countries)} countries to {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
