import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import { crc32 } from "node:zlib";

/** One file in a zip: its name inside the archive and its bytes. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

function dosStamp(modified: Date): { time: number; date: number } {
  return {
    time: ((modified.getUTCHours() << 11) | (modified.getUTCMinutes() << 5) | (modified.getUTCSeconds() >> 1)) & 0xffff,
    date: (((modified.getUTCFullYear() - 1980) << 9) | ((modified.getUTCMonth() + 1) << 5) | modified.getUTCDate()) & 0xffff,
  };
}

/** Builds a stored (uncompressed) zip piece by piece: each entry's local header and bytes, then the directory and end record. */
class ZipParts {
  private centrals: Buffer[] = [];
  private offset = 0;
  private count = 0;
  private readonly stamp: { time: number; date: number };

  constructor(modified: Date) {
    this.stamp = dosStamp(modified);
  }

  /** The bytes that go into the archive for one entry (its local header, name and data). */
  entry(e: ZipEntry): Buffer[] {
    const name = Buffer.from(e.name, "utf8");
    const crc = crc32(e.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(this.stamp.time, 10);
    local.writeUInt16LE(this.stamp.date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(this.stamp.time, 12);
    central.writeUInt16LE(this.stamp.date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(this.offset, 42);
    this.centrals.push(central, name);
    this.offset += 30 + name.length + e.data.length;
    this.count++;
    return [local, name, Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength)];
  }

  /** The central directory and end record, after the last entry. */
  end(): Buffer[] {
    const dirSize = this.centrals.reduce((n, b) => n + b.length, 0);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.count, 8);
    end.writeUInt16LE(this.count, 10);
    end.writeUInt32LE(dirSize, 12);
    end.writeUInt32LE(this.offset, 16);
    return [...this.centrals, end];
  }
}

/**
 * A zip archive with the entries stored uncompressed (videos and images are compressed already).
 * Plain PKZIP format: local headers, central directory, end record; names in UTF-8.
 */
export function zipStore(entries: ZipEntry[], modified: Date): Uint8Array {
  const parts = new ZipParts(modified);
  const body = entries.flatMap((e) => parts.entry(e));
  return new Uint8Array(Buffer.concat([...body, ...parts.end()]));
}

/** A zip written to a file one entry at a time (only one entry's bytes in memory), flushed to disk by `close`. */
export class ZipFileWriter {
  private readonly fd: number;
  private readonly parts: ZipParts;

  constructor(path: string, modified: Date) {
    this.fd = openSync(path, "w");
    this.parts = new ZipParts(modified);
  }

  /** Appends one entry. */
  add(e: ZipEntry): void {
    for (const b of this.parts.entry(e)) writeSync(this.fd, b);
  }

  /** Writes the directory, syncs the file to disk and closes it. */
  close(): void {
    for (const b of this.parts.end()) writeSync(this.fd, b);
    fsyncSync(this.fd);
    closeSync(this.fd);
  }

  /** Closes the file without finishing it (after a failure; the caller removes it). */
  abandon(): void {
    closeSync(this.fd);
  }
}

/** A zip entry read only when it is written (a media file on disk), with its size known beforehand for progress. */
export interface LazyZipEntry {
  name: string;
  bytes: number;
  read(): Uint8Array;
}

/** A lazy entry of bytes already in memory (a text file of the bundle). */
export function memoryEntry(name: string, data: Uint8Array): LazyZipEntry {
  return { name, bytes: data.byteLength, read: () => data };
}
