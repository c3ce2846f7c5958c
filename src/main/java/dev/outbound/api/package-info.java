/**
 * The HTTP face shared by every capability: the exception tree and its one mapping to HTTP status
 * codes and the contract's error shapes, field-by-field validation of JSON bodies and query
 * parameters, list paging, body size limits, the served OpenAPI document with Swagger UI, the
 * security headers of every answer and the token in front of the metrics.
 * It depends on no other capability; controllers live with the capability they expose.
 */
@NullMarked
package dev.outbound.api;

import org.jspecify.annotations.NullMarked;
