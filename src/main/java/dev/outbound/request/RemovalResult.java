package dev.outbound.request;

import java.util.List;

/**
 * What removing reference ids did: never-attempted requests left the batch ({@code removed});
 * attempted ones waiting for a retry were canceled ({@code canceled}); attempted ones that are in
 * progress or final stay as history ({@code kept}); ids not in the batch are listed in
 * {@code not_found}.
 */
public record RemovalResult(long removed, long canceled, List<String> kept, List<String> notFound) {}
