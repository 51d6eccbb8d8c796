// Owns the public surface of protocol/: the PostgreSQL v3 wire codec (framing, both message
// directions, startup packets), authentication math (SCRAM-SHA-256, md5) and SQLSTATE constants.

export * from './message-codes.js';
export * from './sqlstate.js';
export * from './protocol-error.js';
export * from './message-writer.js';
export * from './frame-reader.js';
export * from './startup-packets.js';
export * from './frontend-messages.js';
export * from './frontend-decoder.js';
export * from './frontend-encoder.js';
export * from './bind-statement.js';
export * from './sasl-messages.js';
export * from './backend-messages.js';
export * from './backend-decoder.js';
export * from './backend-encoder.js';
export * from './error-field-names.js';
export * from './constant-frames.js';
export * from './scram.js';
export * from './md5-password.js';
export * from './type-oids.js';
