import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { OpenApiController, SubscribersController, TenantsController } from './controllers';
import { UnsubscribeController } from './unsubscribe.controller';
import { ChannelsController } from './channels.controller';
import { FeedbackController } from './feedback.controller';
import { ApiErrorCode } from './errors';
import { createSubscriberSchema } from '@pharma-radar/notifier-subscriptions';
import { OPENAPI_DOCUMENT } from './openapi';

// "True to the routes": every controller route is in the document, and the document has no route the API lacks.
function routesOf(controller: new (...args: never[]) => unknown): string[] {
  const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '').replace(/^\/|\/$/g, '');
  const out: string[] = [];
  for (const name of Object.getOwnPropertyNames(controller.prototype)) {
    const handler = controller.prototype[name];
    const path = Reflect.getMetadata(PATH_METADATA, handler);
    const method = Reflect.getMetadata(METHOD_METADATA, handler);
    if (path === undefined || method === undefined || name === 'constructor') continue;
    const sub = String(path).replace(/^\/|\/$/g, '');
    const full = `/${[base, sub].filter(Boolean).join('/')}`.replace(/:(\w+)/g, '{$1}');
    out.push(`${RequestMethod[method].toLowerCase()} ${full}`);
  }
  return out;
}

describe('OPENAPI_DOCUMENT', () => {
  it('should document exactly the routes the controllers serve', () => {
    const served = [OpenApiController, TenantsController, SubscribersController, ChannelsController, UnsubscribeController, FeedbackController].flatMap(routesOf).sort();
    const documented = Object.entries(OPENAPI_DOCUMENT.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)).sort();
    expect(documented).toEqual(served);
    expect(served.length).toBeGreaterThan(8);
  });

  it('should document exactly the fields the subscriber schema accepts, in the record and in its watchlist', () => {
    const shape = createSubscriberSchema().shape;
    const input = OPENAPI_DOCUMENT.components.schemas.SubscriberInput.properties;
    expect(Object.keys(input).sort()).toEqual(Object.keys(shape).sort());
    expect(Object.keys(OPENAPI_DOCUMENT.components.schemas.Watchlist.properties).sort()).toEqual(Object.keys(shape.watchlist.shape).sort());
  });

  it('should list every error code the API can answer with', () => {
    expect(OPENAPI_DOCUMENT.components.schemas.Error.properties.error.properties.code.enum).toEqual(Object.values(ApiErrorCode));
  });

  it('should resolve every $ref to a declared schema', () => {
    const refs = [...JSON.stringify(OPENAPI_DOCUMENT).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(Object.keys(OPENAPI_DOCUMENT.components.schemas)).toContain(r);
  });
});
