import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { EVENT_TYPES, PARTY_TYPES } from '@pharma-radar/contracts';
import { DELIVERY_MODES, type Tenant, type Vocabulary } from '@pharma-radar/notifier-subscriptions';
import { ADMIN_KEY_CHECK, VOCABULARY } from './tokens';
import { ApiError, ApiErrorCode, unauthorized } from './errors';
import { OPENAPI_DOCUMENT } from './openapi';
import { presentSubscriber } from './present';
import { SubscriptionsService, type Saved } from './subscriptions.service';

const saved = (s: Saved) => ({ subscriber: presentSubscriber(s.subscriber), resolved: s.resolved, warnings: s.warnings });
const presentTenant = (t: Tenant) => ({ id: t.id, name: t.name, createdAt: t.createdAt, apiKeys: t.apiKeys.map((k) => ({ id: k.id, createdAt: k.createdAt })) });

@Controller()
export class OpenApiController {
  constructor(@Inject(VOCABULARY) private readonly v: Vocabulary) {}

  @Get('openapi.json')
  document() {
    return OPENAPI_DOCUMENT;
  }

  /** The values a watchlist accepts, written where a user looks. */
  @Get('v1/vocabulary')
  vocabulary() {
    return {
      therapeuticAreas: this.v.therapeuticAreas.map((a) => a.label),
      geographies: this.v.geographies,
      eventTypes: EVENT_TYPES,
      partyTypes: PARTY_TYPES,
      deliveryModes: DELIVERY_MODES,
    };
  }
}

@Controller('v1')
export class TenantsController {
  constructor(
    private readonly service: SubscriptionsService,
    @Inject(ADMIN_KEY_CHECK) private readonly isAdmin: (authorization: string | undefined) => boolean,
  ) {}

  @Post('tenants')
  async createTenant(@Headers('authorization') auth: string | undefined, @Body() body: unknown) {
    if (!this.isAdmin(auth)) throw unauthorized();
    const fields = plainBody(body, ['name']);
    const created = await this.service.createTenant(fields.name);
    return { tenant: presentTenant(created.tenant), apiKey: created.apiKey };
  }

  @Get('tenant')
  tenant(@Headers('authorization') auth: string | undefined) {
    return presentTenant(this.service.authenticate(auth));
  }

  @Post('api-keys')
  async addKey(@Headers('authorization') auth: string | undefined, @Body() body: unknown) {
    const tenant = this.service.authenticate(auth);
    plainBody(body ?? {}, []);
    return this.service.addApiKey(tenant);
  }

  @Delete('api-keys/:keyId')
  @HttpCode(204)
  async revokeKey(@Headers('authorization') auth: string | undefined, @Param('keyId') keyId: string) {
    await this.service.revokeApiKey(this.service.authenticate(auth), keyId);
  }
}

@Controller('v1/subscribers')
export class SubscribersController {
  constructor(private readonly service: SubscriptionsService) {}

  @Get()
  list(@Headers('authorization') auth: string | undefined) {
    return { subscribers: this.service.listSubscribers(this.service.authenticate(auth)).map(presentSubscriber) };
  }

  @Post()
  async create(@Headers('authorization') auth: string | undefined, @Body() body: unknown) {
    return saved(await this.service.createSubscriber(this.service.authenticate(auth), body));
  }

  @Get(':id')
  get(@Headers('authorization') auth: string | undefined, @Param('id') id: string) {
    return presentSubscriber(this.service.getSubscriber(this.service.authenticate(auth), id));
  }

  @Put(':id')
  async replace(@Headers('authorization') auth: string | undefined, @Param('id') id: string, @Body() body: unknown) {
    return saved(await this.service.replaceSubscriber(this.service.authenticate(auth), id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Headers('authorization') auth: string | undefined, @Param('id') id: string) {
    await this.service.deleteSubscriber(this.service.authenticate(auth), id);
  }
}

/** A small body with only `allowed` fields, each named when refused. */
function plainBody(body: unknown, allowed: string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, ApiErrorCode.ValidationFailed, 'invalid body', [{ path: '(root)', message: 'expected a JSON object' }]);
  }
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length) {
    throw new ApiError(400, ApiErrorCode.ValidationFailed, 'invalid body', unknown.map((k) => ({ path: k, message: 'unknown field' })));
  }
  return body as Record<string, unknown>;
}
