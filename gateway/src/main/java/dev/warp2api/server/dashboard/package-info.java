/**
 * The admin dashboard's security: login sessions (an HttpOnly cookie naming a server-side session
 * with a per-session CSRF token), who a request with a session cookie is, and the pages' headers
 * and templates. The routes that serve it are the server's ({@code DashboardRoutes}).
 */
package dev.warp2api.server.dashboard;
