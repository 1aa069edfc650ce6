// Each interaction's token usage, as numbers in a column rather than an object. Usage differs from call to call in
// real traffic, so sharing one object per distinct usage saved nothing there: each call kept its own ~65-byte
// object, and the sharing table a key string and an entry for each of its first 10,000. A column costs 24 bytes.

import type { Usage } from '../../../shared/normalized';
import { grown } from './grown';

const FIELDS = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens', 'totalTokens'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_INDEX = new Map<string, number>(FIELDS.map((field, i) => [field, i]));

/** Which fields a usage has, in its own order, and which of them are there but undefined. */
interface Shape {
  fields: Field[];
  defined: boolean[];
}

/** Shapes are numbered 1 to 255 in a byte; 0 is a usage kept whole in `odd` (a shape too many, a value not int32). */
const MAX_SHAPES = 255;

export class UsageColumns {
  private values = new Int32Array(FIELDS.length * 256);
  private shapeOf = new Uint8Array(256);
  private readonly shapes: Shape[] = [];
  private readonly shapeNumbers = new Map<string, number>();
  private readonly odd = new Map<number, Usage>();

  put(slot: number, usage: Usage): void {
    this.values = grown(this.values, FIELDS.length * (slot + 1));
    this.shapeOf = grown(this.shapeOf, slot + 1);
    this.odd.delete(slot);
    const shape = this.shapeNumber(usage);
    this.shapeOf[slot] = shape;
    if (shape === 0) {
      this.odd.set(slot, { ...usage });
      return;
    }
    for (const [field, value] of Object.entries(usage)) {
      if (value !== undefined) this.values[FIELDS.length * slot + FIELD_INDEX.get(field)!] = value as number;
    }
  }

  get(slot: number): Usage {
    const shape = this.shapeOf[slot];
    if (shape === 0) return { ...this.odd.get(slot) };
    const { fields, defined } = this.shapes[shape - 1];
    const usage: Usage = {};
    fields.forEach((field, i) => {
      usage[field] = defined[i] ? this.values[FIELDS.length * slot + FIELD_INDEX.get(field)!] : undefined;
    });
    return usage;
  }

  private shapeNumber(usage: Usage): number {
    const entries = Object.entries(usage);
    if (!entries.every(([field, value]) => FIELD_INDEX.has(field) && (value === undefined || (value | 0) === value))) return 0;
    const key = entries.map(([field, value]) => (value === undefined ? `${field}?` : field)).join(',');
    const known = this.shapeNumbers.get(key);
    if (known !== undefined) return known;
    if (this.shapes.length === MAX_SHAPES) return 0;
    this.shapes.push({ fields: entries.map(([field]) => field as Field), defined: entries.map(([, value]) => value !== undefined) });
    this.shapeNumbers.set(key, this.shapes.length);
    return this.shapes.length;
  }
}
