import { sniffImageType } from './image-type';

describe('sniffImageType', () => {
  it.each([
    ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]],
    ['image/jpeg', [0xff, 0xd8, 0xff, 0xe0]],
    ['image/gif', [...Buffer.from('GIF89a'), 1]],
    ['image/gif', [...Buffer.from('GIF87a'), 1]],
    ['image/webp', [...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WEBPVP8 ')]],
  ])('should recognise %s by its magic bytes', (type, bytes) => {
    expect(sniffImageType(Buffer.from(bytes))).toBe(type);
  });

  it.each([
    ['text', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['empty', Buffer.alloc(0)],
    ['RIFF that is not WebP', Buffer.from('RIFF0000WAVEfmt ')],
    ['truncated PNG', Buffer.from([0x89, 0x50, 0x4e])],
  ])('should refuse %s', (_name, bytes) => {
    expect(sniffImageType(bytes)).toBeUndefined();
  });
});
