export * from './config';
export * from './notifier.module';
export { NOTIFIER } from './flag.consumer';
export { Notifier, createQueue } from './notifier';
export { DeliveryLedger } from './delivery-ledger';
export { redriveDeadDeliveries } from './redrive';
export { BullJobQueue, DELIVERY_QUEUE_NAME } from './bullmq-job-queue';
export type { JobQueue } from './job-queue';
export { staticSubscribers, type SubscriberSource } from './subscriber-source';
