package dev.outbound.channel;

/**
 * Whom an unsubscribe link is for: the request an email was sent for, in its organization, to its
 * target. Carried signed in the link, so the service keeps nothing per email sent.
 */
public record UnsubscribeToken(long organizationId, long requestId, String target) {}
