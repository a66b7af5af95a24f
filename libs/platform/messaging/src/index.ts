export * from './bus';
export * from './envelope';
export * from './processing';
export * from './dead-letter';
export * from './in-memory-bus';
export * from './kafka-bus';
export * from './create-bus';
export * from './nest';
