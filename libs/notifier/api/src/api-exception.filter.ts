import { ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { Observable, throwError } from 'rxjs';
import { getLogger } from '@pharma-radar/platform-logging';
import { ApiError, ApiErrorCode } from './errors';

/** Paths this API answers; other routes of the same HTTP server keep Nest's default error handling. */
export function isApiPath(path: string): boolean {
  return path === '/openapi.json' || path === '/v1' || path.startsWith('/v1/');
}

const BY_STATUS: Record<number, ApiErrorCode> = {
  400: ApiErrorCode.ValidationFailed,
  401: ApiErrorCode.Unauthorized,
  404: ApiErrorCode.NotFound,
  405: ApiErrorCode.MethodNotAllowed,
  409: ApiErrorCode.Conflict,
  413: ApiErrorCode.PayloadTooLarge,
  415: ApiErrorCode.UnsupportedMediaType,
};

/**
 * Every error of the API as JSON with a typed code, including the ones raised before a controller runs (the body
 * parser's "too large" and "not JSON", unknown routes). Registered app-wide because body-parser errors only reach
 * global filters; it leaves other paths to Nest. The microservice inherits the app's global filters, so an event
 * handler's error is handed on unchanged (as KeepHandlerErrorFilter does), never answered as HTTP.
 */
@Catch()
export class ApiExceptionFilter extends BaseExceptionFilter {
  private readonly log = getLogger('SubscriptionsApi');

  override catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    if (host.getType() !== 'http') return throwError(() => exception);
    const req = host.switchToHttp().getRequest<Request>();
    if (!isApiPath(req.path)) return super.catch(exception, host);
    const res = host.switchToHttp().getResponse<Response>();
    const error = toApiError(exception);
    if (error.status >= 500) this.log.error('request failed', { method: req.method, path: req.path, reason: (exception as Error)?.message });
    if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    res.status(error.status).json(error.body());
  }
}

export function toApiError(exception: unknown): ApiError {
  if (exception instanceof ApiError) return exception;
  const status = exception instanceof HttpException ? exception.getStatus() : statusOf(exception);
  if (status === undefined || status >= 500) return new ApiError(500, ApiErrorCode.Internal, 'internal error');
  // Nest turns a body that is not JSON into a 400 whose message comes from the JSON parser.
  if (status === 400 && (exception instanceof SyntaxError || /JSON/i.test((exception as Error).message ?? ''))) {
    return new ApiError(400, ApiErrorCode.MalformedJson, 'the body is not valid JSON');
  }
  const code = BY_STATUS[status] ?? ApiErrorCode.ValidationFailed;
  const message = code === ApiErrorCode.PayloadTooLarge ? 'the body is too large' : code === ApiErrorCode.NotFound ? 'not found' : `request refused (${status})`;
  return new ApiError(status, code, message);
}

function statusOf(e: unknown): number | undefined {
  const s = (e as { status?: unknown; statusCode?: unknown } | null)?.status ?? (e as { statusCode?: unknown } | null)?.statusCode;
  return typeof s === 'number' && s >= 400 && s < 600 ? s : undefined;
}
