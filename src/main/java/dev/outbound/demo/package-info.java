/**
 * The demo: {@code OUTBOUND_DEMO=true} (or {@code bin/run demo}) seeds the README's first campaign
 * and call list ({@code examples/}, shipped in the jar) through the same services as the API, so
 * the console shows simulated calls right after start. Owns no table.
 */
@NullMarked
package dev.outbound.demo;

import org.jspecify.annotations.NullMarked;
