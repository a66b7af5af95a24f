export * from './config';
export * from './notifier.module';
export { DeliveryLedger, deliveryLedgerOn } from './delivery-ledger';
export { redriveDeadDeliveries } from './redrive';
export { BullJobQueue } from './bullmq-job-queue';
export type { SubscriberSource } from './subscriber-source';
