#!/usr/bin/env python3
"""Xvfb's screen as a PNG: `Xvfb -fbdir DIR` keeps the screen in DIR/Xvfb_screen0, an XWD image, as it is drawn.
Reads a 24/32-bit TrueColor XWD and writes an RGB PNG (standard library only); prints the number of distinct colours.
Usage: xwd_to_png.py SCREEN_FILE OUTPUT_PNG"""
import struct
import sys
import zlib


def main() -> int:
    data = open(sys.argv[1], "rb").read()
    fields = struct.unpack(">25I", data[:100])
    header_size, _version, _format, _depth, width, height = fields[:6]
    byte_order, bits_per_pixel, bytes_per_line = fields[7], fields[11], fields[12]
    red_mask, green_mask, blue_mask, ncolours = fields[14], fields[15], fields[16], fields[19]
    if bits_per_pixel != 32:
        print(f"unsupported XWD: {bits_per_pixel} bits per pixel", file=sys.stderr)
        return 1
    pixels = data[header_size + 12 * ncolours:]
    order = "<" if byte_order == 0 else ">"

    def shift(mask: int) -> int:
        return (mask & -mask).bit_length() - 1

    shifts = [shift(red_mask), shift(green_mask), shift(blue_mask)]
    rows = []
    colours = set()
    for y in range(height):
        line = pixels[y * bytes_per_line:y * bytes_per_line + 4 * width]
        values = struct.unpack(f"{order}{width}I", line)
        row = bytearray(b"\x00")  # PNG filter: none
        for value in values:
            rgb = bytes((value >> s) & 0xFF for s in shifts)
            row += rgb
            if len(colours) < 1000:
                colours.add(rgb)
        rows.append(bytes(row))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b"")
    with open(sys.argv[2], "wb") as out:
        out.write(png)
    print(len(colours))
    return 0


if __name__ == "__main__":
    sys.exit(main())
