import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ConsumerGroups, Topics } from '@pharma-radar/contracts';
import { EventOf, OnTopic } from '@pharma-radar/platform-messaging';
import { Notifier } from './notifier';

export const NOTIFIER = Symbol('NOTIFIER');

/** Decides and records; the send happens in a queue worker, off the consume path. */
@Controller()
export class FlagConsumer {
  constructor(@Inject(NOTIFIER) private readonly notifier: Notifier) {}

  @OnTopic(Topics.collaborationsFlagged, ConsumerGroups.notifier)
  async onFlag(@Payload() event: EventOf<typeof Topics.collaborationsFlagged>): Promise<void> {
    await this.notifier.planner.plan(event.payload, new Date(event.occurredAt));
  }
}
