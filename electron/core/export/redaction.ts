// Redaction applied to everything an export writes: headers, URLs, JSON bodies (walked value by value, so they stay
// valid JSON), plain text and stream text. Capture already fingerprinted credentials; exports check again anyway,
// because a key pasted into a message, an old store or an imported file may still hold one.
//
// Credentials (credential headers, key-shaped query parameters, key-shaped strings, JWTs) are redacted always, even
// with `--no-redact`; that flag only turns off the content rules (emails, custom patterns, named fields).

import { fingerprint, isCredentialHeader, redactHeaders, redactUrl } from '../capture/redact-credentials';

export interface RedactionOptions {
  /** False for `--no-redact`: content is kept, credentials are still replaced. Default true. */
  content?: boolean;
  /** Replace email addresses (default true when content redaction is on). */
  emails?: boolean;
  /** Extra regular expressions (`--redact-pattern`), matched in every string. */
  patterns?: string[];
  /** JSON fields and header names whose whole value is replaced (`--redact-field`), case-insensitive. */
  fields?: string[];
}

/** What was replaced, per rule: the summary the CLI prints and each export carries in its metadata. */
export interface RedactionSummary {
  content: boolean;
  rules: string[];
  replaced: Record<string, number>;
}

interface Rule {
  name: string;
  regex: RegExp;
  replace(match: string): string;
}

// Vendor key shapes: long enough that an already fingerprinted value (`sk-ant-…9f3a`) never matches again.
const KEY_SHAPED =
  /\b(?:sk-(?:ant-|proj-|or-v1-|svcacct-)?[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{30,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abprs]-[A-Za-z0-9-]{10,}|gsk_[A-Za-z0-9]{20,}|xai-[A-Za-z0-9]{20,}|hf_[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16})\b/g;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g;
/** What capture leaves in a credential header: an optional scheme, a vendor prefix, `…`, the last four characters. */
const FINGERPRINTED = /^(?:[A-Za-z]+ )?[\w-]{0,12}…[\w-]{0,4}$/;
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;

export class Redactor {
  private readonly rules: Rule[];
  private readonly fields: Set<string>;
  private readonly counts = new Map<string, number>();
  readonly content: boolean;

  constructor(options: RedactionOptions = {}) {
    this.content = options.content !== false;
    this.rules = [
      { name: 'key-shaped', regex: KEY_SHAPED, replace: (m) => fingerprint(m) },
      { name: 'jwt', regex: JWT, replace: () => '[redacted:jwt]' },
    ];
    if (this.content && options.emails !== false) this.rules.push({ name: 'email', regex: EMAIL, replace: () => '[redacted:email]' });
    if (this.content) {
      (options.patterns ?? []).forEach((source, i) => {
        const name = `pattern-${i + 1}`;
        this.rules.push({ name, regex: new RegExp(source, 'g'), replace: () => `[redacted:${name}]` });
      });
    }
    this.fields = new Set(this.content ? (options.fields ?? []).map((f) => f.toLowerCase()) : []);
  }

  private count(rule: string, n = 1): void {
    this.counts.set(rule, (this.counts.get(rule) ?? 0) + n);
  }

  /** Every rule over one string. Replacements hold no quote or backslash, so JSON text around them stays valid. */
  text(value: string): string {
    let out = value;
    for (const rule of this.rules) {
      rule.regex.lastIndex = 0;
      if (!rule.regex.test(out)) continue;
      rule.regex.lastIndex = 0;
      out = out.replace(rule.regex, (match) => {
        // A pattern that matches the empty string would loop over every position: count only real matches.
        if (match === '') return match;
        this.count(rule.name);
        return rule.replace(match);
      });
    }
    return out;
  }

  /** A parsed JSON value, walked: strings through the rules, named fields replaced whole. Returns a new value. */
  json(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.json(v));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        if (this.fields.has(key.toLowerCase()) && v !== null && v !== undefined) {
          this.count(`field:${key.toLowerCase()}`);
          out[key] = '[redacted]';
        } else out[key] = this.json(v);
      }
      return out;
    }
    return value;
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [rawName, original] of Object.entries(headers)) {
      const name = rawName.toLowerCase();
      if (this.fields.has(name)) {
        this.count(`field:${name}`);
        out[name] = '[redacted]';
      } else if (isCredentialHeader(name)) {
        const value = FINGERPRINTED.test(original) ? original : redactHeaders({ [name]: original })[name];
        // Capture stores only fingerprints; a value that still changes here was a live credential.
        if (value !== original) this.count('credential-header');
        out[name] = value;
      } else out[name] = this.text(original);
    }
    return out;
  }

  url(url: string): string {
    const fingerprinted = redactUrl(url);
    if (fingerprinted !== url) this.count('credential-query');
    return this.text(fingerprinted);
  }

  /**
   * A body as stored text: JSON is parsed, walked and re-serialized (only when something changed, so untouched
   * bodies keep their bytes); SSE and NDJSON lines carrying JSON are treated line by line the same way.
   */
  bodyText(text: string): string {
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return this.jsonText(text, JSON.parse(text));
      } catch {
        // Not one JSON document: NDJSON or text, handled by lines below.
      }
    }
    if (!text.includes('\n')) return this.text(text);
    return text
      .split('\n')
      .map((line) => this.streamLine(line))
      .join('\n');
  }

  private jsonText(text: string, parsed: unknown): string {
    const redacted = this.json(parsed);
    const again = JSON.stringify(redacted);
    return again === JSON.stringify(parsed) ? text : again;
  }

  private streamLine(line: string): string {
    const data = /^(data:\s?)(.*?)(\r?)$/.exec(line);
    const payload = data ? data[2] : line;
    if (payload.startsWith('{') || payload.startsWith('[')) {
      try {
        const replaced = this.jsonText(payload, JSON.parse(payload));
        return data ? `${data[1]}${replaced}${data[3]}` : replaced;
      } catch {
        // fall through to text
      }
    }
    return this.text(line);
  }

  summary(): RedactionSummary {
    return {
      content: this.content,
      rules: ['credential-header', 'credential-query', ...this.rules.map((r) => r.name), ...[...this.fields].map((f) => `field:${f}`)],
      replaced: Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b))),
    };
  }
}

/** The summary as one line for stderr. */
export function formatRedactionSummary(summary: RedactionSummary): string {
  const parts = Object.entries(summary.replaced).map(([rule, n]) => `${rule} ${n}`);
  const mode = summary.content ? 'redacted' : 'credentials redacted (--no-redact keeps other content)';
  return `${mode}: ${parts.length ? parts.join(', ') : 'nothing matched'}\n`;
}
