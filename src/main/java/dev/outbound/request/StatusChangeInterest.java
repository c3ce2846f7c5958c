package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;

/**
 * Asked before a bulk change (cancel on delete or removal, expiry) whether anyone wants one
 * {@link RequestStatusChanged} per request moving to {@code toChannel} in this batch. Only then
 * are the rows read first, so a bulk change nobody listens to stays one statement.
 */
public interface StatusChangeInterest {
    boolean wants(long batchPk, ChannelManagerStatus toChannel);
}
