/**
 * The organization's policy ({@code GET/PUT /policy}): what applies to every campaign of an
 * organization on top of the campaign's own settings: its contact limit, restricted dates, rules by
 * recipient region and capacity. Owns the {@code organization_policy} table; the dispatcher and the
 * forecast read it through {@link dev.outbound.policy.Policies}.
 */
@NullMarked
package dev.outbound.policy;

import org.jspecify.annotations.NullMarked;
