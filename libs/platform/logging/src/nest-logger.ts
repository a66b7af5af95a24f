import type { LoggerService } from '@nestjs/common';
import { getLogger } from './logger';

/** Routes Nest's own framework logs through the same pino logger, so there is one log style. */
export class NestLoggerAdapter implements LoggerService {
  private readonly logger = getLogger('Nest');
  log(message: unknown, context?: string) { this.logger.info(String(message), { nestContext: context }); }
  error(message: unknown, trace?: string, context?: string) { this.logger.error(String(message), { nestContext: context, trace }); }
  warn(message: unknown, context?: string) { this.logger.warn(String(message), { nestContext: context }); }
  debug(message: unknown, context?: string) { this.logger.debug(String(message), { nestContext: context }); }
  verbose(message: unknown, context?: string) { this.logger.debug(String(message), { nestContext: context }); }
}
