// The catalog's sessions, indexed by the session id's number (id-slots.ts): whether the session exists, its turns
// in start order, and what its title is made of. Most sessions are one-off calls with a single turn, whose number
// is kept in place of a list; only sessions of two turns or more have an array. Links and generated titles, which
// few sessions have, are in maps.

import type { Placement } from '../../../shared/session';
import { grown } from './grown';

const NO_SESSION = 0;
/** A session whose turns, none or several, are in `lists`. */
const LISTED = 1;
/** Above LISTED: a session with one turn, whose number is the value minus ONE_TURN. */
const ONE_TURN = 2;

export class SessionColumns {
  private members = new Int32Array(256);
  private firstTextTurns = new Int32Array(256); // the turn's number + 1 (0: none)
  private readonly firstTexts: (string | undefined)[] = [];
  private readonly lists = new Map<number, number[]>();
  readonly links = new Map<number, NonNullable<Placement['link']>>();
  readonly generatedTitles = new Map<number, string>();

  exists(slot: number): boolean {
    return slot < this.members.length && this.members[slot] !== NO_SESSION;
  }

  create(slot: number): void {
    this.ensure(slot);
    if (this.members[slot] === NO_SESSION) this.members[slot] = LISTED;
  }

  /** The session's turn numbers in start order; a copy to change and give back with setTurns. */
  turns(slot: number): number[] {
    if (!this.exists(slot)) return [];
    const member = this.members[slot];
    return member >= ONE_TURN ? [member - ONE_TURN] : [...(this.lists.get(slot) ?? [])];
  }

  turnCount(slot: number): number {
    if (!this.exists(slot)) return 0;
    return this.members[slot] >= ONE_TURN ? 1 : (this.lists.get(slot)?.length ?? 0);
  }

  setTurns(slot: number, turns: number[]): void {
    this.create(slot);
    if (turns.length === 1) {
      this.members[slot] = turns[0] + ONE_TURN;
      this.lists.delete(slot);
      return;
    }
    this.members[slot] = LISTED;
    if (turns.length === 0) this.lists.delete(slot);
    else this.lists.set(slot, turns);
  }

  firstText(slot: number): string | undefined {
    return this.firstTexts[slot];
  }

  /** The turn the first user text came from (its start decides whether an earlier turn's text replaces it). */
  firstTextTurn(slot: number): number | undefined {
    const turn = this.firstTextTurns[slot];
    return turn ? turn - 1 : undefined;
  }

  setFirstText(slot: number, turn: number, text: string): void {
    this.firstTextTurns[slot] = turn + 1;
    this.firstTexts[slot] = text;
  }

  private ensure(slot: number): void {
    this.members = grown(this.members, slot + 1);
    this.firstTextTurns = grown(this.firstTextTurns, slot + 1);
    // Pushed, not assigned past the end: an array with a gap may turn into a slow dictionary.
    while (this.firstTexts.length <= slot) this.firstTexts.push(undefined);
  }
}
