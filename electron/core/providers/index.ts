// Provider adapters: the only code that knows provider wire formats.
export { detectEndpoint, isLikelyLlmRequest, type EndpointInfo } from './endpoint-detect';
export { parseExchange, type ExchangeInput } from './parse-exchange';
export { createStreamObserver, type StreamObserver } from './stream-observer';
