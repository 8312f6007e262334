// The dashboard's HTTP routes, mounted on a service's admin port: the page, its script and style,
// uPlot (installed from npm and served from node_modules: no CDN, works offline) and the JSON the
// page polls.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { projectPath } from '../../paths';
import type { DashboardHistory } from './history';

type Route = () => Promise<[number, string, string | Buffer]>;

const STATIC_DIR = projectPath('services', 'common', 'ops', 'dashboard', 'static');
const UPLOT_DIR = join(dirname(require.resolve('uplot/package.json')), 'dist');

function file(path: string, type: string): Route {
  let cached: Buffer | undefined; // read once: these files change only with a new release
  return async () => [200, type, (cached ??= await readFile(path))];
}

export function dashboardRoutes(history: DashboardHistory): Record<string, Route> {
  const page = file(join(STATIC_DIR, 'dashboard.html'), 'text/html; charset=utf-8');
  return {
    '/': page,
    '/dashboard': page,
    '/static/dashboard.js': file(join(STATIC_DIR, 'dashboard.js'), 'text/javascript; charset=utf-8'),
    '/static/dashboard.css': file(join(STATIC_DIR, 'dashboard.css'), 'text/css; charset=utf-8'),
    '/static/uPlot.iife.min.js': file(join(UPLOT_DIR, 'uPlot.iife.min.js'), 'text/javascript; charset=utf-8'),
    '/static/uPlot.min.css': file(join(UPLOT_DIR, 'uPlot.min.css'), 'text/css; charset=utf-8'),
    '/api/dashboard': async () => [200, 'application/json', JSON.stringify(history.snapshot())],
  };
}
