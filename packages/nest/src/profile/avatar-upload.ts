import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { Busboy } from '@fastify/busboy';
import { SERVER_ROUTES } from '@wxlogin/contracts';
import { ApiError } from '../common/api-error';

/** Avatar uploads: one image in this field, of at most this size (the route table's). */
const { field: FILE_FIELD, maxBytes: AVATAR_MAX_BYTES } = SERVER_ROUTES.uploadAvatar.request;

const MULTIPART = /^multipart\/form-data\s*;/i;

const malformedBody = (cause?: unknown) =>
  new ApiError('VALIDATION_FAILED', 'malformed multipart body', { expose: true, cause });

/**
 * Reads the image of an avatar upload — multipart/form-data with one file in the field `file`,
 * what `Taro.uploadFile` sends after chooseAvatar — from the request body, which the module leaves
 * unread for multipart requests (profile.module.ts). Not @fastify/multipart: it adds hooks to every
 * route while only this one reads multipart (docs/performance.md).
 *
 * Not multipart: UNSUPPORTED_MEDIA_TYPE. Over 1 MB: PAYLOAD_TOO_LARGE. No `file` field, another
 * field, or a malformed body: VALIDATION_FAILED.
 */
export function readAvatarUpload(request: IncomingMessage): Promise<Buffer> {
  const contentType = request.headers['content-type'] ?? '';
  if (!MULTIPART.test(contentType) || request.readableEnded) {
    return Promise.reject(new ApiError('UNSUPPORTED_MEDIA_TYPE', 'expected multipart'));
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: ApiError) => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
      // Drain what the client still sends, so that the error answer reaches it.
      request.resume();
      reject(error);
    };
    const malformed = (cause?: unknown) => fail(malformedBody(cause));
    const notOneFile = () => fail(new ApiError('VALIDATION_FAILED', FILE_FIELD, { expose: true }));

    let parser: ReturnType<typeof Busboy>;
    try {
      parser = new Busboy({
        headers: request.headers as { 'content-type': string },
        limits: { fileSize: AVATAR_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
      });
    } catch (error) {
      // No boundary, or one Busboy cannot use.
      request.resume();
      reject(malformedBody(error));
      return;
    }

    let image: Promise<Buffer> | undefined;
    parser.on('file', (field: string, stream: Readable) => {
      if (field !== FILE_FIELD) {
        stream.resume();
        notOneFile();
        return;
      }
      image = collect(stream);
      image.catch((error: ApiError) => fail(error));
    });
    parser.on('filesLimit', notOneFile);
    parser.on('partsLimit', malformed);
    parser.on('fieldsLimit', malformed);
    parser.on('error', malformed);
    parser.on('finish', () => {
      if (image === undefined) notOneFile();
      else
        image.then(
          (bytes) => {
            if (settled) return;
            settled = true;
            resolve(bytes);
          },
          (error: ApiError) => fail(error),
        );
    });
    request.on('error', malformed);
    request.pipe(parser);
  });
}

/** The file's bytes; PAYLOAD_TOO_LARGE as soon as it passes the limit. */
function collect(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('limit', () =>
      reject(new ApiError('PAYLOAD_TOO_LARGE', `avatar over ${AVATAR_MAX_BYTES} bytes`)),
    );
    stream.on('error', (error) => reject(malformedBody(error)));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
