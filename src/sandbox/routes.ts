import { ApiError, notFound, SandboxErrorCode } from './api-error.js';
import {
  batchUpdate,
  createCustomer,
  deleteCustomer,
  getCustomer,
  listCustomers,
  patchCustomer,
  replaceCustomer,
  searchCustomers,
  type Handler,
} from './customer-handlers.js';

interface Route {
  /** The path as stats name it, e.g. `/customers/:id`. */
  name: string;
  path: RegExp;
  methods: Partial<Record<string, Handler>>;
}

// `search` and `batch` come before `:id`, and `:id` only takes digits, so neither can be read as an id.
const ROUTES: Route[] = [
  { name: '/customers', path: /^\/v1\/customers$/, methods: { GET: listCustomers, POST: createCustomer } },
  { name: '/customers/search', path: /^\/v1\/customers\/search$/, methods: { POST: searchCustomers } },
  { name: '/customers/batch', path: /^\/v1\/customers\/batch$/, methods: { PUT: batchUpdate } },
  {
    name: '/customers/:id',
    path: /^\/v1\/customers\/(\d{1,15})$/,
    methods: { GET: getCustomer, PUT: replaceCustomer, PATCH: patchCustomer, DELETE: deleteCustomer },
  },
];

/** The route key stats use for a path no route knows. */
export const UNMATCHED_ROUTE = 'unmatched';

/** A request resolved to its handler, or to the 404/405 it earns. `key` is the stats key either way. */
export type RouteMatch = { key: string; handler: Handler; id: number } | { key: string; error: ApiError };

/** Resolves method and path (which includes the `/v1` prefix). */
export function matchRoute(method: string, pathname: string): RouteMatch {
  for (const route of ROUTES) {
    const match = route.path.exec(pathname);
    if (match === null) continue;
    const key = `${method} ${route.name}`;
    const handler = route.methods[method];
    if (handler === undefined) return { key, error: methodNotAllowed(method, route) };
    return { key, handler, id: match[1] === undefined ? 0 : Number(match[1]) };
  }
  return { key: UNMATCHED_ROUTE, error: notFound(`No route for ${method} ${pathname}.`) };
}

function methodNotAllowed(method: string, route: Route): ApiError {
  const allowed = Object.keys(route.methods).join(', ');
  const message = `${method} is not allowed on ${route.name}; use ${allowed}.`;
  return new ApiError(405, [{ code: SandboxErrorCode.methodNotAllowed, message }], { allow: allowed });
}
