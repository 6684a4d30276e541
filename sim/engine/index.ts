/** The simulation kernel. Imports nothing from the GlusterFS model. */
export * from './time.js';
export * from './queue.js';
export * from './signal.js';
export * from './process.js';
export * from './scope.js';
export * from './random.js';
export * from './fingerprint.js';
export * from './simulation.js';
export * from './mutex.js';
