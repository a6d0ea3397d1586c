#!/usr/bin/env python3
"""Writes src/figures/jieba-words.txt.gz: jieba's dictionary without its part-of-speech tags.

Free-text answers are segmented with jieba-rs, which segments on words and their frequencies
only (wenjuan never asks it for tags). Its built-in dictionary also carries a tag for every one
of its 349,045 words, each a small allocation of its own, and is kept decompressed in memory
for the life of the process: about 19 MB of a run's peak memory on a million responses. The
same words and frequencies, without the tags, are loaded from this file instead.

Source: the dictionary jieba-rs 0.10.4 ships (src/data/dict.txt, MIT licence), itself the
dictionary of the jieba project (https://github.com/fxsjy/jieba, MIT licence). Each line
`word frequency tag` becomes `word frequency`, in the same order. The unit test
`figures::text::tests::our_dictionary_segments_as_jiebas_own` checks that segmentation is
unchanged.

How to run (from the repository root, after `cargo fetch`):

    python3 scripts/make_jieba_words.py

The output is deterministic (gzip with no name and a zero timestamp).
"""

import gzip
import io
import json
import pathlib
import subprocess

VERSION = "0.10.4"
OUT = pathlib.Path("src/figures/jieba-words.txt.gz")


def jieba_dictionary() -> pathlib.Path:
    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1"],
            check=True,
            capture_output=True,
        ).stdout
    )
    for package in metadata["packages"]:
        if package["name"] == "jieba-rs" and package["version"] == VERSION:
            return pathlib.Path(package["manifest_path"]).parent / "src/data/dict.txt"
    raise SystemExit(f"jieba-rs {VERSION} is not among the dependencies; run `cargo fetch`")


def main() -> None:
    lines = jieba_dictionary().read_text(encoding="utf-8").splitlines()
    out = io.StringIO()
    words = set()
    for n, line in enumerate(lines, 1):
        fields = line.split()
        if len(fields) != 3 or not fields[1].isdigit():
            raise SystemExit(f"line {n}: expected `word frequency tag`, got {line!r}")
        word, freq = fields[0], fields[1]
        if word in words:
            raise SystemExit(f"line {n}: {word} twice (jieba-rs would load it as one word)")
        words.add(word)
        out.write(f"{word} {freq}\n")
    data = out.getvalue().encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as g:
        g.write(data)
    OUT.write_bytes(buffer.getvalue())
    print(f"{OUT}: {len(lines)} words, {len(data)} bytes, {len(buffer.getvalue())} compressed")


if __name__ == "__main__":
    main()
