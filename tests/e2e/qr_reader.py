"""Reads the text of a QR code that Kracht draws as SVG (Core's `QRCode.svg`: one path of
`M{x} {y}h{w}v1h-{w}z` runs of dark modules), as a phone's camera would: the journey opens the
URL a QR code holds. The modules are exact, so no error correction is needed: every mask and
error-correction level is tried and the one that parses to the expected kind of text is kept.
"""

from __future__ import annotations

import re

# Per version (index), for levels L, M, Q, H: error-correction codewords per block, and blocks.
ECC_PER_BLOCK = {
    "L": [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28],
    "M": [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26],
    "Q": [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30],
    "H": [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28],
}
BLOCKS = {
    "L": [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8],
    "M": [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16],
    "Q": [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20],
    "H": [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25],
}
MASKS = [
    lambda x, y: (x + y) % 2 == 0, lambda x, y: y % 2 == 0, lambda x, y: x % 3 == 0, lambda x, y: (x + y) % 3 == 0,
    lambda x, y: (x // 3 + y // 2) % 2 == 0, lambda x, y: x * y % 2 + x * y % 3 == 0,
    lambda x, y: (x * y % 2 + x * y % 3) % 2 == 0, lambda x, y: ((x + y) % 2 + x * y % 3) % 2 == 0,
]
ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def matrix_from_svg(svg: str) -> list[list[bool]]:
    quiet_size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    runs = [tuple(map(int, m)) for m in re.findall(r"M(\d+) (\d+)h(\d+)", svg)]
    quiet = min(x for x, _, _ in runs)  # the top-left finder starts at the quiet zone
    size = quiet_size - 2 * quiet
    grid = [[False] * size for _ in range(size)]
    for x, y, width in runs:
        for dx in range(width):
            grid[y - quiet][x - quiet + dx] = True
    return grid


def function_modules(version: int) -> list[list[bool]]:
    size = version * 4 + 17
    used = [[False] * size for _ in range(size)]

    def box(x0, y0, w, h):
        for y in range(max(0, y0), min(size, y0 + h)):
            for x in range(max(0, x0), min(size, x0 + w)):
                used[y][x] = True

    for x0, y0 in [(0, 0), (size - 8, 0), (0, size - 8)]:
        box(x0, y0, 8, 8)  # finders with their separators
    box(6, 0, 1, size)
    box(0, 6, size, 1)  # timing
    box(0, 8, 9, 1); box(8, 0, 1, 9); box(size - 8, 8, 8, 1); box(8, size - 8, 1, 8)  # format, dark module
    if version >= 2:
        count = version // 7 + 2
        step = 26 if version == 32 else (version * 4 + count * 2 + 1) // (count * 2 - 2) * 2
        positions = [6] + sorted(size - 7 - i * step for i in range(count - 1))
        for cy in positions:
            for cx in positions:
                if (cx == 6 and cy == 6) or (cx == 6 and cy == positions[-1]) or (cx == positions[-1] and cy == 6):
                    continue
                box(cx - 2, cy - 2, 5, 5)
    if version >= 7:
        box(size - 11, 0, 3, 6); box(0, size - 11, 6, 3)
    return used


def codewords(grid, used, mask) -> list[int]:
    size = len(grid)
    bits = []
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        for vert in range(size):
            for j in range(2):
                x = right - j
                y = size - 1 - vert if ((right + 1) & 2) == 0 else vert
                if not used[y][x]:
                    bits.append(grid[y][x] ^ MASKS[mask](x, y))
        right -= 2
    return [int("".join("1" if b else "0" for b in bits[i:i + 8]), 2) for i in range(0, len(bits) - 7, 8)]


def deinterleave(raw: list[int], version: int, level: str) -> list[int]:
    blocks, ecc = BLOCKS[level][version], ECC_PER_BLOCK[level][version]
    short = len(raw) // blocks
    shorts = blocks - len(raw) % blocks
    lengths = [short - ecc + (0 if b < shorts else 1) for b in range(blocks)]
    data = [[] for _ in range(blocks)]
    i = 0
    for k in range(max(lengths)):
        for b in range(blocks):
            if k < lengths[b]:
                data[b].append(raw[i])
                i += 1
    return [c for block in data for c in block]


def parse(data: list[int], version: int) -> str | None:
    bits = "".join(f"{c:08b}" for c in data)
    i, out = 0, bytearray()

    def take(n):
        nonlocal i
        if i + n > len(bits):
            raise ValueError
        value = int(bits[i:i + n], 2)
        i += n
        return value

    big = 0 if version < 10 else 1 if version < 27 else 2
    try:
        while i + 4 <= len(bits):
            mode = take(4)
            if mode == 0:
                break
            if mode == 4:
                out += bytes(take(8) for _ in range(take([8, 16, 16][big])))
            elif mode == 2:
                n = take([9, 11, 13][big])
                for _ in range(n // 2):
                    v = take(11)
                    out += (ALPHANUMERIC[v // 45] + ALPHANUMERIC[v % 45]).encode()
                if n % 2:
                    out += ALPHANUMERIC[take(6)].encode()
            elif mode == 1:
                n = take([10, 12, 14][big])
                while n > 0:
                    d = min(3, n)
                    out += str(take([4, 7, 10][d - 1])).zfill(d).encode()
                    n -= d
            else:
                return None
        return out.decode("utf-8")
    except (ValueError, IndexError, UnicodeDecodeError):
        return None


def read_svg(svg: str, expect: str = "http") -> str:
    """The text of the QR code in `svg` that starts with `expect`."""
    grid = matrix_from_svg(svg)
    version = (len(grid) - 17) // 4
    used = function_modules(version)
    for level in "LMQH":
        for mask in range(8):
            raw = codewords(grid, used, mask)
            text = parse(deinterleave(raw, version, level), version)
            if text and text.startswith(expect) and text.isprintable():
                return text
    raise AssertionError("no QR code text could be read from the SVG")
