#!/usr/bin/env python3
"""Which tables and indexes a server's commits write: pages per commit, by B-tree.

Usage: wal_pages.py COPY_DIR
COPY_DIR holds a copy of a server's vytalwatch.db and vytalwatch.db-wal taken while it ran
(cp both, the database first). Every WAL frame is one page written by a commit; its header
names the page, and SQLite's dbstat table says which B-tree owns it. The WAL restarts after
each complete checkpoint, so a copy of a busy server holds only the last few commits; for
many, copy it from a build whose checkpoints are off (wal_autocheckpoint=0 and no
WalCheckpointer) — the numbers are what every commit pays in WAL writes, the cost that grows
with the number of distinct pages a batch touches (README, Performance).
"""
import collections
import sqlite3
import struct
import sys

WAL_HEADER = ">8I"  # magic, version, page size, checkpoint seq, salt-1, salt-2, checksum-1, -2
FRAME_HEADER = ">4I"  # page number, database size after commit (0 unless a commit), salt-1, -2
FRAME_HEADER_SIZE = 24


def wal_frames(path):
    """(page, is_commit) for each valid frame of the WAL's current generation."""
    with open(path, "rb") as wal:
        data = wal.read()
    _, _, page_size, _, salt1, salt2, _, _ = struct.unpack(WAL_HEADER, data[:32])
    frames, offset = [], 32
    while offset + FRAME_HEADER_SIZE + page_size <= len(data):
        page, size_after_commit, frame_salt1, frame_salt2 = struct.unpack(
            FRAME_HEADER, data[offset:offset + 16])
        if (frame_salt1, frame_salt2) != (salt1, salt2):
            break  # a frame left over from the previous generation of the log
        frames.append((page, size_after_commit != 0))
        offset += FRAME_HEADER_SIZE + page_size
    return page_size, frames


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    directory = sys.argv[1]
    page_size, frames = wal_frames(f"{directory}/vytalwatch.db-wal")
    commits = [index for index, (_, is_commit) in enumerate(frames) if is_commit]
    if not commits:
        sys.exit("no complete commit in the WAL copy")
    database = sqlite3.connect(f"file:{directory}/vytalwatch.db?mode=ro", uri=True)
    owner = dict(database.execute("SELECT pageno, name FROM dbstat"))
    pages = collections.Counter(owner.get(page, "(free or past the end)")
                                for page, _ in frames[:commits[-1] + 1])
    print(f"{len(commits)} commits, {page_size}-byte pages, "
          f"{sum(pages.values()) / len(commits):.1f} pages per commit")
    for name, count in pages.most_common():
        print(f"{count / len(commits):8.1f}  {name}")


if __name__ == "__main__":
    main()
