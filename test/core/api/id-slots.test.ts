import { describe, expect, it } from 'vitest';
import { IdSlots } from '../../../electron/core/api/id-slots';

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
});
