import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { recipientFingerprint } from '../keys';
import { serializeEnvelope, signEnvelope } from './dsse';
import { SealError } from './errors';
import { createEncryptedFile, PARALLEL_THRESHOLD, WriteFailed, type EncryptedSink } from './io';
import {
  SealedFile,
  Statement,
  STATEMENT_PAYLOAD_TYPE,
  buildStatement,
  type AnyPredicate,
  type FileRole,
  type HandoutPredicate,
  type MergedPredicate,
  type PredicateType,
  type SealPredicate,
} from './statement';
import { ENVELOPE_NAME } from './zip-format';
import { ZipFramer } from './zip-write';

/*
 * Sealing in one pass over the data: each file is read once, hashed (and compared with the digest recorded when
 * it was stored: a mismatch stops the seal), framed as a stored ZIP entry and encrypted on its way to the output
 * file. The envelope, whose signed statement lists every digest, is the last entry. Memory stays at a few MiB
 * whatever the evidence weighs: files are read into two reused buffers, the cipher runs on a ring of shared slots.
 * The output path is a temp name; the caller renames it once this resolves.
 */

export type SealBlob = {
  role: FileRole;
  mediaType: string;
  displayName: string;
  size: number;
  /** The digest recorded when the file was stored; checked while sealing. Computed first when absent. */
  sha256?: string;
  evidenceId?: string;
  /** A file to read (the fast path), or… */
  path?: string;
  /** …a stream of the bytes (generated content). One of the two is required. */
  open?: () => Readable;
};

export type SealInput = {
  blobs: readonly SealBlob[];
  signer: { keyId: string; secretKey: Uint8Array; userId: string; name: string };
  /** age1… recipients: HQ, the team leads and the author. */
  recipients: readonly string[];
  /** A field report (the default), a handout or a merged report. */
  predicateType?: PredicateType;
  predicate: Unsigned<SealPredicate> | Unsigned<HandoutPredicate> | Unsigned<MergedPredicate>;
  outPath: string;
  parallel?: boolean | 'auto';
  onProgress?: (done: number, total: number) => void;
};

type Unsigned<P> = Omit<P, 'files' | 'audience' | 'signer'>;

export type SealOutput = {
  envelope: Buffer;
  envelopeDigest: string;
  statement: Statement;
  bytes: number;
  /** The SHA-256 of the bundle file itself (what HQ and the upload know it by), taken as it was written. */
  fileSha256: string;
  plaintextBytes: number;
};

const READ_BYTES = 1024 * 1024;

/** Two read buffers, reused for every file of a seal: the next read runs in the thread pool while this piece is hashed and encrypted. */
type ReadBuffers = [Buffer, Buffer];
const readBuffers = (): ReadBuffers => [Buffer.allocUnsafeSlow(READ_BYTES), Buffer.allocUnsafeSlow(READ_BYTES)];

/** Calls `each` with the file's bytes in order, in pieces valid only during the call. */
async function readBlob(blob: SealBlob, buffers: ReadBuffers, each: (piece: Buffer) => void | Promise<void>): Promise<void> {
  if (blob.path !== undefined) {
    const handle = await open(blob.path, 'r');
    try {
      let turn = 0;
      let position = 0;
      let next: Promise<{ bytesRead: number }> | null = handle.read(buffers[0] as Buffer, 0, READ_BYTES, position);
      try {
        for (;;) {
          const { bytesRead }: { bytesRead: number } = await next;
          next = null;
          if (bytesRead === 0) break;
          const current = buffers[turn] as Buffer;
          position += bytesRead;
          turn = 1 - turn;
          next = handle.read(buffers[turn] as Buffer, 0, READ_BYTES, position);
          await each(current.subarray(0, bytesRead));
        }
      } finally {
        // Never close the file under a read still in flight.
        await (next as Promise<unknown> | null)?.catch(() => undefined);
      }
    } finally {
      await handle.close();
    }
    return;
  }
  if (!blob.open) throw new Error(`blob "${blob.displayName}" has neither a path nor a stream`);
  for await (const chunk of blob.open() as AsyncIterable<Buffer>) await each(chunk);
}

const unreadable = (blob: SealBlob, error: unknown) =>
  error instanceof SealError ? error : new SealError('evidence_unreadable', `Could not read "${blob.displayName}": ${(error as Error).message}`);

