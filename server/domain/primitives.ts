import { z } from 'zod';

/** Length in user-perceived characters (code points), so 佛山 counts 2 and an emoji counts 1. */
export const charLength = (s: string): number => Array.from(s).length;

/** Trimmed, NFC-normalised text whose length is counted in characters, not UTF-16 units. */
export const text = (min: number, max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .refine((s) => charLength(s) >= min, { message: `must be at least ${min} characters` })
    .refine((s) => charLength(s) <= max, { message: `must be at most ${max} characters` });

// GB 32100-2015: 18 characters from this alphabet; the last is a check character.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) return undefined;
    sum += v * (USCC_WEIGHTS[i] ?? 0);
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[c];
}

export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

export const Uscc = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine(isValidUscc, { message: 'is not a valid unified social credit code (GB 32100-2015 check character)' });

// GB 11643-1999 resident identity number: 17 digits and a check character (0-9 or X).
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}
export const IdNumber = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine(isValidIdNumber, { message: 'is not a valid resident identity number (GB 11643 check character)' });

/** Mainland mobile number, stored without the +86 prefix. */
export const MobilePhone = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^(\+?86)/, ''))
  .refine((s) => /^1[3-9]\d{9}$/.test(s), { message: 'is not a mainland mobile number (11 digits starting 13–19)' });

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'is not a valid e-mail address' }));

/** GB/T 4754-2017 code: a section letter, or a 2/3/4-digit division/group/class, optionally after its section letter. */
export const IndustryCode = z
  .string()
  .trim()
  .regex(/^(?:[A-T]|[A-T]?\d{2}(?:\d{1,2})?)$/, 'is not a GB/T 4754-2017 industry code (e.g. C38 or C3851)');

export const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and hyphens');
/** Chain node ids are `<chain>.<node>`, both slugs, so a node id alone names its chain. */
export const NodeId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must look like chain-code.node-code');
export const chainOfNode = (nodeId: string): string => nodeId.split('.')[0] ?? nodeId;

export const Id = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'is not a valid id');
export const ExternalId = z.string().trim().min(1).max(128);
export const City = text(1, 32);
export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const Tags = (maxItems: number, maxLen = 64) => z.array(text(1, maxLen)).max(maxItems);
