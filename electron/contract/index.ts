export * from './names.js';
export * from './types.js';
export * from './methods.js';
export * from './events.js';
export * from './routes.js';
export * from './recognition.js';
export * from './search.js';
export * from './providers.js';