export async function sealToFile(input: SealInput): Promise<SealOutput> {
  // Describe every file first, hashing the ones (generated PDFs, the report JSON) that came without a digest.
  const files: (SealedFile & { blob: SealBlob })[] = [];
  const buffers = readBuffers();
  for (const blob of input.blobs) {
    let sha256 = blob.sha256;
    if (sha256 === undefined) {
      const hash = createHash('sha256');
      let size = 0;
      await readBlob(blob, buffers, (piece) => {
        hash.update(piece);
        size += piece.length;
      }).catch((error: unknown) => {
        throw unreadable(blob, error);
      });
      if (size !== blob.size) throw new SealError('evidence_altered', `"${blob.displayName}" is ${size} bytes, not the ${blob.size} recorded.`);
      sha256 = hash.digest('hex');
    }
    const described = SealedFile.safeParse({
      sha256,
      role: blob.role,
      mediaType: blob.mediaType,
      size: blob.size,
      displayName: blob.displayName,
      ...(blob.evidenceId ? { evidenceId: blob.evidenceId } : {}),
    });
    if (!described.success) {
      throw new SealError('invalid_input', `File "${blob.displayName}" cannot be sealed: ${described.error.issues[0]?.message ?? 'invalid'}`);
    }
    files.push({ ...described.data, blob });
  }

  const unique = new Map<string, (typeof files)[number]>();
  for (const file of files) {
    const known = unique.get(file.sha256);
    if (known && known.size !== file.size) {
      throw new SealError('invalid_input', `"${file.displayName}" and "${known.displayName}" share a digest but not a size.`);
    }
    if (!known) unique.set(file.sha256, file);
  }
  const total = [...unique.values()].reduce((sum, f) => sum + f.size, 0);
  const parallel = input.parallel === 'auto' || input.parallel === undefined ? total >= PARALLEL_THRESHOLD : input.parallel;

  let sink: EncryptedSink;
  try {
    sink = await createEncryptedFile(input.outPath, input.recipients, { parallel });
  } catch (error) {
    throw new SealError('write_failed', `Could not create ${input.outPath}: ${(error as Error).message}`);
  }
  const zip = new ZipFramer(new Date(input.predicate.createdAt));
  let plaintextBytes = 0;
  const emit = async (data: Uint8Array) => {
    plaintextBytes += data.length;
    try {
      await sink.write(data);
    } catch (error) {
      throw error instanceof WriteFailed ? error : new WriteFailed((error as Error).message, (error as NodeJS.ErrnoException).code);
    }
  };
  let done = 0;
  let lastReport = 0;

  try {
    input.onProgress?.(0, total);
    for (const file of unique.values()) {
      await emit(zip.begin(`blobs/sha256/${file.sha256}`));
      const hash = createHash('sha256');
      let crc = 0;
      let size = 0;
      const altered = () =>
        new SealError(
          'evidence_altered',
          `"${file.displayName}" no longer matches its recorded SHA-256 (${file.sha256.slice(0, 12)}…); sealing stopped. Check the evidence store.`,
        );
      try {
        await readBlob(file.blob, buffers, async (piece) => {
          size += piece.length;
          if (size > file.size) throw altered();
          hash.update(piece);
          crc = crc32(piece, crc);
          await emit(piece);
          done += piece.length;
          if (input.onProgress && (done - lastReport >= 8 * 1024 * 1024 || done === total)) {
            lastReport = done;
            input.onProgress(done, total);
          }
        });
      } catch (error) {
        if (error instanceof WriteFailed) throw error;
        throw unreadable(file.blob, error);
      }
      if (size !== file.size || hash.digest('hex') !== file.sha256) throw altered();
      await emit(zip.end(size, crc));
    }

    // The envelope: a statement naming every digest, signed over its PAE, as the last entry.
    const predicate = {
      ...input.predicate,
      signer: { keyId: input.signer.keyId, userId: input.signer.userId, name: input.signer.name },
      audience: [...new Set(input.recipients.map(recipientFingerprint))],
      files: files.map(({ blob: _blob, ...file }) => file),
    } as AnyPredicate;
    const statement = Statement.parse(buildStatement(predicate, input.predicateType));
    const payload = Buffer.from(JSON.stringify(statement), 'utf8');
    const envelope = serializeEnvelope(
      signEnvelope(STATEMENT_PAYLOAD_TYPE, payload, [{ keyId: input.signer.keyId, secretKey: input.signer.secretKey }]),
    );
    await emit(zip.begin(ENVELOPE_NAME));
    await emit(envelope);
    await emit(zip.end(envelope.length, crc32(envelope)));
    await emit(zip.finish());
    const written = await sink.finish();
    input.onProgress?.(total, total);
    return {
      envelope,
      envelopeDigest: createHash('sha256').update(envelope).digest('hex'),
      statement,
      bytes: written.bytes,
      fileSha256: written.sha256,
      plaintextBytes,
    };
  } catch (error) {
    await sink.abort();
    if (error instanceof SealError) throw error;
    if (error instanceof WriteFailed) {
      throw new SealError('write_failed', `Writing the bundle failed: ${(error as Error).message}`);
    }
    throw error;
  }
}
