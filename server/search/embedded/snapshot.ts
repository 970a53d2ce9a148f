import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';

/**
 * One file per search type: a fixed header, a JSON directory, then raw sections (JSON text,
 * Float32/Int32/Uint32 arrays) at 8-byte aligned offsets so typed arrays view the file buffer
 * without copying. A CRC over everything after the header catches torn or corrupted files; a
 * format number and the vector dimensions catch incompatible ones.
 *
 *   magic "CTSNAP\0\0" | u32 format | u32 directory length | u32 crc32(rest) | u32 0 | directory | sections
 */
export const SNAPSHOT_FORMAT = 1;
const MAGIC = Buffer.from('CTSNAP\0\0', 'latin1');
const HEADER = MAGIC.length + 16;

export type Section = Buffer | Uint8Array | Float32Array | Float64Array | Int32Array | Uint32Array;

export interface SnapshotFile<M> {
  meta: M;
  sections: Record<string, Section>;
}

interface Directory<M> {
  meta: M;
  sections: Record<string, { offset: number; length: number }>;
}

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}

const align = (n: number): number => (n + 7) & ~7;

const bytesOf = (s: Section): Buffer => (Buffer.isBuffer(s) ? s : Buffer.from(s.buffer, s.byteOffset, s.byteLength));

/** Writes to a temporary file beside `file`, syncs it, then renames it over: readers see old or new, never half. */
export async function writeSnapshot<M>(file: string, content: SnapshotFile<M>): Promise<number> {
  const parts = Object.entries(content.sections).map(([name, s]) => ({ name, bytes: bytesOf(s) }));
  const sections: Directory<M>['sections'] = {};
  let at = 0;
  for (const p of parts) {
    sections[p.name] = { offset: at, length: p.bytes.length };
    at = align(at + p.bytes.length);
  }
  const dir = Buffer.from(JSON.stringify({ meta: content.meta, sections } satisfies Directory<M>), 'utf8');
  const dirLen = align(dir.length);
  const body: Buffer[] = [dir, Buffer.alloc(dirLen - dir.length)];
  let written = 0;
  for (const p of parts) {
    body.push(p.bytes);
    written += p.bytes.length;
    const pad = align(written) - written;
    if (pad > 0) body.push(Buffer.alloc(pad));
    written += pad;
  }
  let crc = 0;
  // Node 20's crc32 returns 0 for a buffer over an empty ArrayBuffer instead of passing the running value through.
  for (const b of body) if (b.length > 0) crc = crc32(b, crc);
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(SNAPSHOT_FORMAT, MAGIC.length);
  header.writeUInt32LE(dirLen, MAGIC.length + 4);
  header.writeUInt32LE(crc >>> 0, MAGIC.length + 8);

  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'w');
  let size = 0;
  try {
    for (const b of [header, ...body]) {
      if (b.length === 0) continue;
      await fh.write(b);
      size += b.length;
    }
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  await rename(tmp, file);
  return size;
}

/**
 * Reads a snapshot; undefined when there is none. Throws SnapshotError when the file is not a
 * snapshot of this format or does not check out, so the caller can start empty.
 */
export async function readSnapshot<M>(file: string): Promise<{ meta: M; section(name: string): Buffer } | undefined> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (buf.length < HEADER || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new SnapshotError(`${file} is not a search snapshot`);
  const format = buf.readUInt32LE(MAGIC.length);
  if (format !== SNAPSHOT_FORMAT) throw new SnapshotError(`${file} has snapshot format ${format}, this engine reads ${SNAPSHOT_FORMAT}`);
  const dirLen = buf.readUInt32LE(MAGIC.length + 4);
  const crc = buf.readUInt32LE(MAGIC.length + 8);
  if (HEADER + dirLen > buf.length) throw new SnapshotError(`${file} is truncated`);
  if (crc32(buf.subarray(HEADER)) >>> 0 !== crc) throw new SnapshotError(`${file} fails its checksum`);
  const dir = JSON.parse(
    buf
      .subarray(HEADER, HEADER + dirLen)
      .toString('utf8')
      .replace(/\0+$/, ''),
  ) as Directory<M>;
  const base = HEADER + dirLen;
  return {
    meta: dir.meta,
    section(name) {
      const s = dir.sections[name];
      if (!s || base + s.offset + s.length > buf.length) throw new SnapshotError(`${file} lacks section ${name}`);
      return buf.subarray(base + s.offset, base + s.offset + s.length);
    },
  };
}

/** A typed array over a section's bytes; copies only when the bytes are not aligned for it. */
export function viewAs<T extends Uint8Array | Float32Array | Float64Array | Int32Array | Uint32Array>(
  bytes: Buffer,
  Kind: { new (b: ArrayBuffer, o: number, n: number): T; new (n: number): T; BYTES_PER_ELEMENT: number },
): T {
  const size = Kind.BYTES_PER_ELEMENT;
  if (bytes.length % size !== 0) throw new SnapshotError('a section has a partial element');
  if (bytes.byteOffset % size === 0) return new Kind(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length / size);
  const out = new Kind(bytes.length / size);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
