/**
 * What is known about a target beyond its address, and which targets a campaign may reach: line
 * types and carrier data from Twilio Lookup v2 (fetched in the background after ingest, cached per
 * number in {@code number_lookup}), and the evaluation of a campaign's {@code target_filters} or
 * {@code allowed_line_types} over them. Without Lookup configured, the line type libphonenumber
 * gives at ingest is what filters see.
 */
@NullMarked
package dev.outbound.enrich;

import org.jspecify.annotations.NullMarked;
