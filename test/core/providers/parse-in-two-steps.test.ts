import { describe, expect, it } from 'vitest';
import { parseExchange, type ExchangeInput } from '../../../electron/core/providers';
import { WIRE_CASES } from './wire-cases';
import { exchange, URLS } from './factories';

const requestOnly = (input: ExchangeInput): ExchangeInput => ({
  method: input.method,
  url: input.url,
  requestHeaders: input.requestHeaders,
  requestBody: input.requestBody,
});

describe('parsing the response onto the parse made when the request was sent', () => {
  it.each(Object.keys(WIRE_CASES))('gives the same result as one full parse for %s', (name) => {
    const input = WIRE_CASES[name]();
    expect(parseExchange(input, parseExchange(requestOnly(input)))).toEqual(parseExchange(input));
  });

  it('keeps the request notes of a malformed body and of an unknown endpoint', () => {
    for (const input of [
      { ...exchange(URLS.chat, {}), requestBody: '{"messages": [' , status: 400, responseBody: '{"error":{"message":"bad"}}' },
      { ...exchange('https://example.com/v1/whatever', { messages: [{ role: 'user', content: 'hi' }] }), status: 200, responseBody: '{}' },
    ]) {
      expect(parseExchange(input, parseExchange(requestOnly(input)))).toEqual(parseExchange(input));
    }
  });
});
