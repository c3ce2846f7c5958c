/**
 * The web console under {@code /console}: server-rendered pages (Thymeleaf, htmx, Chart.js from
 * webjars) for campaigns, batches, uploads, live counts and results, and the organization's
 * contact limit policy. A user signs in with an API
 * key, which the server keeps in the HTTP session and resolves again on every request (so a
 * revoked key signs the user out); every form carries a synchronizer CSRF token. The console owns
 * no table: it goes through the capabilities' services with the API's validation, so messages
 * match the API's.
 */
@NullMarked
package dev.outbound.console;

import org.jspecify.annotations.NullMarked;
