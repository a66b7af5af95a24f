import { ArgumentsHost, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { firstValueFrom, isObservable } from 'rxjs';
import { ApiExceptionFilter, isApiPath, toApiError } from './api-exception.filter';
import { ApiError, ApiErrorCode } from './errors';

describe('ApiExceptionFilter', () => {
  it('should hand an event handler\'s error on unchanged when the context is not HTTP', async () => {
    const error = new Error('handler failed');
    const host = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    const out = new ApiExceptionFilter().catch(error, host);
    expect(isObservable(out)).toBe(true);
    await expect(firstValueFrom(out as never)).rejects.toBe(error);
  });

  it('should map Nest and body-parser errors to typed codes, and hide internal messages', () => {
    expect(toApiError(new PayloadTooLargeException()).code).toBe(ApiErrorCode.PayloadTooLarge);
    expect(toApiError(new NotFoundException('Cannot GET /v1/x')).body()).toEqual({ error: { code: 'NOT_FOUND', message: 'not found' } });
    expect(toApiError({ status: 415, message: 'unsupported charset "X"' }).code).toBe(ApiErrorCode.UnsupportedMediaType);
    expect(toApiError(new Error('secret detail')).body()).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    const own = new ApiError(409, ApiErrorCode.Conflict, 'exists');
    expect(toApiError(own)).toBe(own);
  });

  it('should claim only the API\'s paths', () => {
    expect(isApiPath('/v1/subscribers')).toBe(true);
    expect(isApiPath('/openapi.json')).toBe(true);
    expect(isApiPath('/health')).toBe(false);
    expect(isApiPath('/v10')).toBe(false);
  });
});
