export * from './start-receiver.js';
export * from './envelope-packer.js';
export * from './message-intake.js';
export * from './record-pump.js';
