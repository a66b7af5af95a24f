import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Asset, loadAssets } from './assets';
import { authError, DashboardAuth, KEY_COOKIE } from './auth';

export const DASHBOARD_ASSETS = Symbol('DASHBOARD_ASSETS');
export const assetsProvider = { provide: DASHBOARD_ASSETS, useFactory: () => loadAssets() };

const KEY_COOKIE_MAX_AGE_S = 8 * 3_600;

/**
 * The pages (HTML shells whose scripts fetch the JSON APIs) and their static files. Pages need a signed-in user and
 * send others to /login; the login page and the static files carry no data and are public.
 */
@Controller()
export class PagesController {
  constructor(
    private readonly auth: DashboardAuth,
    @Inject(DASHBOARD_ASSETS) private readonly assets: Map<string, Asset>,
  ) {}

  @Get()
  analyst(@Req() req: Request, @Res() res: Response) {
    return this.page(req, res, 'index.html');
  }

  @Get('collaborations/:id')
  collaboration(@Req() req: Request, @Res() res: Response) {
    return this.page(req, res, 'collaboration.html');
  }

  @Get('operations')
  operations(@Req() req: Request, @Res() res: Response) {
    return this.page(req, res, 'operations.html');
  }

  @Get('login')
  login(@Res() res: Response) {
    this.send(res, 'login.html');
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response) {
    if (name.endsWith('.html')) throw new NotFoundException();
    this.send(res, name);
  }

  /** JSON only: a cross-site form cannot post JSON, and SameSite=Strict keeps the cookie to this site. */
  @Post('auth/login')
  @HttpCode(204)
  async signIn(@Req() req: Request, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<void> {
    if (!req.is('application/json')) throw authError(401, 'send {"key": "prk_…"} as application/json');
    const key = typeof (body as { key?: unknown } | null)?.key === 'string' ? (body as { key: string }).key.trim() : '';
    if (!(await this.auth.checkLogin(key))) throw authError(401, 'unknown or revoked API key');
    res.cookie(KEY_COOKIE, key, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: KEY_COOKIE_MAX_AGE_S * 1_000 });
  }

  @Post('auth/logout')
  @HttpCode(204)
  signOut(@Res({ passthrough: true }) res: Response): void {
    res.clearCookie(KEY_COOKIE, { path: '/' });
  }

  private async page(req: Request, res: Response, file: string): Promise<void> {
    if (!(await this.auth.identify(req))) {
      res.redirect(302, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    this.send(res, file);
  }

  private send(res: Response, name: string): void {
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundException();
    res.setHeader('Content-Type', asset.type);
    // Pages and scripts change with a deploy; revalidating each time is cheap at this size.
    res.setHeader('Cache-Control', 'no-cache');
    res.send(asset.body);
  }
}
