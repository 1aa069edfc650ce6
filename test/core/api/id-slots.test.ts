import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdSlots } from '../../../electron/core/api/id-slots';
import { memoryUsed } from '../../helpers/gc';

describe('id slots', () => {
  it('numbers each id once, in order, through the table growing', () => {
    const slots = new IdSlots();
    const ids = Array.from({ length: 5000 }, (_, n) => (n % 2 ? `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` : `id-${n}`));
    const order = ids.map((_, n) => n);
    expect(ids.map((id) => slots.slotOf(id))).toEqual(order);
    expect(ids.map((id) => slots.find(id))).toEqual(order);
    expect(ids.map((id) => slots.slotOf(id))).toEqual(order);
    expect(order.map((n) => slots.idOf(n))).toEqual(ids);
    expect(slots.find('id-5001')).toBeUndefined();
    expect(slots.size).toBe(5000);
  });

  it('tells a UUID kept as bytes from ids that differ from it in one character or in case', () => {
    const slots = new IdSlots();
    const uuid = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c10';
    slots.slotOf(uuid);
    expect(slots.idOf(0)).toBe(uuid);
    const near = [uuid.toUpperCase(), uuid.replace('0a1b', '0a1g'), uuid.replace('-4e5f', '04e5f'), uuid.replace('3c10', '3c0g'), `${uuid}x`];
    for (const id of near) expect(slots.find(id)).toBeUndefined();
    expect(near.map((id) => slots.slotOf(id))).toEqual([1, 2, 3, 4, 5]);
    expect([uuid, ...near].map((id) => slots.find(id))).toEqual([0, 1, 2, 3, 4, 5]);
    expect([0, 1, 2, 3, 4, 5].map((n) => slots.idOf(n))).toEqual([uuid, ...near]);
  });

  it('keeps a recorder UUID in under 48 bytes', () => {
    const count = 20_000;
    const slots = new IdSlots();
    slots.slotOf(randomUUID());
    const before = memoryUsed();
    for (let n = 0; n < count; n++) slots.slotOf(randomUUID());
    const perId = (memoryUsed() - before) / count;
    // Kept as its 36-character string, with its table entry, it took ~84 bytes.
    expect(perId).toBeLessThan(48);
    expect(slots.size).toBe(count + 1);
  });
});
