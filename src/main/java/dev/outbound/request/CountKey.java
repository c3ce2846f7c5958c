package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;

/** One counter cell: a request status and a channel status. */
record CountKey(RequestStatus requestStatus, ChannelManagerStatus channelStatus) {}
